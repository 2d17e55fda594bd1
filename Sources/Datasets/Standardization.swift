import Foundation

/// The affine map that standardises a point set coordinate by coordinate,
/// `x'_j = scale (x_j - mean_j) / std_j`, with the means and population standard deviations
/// (`ddof = 0`, as scikit-learn's `StandardScaler`) of the points it was fitted to.
///
/// Keep it when a density of the original points matters: a density `p_X` becomes
/// `log p_{X'}(x') = log p_X(x) - logDeterminant` on the standardised points.
/// ```swift
/// let standardization = Standardization(fittedTo: raw)
/// let points = standardization(raw)
/// let logDensity = ToyDatasets.twoMoonsLogDensity(standardization.inverse(points[0]), noise: 0.08)
///     - standardization.logDeterminant
/// ```
public struct Standardization: Sendable {
    /// The mean of each coordinate of the fitted points.
    public let means: [Double]
    /// The population standard deviation of each coordinate of the fitted points.
    public let deviations: [Double]
    /// The common factor applied after standardising.
    public let scale: Double

    /// Fits the map to `points` (all of the same dimension).
    /// - Precondition: at least two points, none of the coordinates constant, `scale > 0`.
    public init(fittedTo points: [[Double]], scale: Double = 1) {
        precondition(points.count >= 2, "Standardization: needs at least 2 points, got \(points.count)")
        precondition(scale > 0, "Standardization: scale \(scale) must be positive")
        let d = points[0].count
        let n = Double(points.count)
        let means = (0..<d).map { j in points.reduce(0) { $0 + $1[j] } / n }
        let deviations = (0..<d).map { j in (points.reduce(0) { $0 + ($1[j] - means[j]) * ($1[j] - means[j]) } / n).squareRoot() }
        precondition(deviations.allSatisfy { $0 > 0 }, "Standardization: a coordinate is constant (deviations \(deviations))")
        (self.means, self.deviations, self.scale) = (means, deviations, scale)
    }

    /// The standardised points `scale (x - mean) / std`.
    public func callAsFunction(_ points: [[Double]]) -> [[Double]] {
        points.map { p in
            precondition(p.count == means.count, "Standardization: a point of dimension \(p.count), fitted to \(means.count)")
            return (0..<means.count).map { scale * (p[$0] - means[$0]) / deviations[$0] }
        }
    }

    /// The original point whose standardised image is `point`: `mean + std · point / scale`.
    public func inverse(_ point: [Double]) -> [Double] {
        precondition(point.count == means.count, "Standardization.inverse: a point of dimension \(point.count), fitted to \(means.count)")
        return (0..<means.count).map { means[$0] + deviations[$0] * point[$0] / scale }
    }

    /// `log|det ∂x'/∂x| = Σ_j log(scale / std_j)`, the same at every point.
    public var logDeterminant: Double {
        deviations.reduce(0) { $0 + log(scale / $1) }
    }
}
