import Foundation
import Tensors

/// The shape of the component covariances of an N-D Gaussian mixture.
public enum CovarianceType: String, Sendable {
    /// Each component has its own full `d × d` covariance matrix.
    case full
    /// Each component has its own diagonal covariance (independent coordinates).
    case diagonal
}

/// A mixture of `K` Gaussians in `d` dimensions with full or diagonal covariances.
///
/// `p(x) = Σ_k w_k N(x | μ_k, Σ_k)` with
/// `log N(x | μ, Σ) = -½ (d log 2π + log det Σ + (x - μ)ᵀ Σ⁻¹ (x - μ))`, evaluated through the
/// Cholesky factor of `Σ`. Fit it with `fitted(to:tolerance:maxIterations:regularization:)`.
public struct GaussianMixture: Distribution, Sendable {
    /// The mixing weights `w_k`, normalised to sum to 1.
    public let weights: [Double]
    /// The component means `μ_k`, each of dimension `d`.
    public let means: [[Double]]
    /// The component covariances `Σ_k` as full `d × d` matrices (diagonal ones have zeros off the diagonal).
    /// The covariance matrices `Σ_k`, `[K][d][d]` (for `.diagonal`, built from the variances on demand).
    public var covariances: [[[Double]]] {
        switch shape {
        case .full(let matrices, _): matrices
        case .diagonal(let variances, _):
            variances.map { v in v.indices.map { i in v.indices.map { j in i == j ? v[i] : 0 } } }
        }
    }
    public let covarianceType: CovarianceType
    private let shape: ComponentShape
    private let componentChoice: Categorical

    /// How the components' covariances are stored: full matrices with their Cholesky factors, or
    /// per-coordinate variances, which keep a diagonal mixture O(d) per point in any dimension
    /// (784 pixels, say) instead of O(d²).
    private enum ComponentShape: Sendable {
        case full(matrices: [[[Double]]], factors: [Cholesky])
        case diagonal(variances: [[Double]], logDeterminants: [Double])
    }

    /// Creates a mixture from weights (normalised by their sum), means and full covariance matrices.
    /// For `.diagonal`, the off-diagonal entries are set to zero.
    /// - Precondition: matching counts and dimensions; covariances are symmetric positive definite.
    public init(weights: [Double], means: [[Double]], covariances: [[[Double]]], covarianceType: CovarianceType = .full) {
        precondition(!weights.isEmpty && weights.count == means.count && means.count == covariances.count,
                     "GaussianMixture: \(weights.count) weights, \(means.count) means, \(covariances.count) covariances")
        let d = commonDimension(means, "GaussianMixture")
        for (k, c) in covariances.enumerated() where c.count != d || c.contains(where: { $0.count != d }) {
            preconditionFailure("GaussianMixture: covariance \(k) is not \(d) x \(d): \(c)")
        }
        if covarianceType == .diagonal {
            self.init(weights: weights, means: means, diagonalVariances: covariances.map { c in c.indices.map { c[$0][$0] } })
        } else {
            self.init(weights: weights, means: means, shape: .full(matrices: covariances, factors: covariances.map(Cholesky.init)))
        }
    }

    /// Creates a diagonal-covariance mixture from per-coordinate variances `variances[k][j] = Σ_k[j][j]`.
    /// - Precondition: matching counts and dimensions; every variance is positive.
    public init(weights: [Double], means: [[Double]], diagonalVariances variances: [[Double]]) {
        precondition(!weights.isEmpty && weights.count == means.count && means.count == variances.count,
                     "GaussianMixture: \(weights.count) weights, \(means.count) means, \(variances.count) variance vectors")
        let d = commonDimension(means, "GaussianMixture")
        for (k, v) in variances.enumerated() where v.count != d || v.contains(where: { !($0 > 0) }) {
            preconditionFailure("GaussianMixture: variances of component \(k) must be \(d) positive numbers")
        }
        self.init(weights: weights, means: means,
                  shape: .diagonal(variances: variances, logDeterminants: variances.map { $0.reduce(0) { $0 + log($1) } }))
    }

    private init(weights: [Double], means: [[Double]], shape: ComponentShape) {
        componentChoice = Categorical(probabilities: weights)
        self.weights = componentChoice.probabilities
        self.means = means
        self.shape = shape
        if case .diagonal = shape { covarianceType = .diagonal } else { covarianceType = .full }
    }

    /// The number of components `K`.
    public var componentCount: Int { weights.count }
    /// The dimension `d` of a data point.
    public var dimension: Int { means[0].count }

    /// Returns `log w_k + log N(x | μ_k, Σ_k)` for every component `k`.
    public func componentLogProbs(_ x: [Double]) -> [Double] {
        precondition(x.count == dimension, "GaussianMixture: point has \(x.count) coordinates, expected \(dimension)")
        return (0..<componentCount).map { k in
            let mahalanobis: Double, logDeterminant: Double
            switch shape {
            case .full(_, let factors):
                let whitened = factors[k].solveLower(zip(x, means[k]).map { $0 - $1 })
                mahalanobis = whitened.reduce(0) { $0 + $1 * $1 }
                logDeterminant = factors[k].logDeterminant
            case .diagonal(let variances, let logDeterminants):
                var sum = 0.0
                for j in 0..<x.count {
                    let centred = x[j] - means[k][j]
                    sum += centred * centred / variances[k][j]
                }
                mahalanobis = sum
                logDeterminant = logDeterminants[k]
            }
            return log(weights[k]) - 0.5 * (Double(dimension) * logTwoPi + logDeterminant + mahalanobis)
        }
    }

    /// Returns `log p(x) = logSumExp_k (log w_k + log N(x | μ_k, Σ_k))`.
    public func logProb(_ x: [Double]) -> Double {
        logSumExp(componentLogProbs(x))
    }

    /// Draws `k ~ Categorical(w)`, then `x = μ_k + L_k z` with `z ~ N(0, I)` and `Σ_k = L_k L_kᵀ`.
    public func sample(using generator: inout RandomGenerator) -> [Double] {
        let k = componentChoice.sample(using: &generator)
        let z = (0..<dimension).map { _ in generator.nextNormal() }
        switch shape {
        case .full(_, let factors):
            return zip(means[k], factors[k].multiplyLower(z)).map { $0 + $1 }
        case .diagonal(let variances, _):
            return (0..<dimension).map { means[k][$0] + variances[k][$0].squareRoot() * z[$0] }
        }
    }

    /// Returns the responsibilities `p(k | x_i)` of every component for every point.
    public func responsibilities(_ data: [[Double]]) -> [[Double]] {
        expectationStep(data).responsibilities
    }
}

// MARK: - Expectation-maximisation

extension GaussianMixture: ExpectationMaximizable {
    /// The E-step: `r_ik = w_k N(x_i | μ_k, Σ_k) / Σ_j w_j N(x_i | μ_j, Σ_j)`, in log space, and
    /// the mean log-likelihood `(1/N) Σ_i log p(x_i)`.
    public func expectationStep(_ data: [[Double]]) -> ExpectationStepResult {
        precondition(!data.isEmpty, "GaussianMixture.expectationStep: data is empty")
        var total = 0.0
        let responsibilities = data.map { x -> [Double] in
            let joint = componentLogProbs(x)
            let logPx = logSumExp(joint)
            total += logPx
            return joint.map { exp($0 - logPx) }
        }
        return ExpectationStepResult(responsibilities: responsibilities, meanLogLikelihood: total / Double(data.count))
    }

    /// The M-step, keeping this mixture's `covarianceType`.
    ///
    /// With `N_k = Σ_i r_ik + 10 ε` (scikit-learn's guard against empty components):
    /// `w_k = N_k / N`, `μ_k = Σ_i r_ik x_i / N_k`,
    /// `Σ_k = Σ_i r_ik (x_i - μ_k)(x_i - μ_k)ᵀ / N_k + regularization · I` (`.full`), or only its
    /// diagonal (`.diagonal`). `regularization` is scikit-learn's `reg_covar` (default 1e-6).
    public func maximizationStep(_ data: [[Double]], responsibilities: [[Double]], regularization: Double) -> GaussianMixture {
        let d = commonDimension(data, "GaussianMixture.maximizationStep")
        precondition(data.count == responsibilities.count,
                     "GaussianMixture.maximizationStep: \(data.count) points, \(responsibilities.count) responsibility rows")
        let componentCount = responsibilities[0].count
        var counts = [Double](repeating: 10 * Double.ulpOfOne, count: componentCount)
        var sums = [[Double]](repeating: [Double](repeating: 0, count: d), count: componentCount)
        for (x, r) in zip(data, responsibilities) {
            for k in 0..<componentCount {
                counts[k] += r[k]
                for j in 0..<d { sums[k][j] += r[k] * x[j] }
            }
        }
        let newMeans = (0..<componentCount).map { k in sums[k].map { $0 / counts[k] } }
        let newWeights = counts.map { $0 / Double(data.count) }
        if covarianceType == .diagonal {
            var squares = [[Double]](repeating: [Double](repeating: 0, count: d), count: componentCount)
            for (x, r) in zip(data, responsibilities) {
                for k in 0..<componentCount {
                    for j in 0..<d {
                        let centred = x[j] - newMeans[k][j]
                        squares[k][j] += r[k] * centred * centred
                    }
                }
            }
            let variances = (0..<componentCount).map { k in squares[k].map { $0 / counts[k] + regularization } }
            return GaussianMixture(weights: newWeights, means: newMeans, diagonalVariances: variances)
        }
        var scatter = [[[Double]]](repeating: [[Double]](repeating: [Double](repeating: 0, count: d), count: d),
                                   count: componentCount)
        for (x, r) in zip(data, responsibilities) {
            for k in 0..<componentCount {
                let centred = (0..<d).map { x[$0] - newMeans[k][$0] }
                for i in 0..<d {
                    for j in 0...i {
                        scatter[k][i][j] += r[k] * centred[i] * centred[j]
                    }
                }
            }
        }
        let newCovariances = (0..<componentCount).map { k in
            (0..<d).map { i in
                (0..<d).map { j in
                    let s = scatter[k][max(i, j)][min(i, j)] / counts[k]
                    return i == j ? s + regularization : s
                }
            }
        }
        return GaussianMixture(weights: newWeights, means: newMeans, covariances: newCovariances, covarianceType: .full)
    }

    /// Returns a starting mixture from seeded k-means++ and Lloyd's k-means: one M-step on the
    /// hard cluster assignments (weights are cluster shares, means centroids, covariances the
    /// within-cluster covariances plus `regularization`), as scikit-learn's `init_params="kmeans"`.
    public static func kMeansInitialization(_ data: [[Double]], componentCount: Int, covarianceType: CovarianceType,
                                            regularization: Double = 1e-6,
                                            using generator: inout RandomGenerator) -> GaussianMixture {
        let d = commonDimension(data, "GaussianMixture.kMeansInitialization")
        let clustering = KMeans.fit(data, clusterCount: componentCount, using: &generator)
        let oneHot = clustering.assignments.map { a in (0..<componentCount).map { $0 == a ? 1.0 : 0.0 } }
        let identity = (0..<d).map { i in (0..<d).map { j in i == j ? 1.0 : 0.0 } }
        let placeholder = GaussianMixture(weights: [Double](repeating: 1, count: componentCount),
                                          means: clustering.centroids,
                                          covariances: [[[Double]]](repeating: identity, count: componentCount),
                                          covarianceType: covarianceType)
        return placeholder.maximizationStep(data, responsibilities: oneHot, regularization: regularization)
    }
}
