import Foundation
import Tensors

/// How a kernel density estimate chooses its bandwidth `h`.
public enum BandwidthRule: Sendable {
    /// A given bandwidth `h > 0`.
    case fixed(Double)
    /// Scott's rule: `h = σ̂ n^(-1/(d+4))`.
    case scott
    /// Silverman's rule: `h = σ̂ (n (d+2) / 4)^(-1/(d+4))`.
    case silverman

    /// Returns the bandwidth this rule gives on `data` (`n` points of dimension `d`).
    ///
    /// The factors `n^(-1/(d+4))` (Scott) and `(n (d+2) / 4)^(-1/(d+4))` (Silverman) are exactly
    /// `scipy.stats.gaussian_kde(...).factor` and scikit-learn's `KernelDensity(bandwidth="scott")`
    /// / `"silverman"` bandwidths. scikit-learn uses the bare factor, which assumes standardised
    /// data; this rule multiplies it by the data's spread `σ̂ = sqrt(mean_j Var_j)` (unbiased
    /// per-coordinate variances, `ddof = 1`), which in 1-D is scipy's kernel standard deviation
    /// `factor * x.std(ddof=1)`. In 1-D Silverman's rule is `1.06 σ̂ n^(-1/5)`.
    public func bandwidth(for data: [[Double]]) -> Double {
        let d = commonDimension(data, "BandwidthRule.bandwidth")
        let n = Double(data.count)
        let exponent = -1 / (Double(d) + 4)
        switch self {
        case .fixed(let h):
            precondition(h > 0, "BandwidthRule.fixed: bandwidth \(h) must be positive")
            return h
        case .scott:
            return Self.spread(data, dimension: d) * pow(n, exponent)
        case .silverman:
            return Self.spread(data, dimension: d) * pow(n * (Double(d) + 2) / 4, exponent)
        }
    }

    /// `σ̂ = sqrt((1/d) Σ_j Var_j(x))` with unbiased variances.
    static func spread(_ data: [[Double]], dimension d: Int) -> Double {
        precondition(data.count >= 2, "BandwidthRule: a data-driven rule needs at least 2 points, got \(data.count)")
        let total = (0..<d).reduce(0) { sum, j in sum + variance(data.map { $0[j] }, ddof: 1) }
        precondition(total > 0, "BandwidthRule: the data have zero spread")
        return (total / Double(d)).squareRoot()
    }
}

/// A kernel density estimate with a Gaussian kernel in `d` dimensions.
///
/// `p̂(x) = (1/n) Σ_i N(x | x_i, h² I)`, so
/// `log p̂(x) = logSumExp_i(-|x - x_i|² / (2h²)) - log n - (d/2) log(2π h²)`, the same value as
/// `sklearn.neighbors.KernelDensity(kernel="gaussian", bandwidth=h).score_samples`.
/// Sampling draws a data point uniformly and adds `N(0, h² I)` noise.
public struct KernelDensity: Distribution, Sendable {
    /// The data points `x_i` the kernels sit on.
    public let data: [[Double]]
    /// The kernel standard deviation `h`.
    public let bandwidth: Double

    /// Creates an estimate on `data` with the bandwidth `rule` gives.
    /// - Precondition: `data` is not empty and all points have the same dimension.
    public init(data: [[Double]], bandwidth rule: BandwidthRule) {
        _ = commonDimension(data, "KernelDensity")
        self.data = data
        bandwidth = rule.bandwidth(for: data)
    }

    /// Creates an estimate on 1-D `data` (each value becomes a 1-D point).
    public init(data: [Double], bandwidth rule: BandwidthRule) {
        self.init(data: data.map { [$0] }, bandwidth: rule)
    }

    /// The dimension `d` of a point.
    public var dimension: Int { data[0].count }

    /// Returns `log p̂(x) = logSumExp_i(-|x - x_i|² / (2h²)) - log n - (d/2) log(2π h²)`.
    public func logDensity(at x: [Double]) -> Double {
        precondition(x.count == dimension, "KernelDensity.logDensity: point has \(x.count) coordinates, expected \(dimension)")
        let scale = -0.5 / (bandwidth * bandwidth)
        let exponents = data.map { scale * squaredDistance(x, $0) }
        return logSumExp(exponents) - log(Double(data.count))
            - 0.5 * Double(dimension) * (logTwoPi + 2 * log(bandwidth))
    }

    /// Returns `log p̂(x)` for a 1-D estimate.
    public func logDensity(at x: Double) -> Double {
        logDensity(at: [x])
    }

    /// Same as `logDensity(at:)`.
    public func logProb(_ x: [Double]) -> Double {
        logDensity(at: x)
    }

    /// Draws `x_i` uniformly from the data and returns `x_i + h z` with `z ~ N(0, I)`.
    public func sample(using generator: inout RandomGenerator) -> [Double] {
        let centre = data[generator.nextInt(below: data.count)]
        return centre.map { $0 + bandwidth * generator.nextNormal() }
    }

    /// Draws `n` samples of a 1-D estimate as plain numbers.
    public func sampleValues(_ n: Int, using generator: inout RandomGenerator) -> [Double] {
        precondition(dimension == 1, "KernelDensity.sampleValues: the estimate is \(dimension)-D, not 1-D")
        return sample(n, using: &generator).map { $0[0] }
    }
}
