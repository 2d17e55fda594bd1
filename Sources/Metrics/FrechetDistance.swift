import Foundation

/// A Gaussian summary of a set of feature vectors: their mean and covariance.
public struct GaussianStatistics: Sendable {
    /// The mean `μ = (1/n) Σ_i f_i`.
    public let mean: [Double]
    /// The unbiased covariance `Σ = (1/(n-1)) Σ_i (f_i - μ)(f_i - μ)ᵀ` (NumPy's `np.cov(rowvar=False)`).
    public let covariance: [[Double]]

    /// Creates statistics from a given mean and covariance.
    public init(mean: [Double], covariance: [[Double]]) {
        precondition(covariance.count == mean.count && covariance.allSatisfy { $0.count == mean.count },
                     "GaussianStatistics: mean has \(mean.count) entries, covariance is \(covariance.count) x \(covariance.first?.count ?? 0)")
        self.mean = mean
        self.covariance = covariance
    }

    /// Fits the mean and unbiased covariance of `features` (one row per example).
    /// - Precondition: at least two rows of the same length.
    public init(features: [[Double]]) {
        precondition(features.count >= 2, "GaussianStatistics: needs at least 2 feature vectors, got \(features.count)")
        let d = features[0].count
        precondition(features.allSatisfy { $0.count == d }, "GaussianStatistics: feature vectors differ in length")
        let n = Double(features.count)
        let mean = (0..<d).map { j in features.reduce(0) { $0 + $1[j] } / n }
        var covariance = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
        for f in features {
            let centred = (0..<d).map { f[$0] - mean[$0] }
            for i in 0..<d { for j in 0...i { covariance[i][j] += centred[i] * centred[j] } }
        }
        for i in 0..<d {
            for j in 0...i {
                covariance[i][j] /= n - 1
                covariance[j][i] = covariance[i][j]
            }
        }
        self.init(mean: mean, covariance: covariance)
    }
}

/// Returns the Fréchet distance between two Gaussians (the squared 2-Wasserstein distance):
///
/// `d² = |μ₁ - μ₂|² + tr(Σ₁ + Σ₂ - 2 (Σ₁ Σ₂)^{1/2})` (Dowson and Landau, 1982; FID, Heusel et al., 2017).
///
/// `tr (Σ₁ Σ₂)^{1/2}` is computed as `tr (Σ₁^{1/2} Σ₂ Σ₁^{1/2})^{1/2}`, which has the same
/// eigenvalues but is symmetric, so both square roots come from `SymmetricEigendecomposition`.
public func frechetDistance(_ first: GaussianStatistics, _ second: GaussianStatistics) -> Double {
    let d = first.mean.count
    precondition(second.mean.count == d, "frechetDistance: dimensions \(d) and \(second.mean.count) differ")
    let meanTerm = (0..<d).reduce(0) { $0 + (first.mean[$1] - second.mean[$1]) * (first.mean[$1] - second.mean[$1]) }
    let rootFirst = SymmetricEigendecomposition(first.covariance).squareRoot()
    let product = multiply(multiply(rootFirst, second.covariance), rootFirst)
    let symmetric = (0..<d).map { i in (0..<d).map { j in (product[i][j] + product[j][i]) / 2 } }
    let traceOfRoot = SymmetricEigendecomposition(symmetric).eigenvalues.reduce(0) { $0 + max($1, 0).squareRoot() }
    let traces = (0..<d).reduce(0) { $0 + first.covariance[$1][$1] + second.covariance[$1][$1] }
    return meanTerm + traces - 2 * traceOfRoot
}

/// Returns the Fréchet distance between Gaussians fitted to two feature sets (rows are examples).
public func frechetDistance(features first: [[Double]], _ second: [[Double]]) -> Double {
    frechetDistance(GaussianStatistics(features: first), GaussianStatistics(features: second))
}

/// The matrix product `A B`.
func multiply(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
    let inner = b.count
    let columns = b.first?.count ?? 0
    return a.map { row in
        (0..<columns).map { j in (0..<inner).reduce(0) { $0 + row[$1] * b[$1][j] } }
    }
}
