import Foundation
import Tensors

/// A mixture of `K` one-dimensional Gaussians.
///
/// `p(x) = Σ_k w_k N(x | μ_k, σ_k²)` with weights `w_k >= 0` summing to 1. Sampling is ancestral:
/// draw a component `k ~ Categorical(w)` by discrete inverse transform, then `x ~ N(μ_k, σ_k²)`.
public struct GaussianMixture1D: UnivariateDistribution, Sendable {
    /// The mixing weights `w_k`, normalised to sum to 1.
    public let weights: [Double]
    /// The component means `μ_k`.
    public let means: [Double]
    /// The component variances `σ_k²`.
    public let variances: [Double]
    private let componentChoice: Categorical

    /// Creates a mixture from weights (normalised by their sum), means and variances.
    /// - Precondition: the three arrays have the same non-zero length; variances are positive.
    public init(weights: [Double], means: [Double], variances: [Double]) {
        precondition(!weights.isEmpty && weights.count == means.count && means.count == variances.count,
                     "GaussianMixture1D: \(weights.count) weights, \(means.count) means, \(variances.count) variances")
        precondition(variances.allSatisfy { $0 > 0 }, "GaussianMixture1D: variances \(variances) must be positive")
        componentChoice = Categorical(probabilities: weights)
        self.weights = componentChoice.probabilities
        self.means = means
        self.variances = variances
    }

    /// Creates a mixture from weights, means and standard deviations `σ_k` (as on the lecture's slides).
    public init(weights: [Double], means: [Double], standardDeviations: [Double]) {
        self.init(weights: weights, means: means, variances: standardDeviations.map { $0 * $0 })
    }

    /// The number of components `K`.
    public var componentCount: Int { weights.count }

    /// The component standard deviations `σ_k`.
    public var standardDeviations: [Double] { variances.map { $0.squareRoot() } }

    /// The component `k` as a `Normal`.
    public func component(_ k: Int) -> Normal {
        Normal(mean: means[k], standardDeviation: variances[k].squareRoot())
    }

    /// Returns the joint log-densities `log w_k + log N(x | μ_k, σ_k²)` for every component `k`.
    public func componentLogProbs(_ x: Double) -> [Double] {
        (0..<componentCount).map { k in
            let d = x - means[k]
            return log(weights[k]) - 0.5 * (logTwoPi + log(variances[k]) + d * d / variances[k])
        }
    }

    /// Returns the responsibilities `p(k | x_i)` of every component for every point (the E-step's output).
    public func responsibilities(_ data: [Double]) -> [[Double]] {
        expectationStep(data).responsibilities
    }

    /// Returns `log p(x) = logSumExp_k (log w_k + log N(x | μ_k, σ_k²))`.
    public func logProb(_ x: Double) -> Double {
        logSumExp(componentLogProbs(x))
    }

    /// Draws `k ~ Categorical(w)`, then `x ~ N(μ_k, σ_k²)`.
    public func sample(using generator: inout RandomGenerator) -> Double {
        let k = componentChoice.sample(using: &generator)
        return component(k).sample(using: &generator)
    }

    /// Returns `Σ_k w_k Φ((x - μ_k)/σ_k)`.
    public func cdf(_ x: Double) -> Double {
        (0..<componentCount).reduce(0) { $0 + weights[$1] * component($1).cdf(x) }
    }

    /// Returns the quantile `x` with `cdf(x) = u`, found by bisection to a relative width of 1e-14.
    /// - Precondition: `0 <= u <= 1`.
    public func inverseCDF(_ u: Double) -> Double {
        precondition(u >= 0 && u <= 1, "GaussianMixture1D.inverseCDF: u = \(u) is outside [0, 1]")
        if u == 0 { return -.infinity }
        if u == 1 { return .infinity }
        // Every component quantile brackets the mixture quantile: cdf is a weighted mean of them.
        let quantiles = (0..<componentCount).map { component($0).inverseCDF(u) }
        var low = quantiles.min() ?? 0
        var high = quantiles.max() ?? 0
        while high - low > 1e-14 * max(1, abs(low), abs(high)) {
            let middle = (low + high) / 2
            if cdf(middle) < u { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}

// MARK: - Expectation-maximisation

extension GaussianMixture1D: ExpectationMaximizable {
    /// The E-step: the responsibilities `r_ik = p(k | x_i)` and the mean log-likelihood.
    ///
    /// `r_ik = w_k N(x_i | μ_k, σ_k²) / Σ_j w_j N(x_i | μ_j, σ_j²)`, computed in log space
    /// (`log r_ik = log w_k + log N(x_i | μ_k, σ_k²) - log p(x_i)`) so that far-away points do not
    /// underflow; `meanLogLikelihood = (1/N) Σ_i log p(x_i)`.
    public func expectationStep(_ data: [Double]) -> ExpectationStepResult {
        precondition(!data.isEmpty, "GaussianMixture1D.expectationStep: data is empty")
        var responsibilities: [[Double]] = []
        responsibilities.reserveCapacity(data.count)
        var total = 0.0
        for x in data {
            let joint = componentLogProbs(x)
            let logPx = logSumExp(joint)
            total += logPx
            responsibilities.append(joint.map { exp($0 - logPx) })
        }
        return ExpectationStepResult(responsibilities: responsibilities, meanLogLikelihood: total / Double(data.count))
    }

    /// The M-step: the parameters that maximise the expected complete-data log-likelihood.
    ///
    /// With `N_k = Σ_i r_ik` (plus `10 ε`, as scikit-learn adds, so an empty component cannot divide by 0):
    /// `w_k = N_k / N`, `μ_k = Σ_i r_ik x_i / N_k`, `σ_k² = Σ_i r_ik (x_i - μ_k)² / N_k + regularization`.
    /// - Parameter regularization: Added to every variance; scikit-learn's `reg_covar` (default 1e-6).
    public func maximizationStep(_ data: [Double], responsibilities: [[Double]], regularization: Double) -> GaussianMixture1D {
        precondition(data.count == responsibilities.count,
                     "GaussianMixture1D.maximizationStep: \(data.count) points, \(responsibilities.count) responsibility rows")
        let k = responsibilities.first?.count ?? 0
        precondition(k > 0, "GaussianMixture1D.maximizationStep: responsibilities have no components")
        var counts = [Double](repeating: 10 * Double.ulpOfOne, count: k)
        var sums = [Double](repeating: 0, count: k)
        for (x, r) in zip(data, responsibilities) {
            for j in 0..<k {
                counts[j] += r[j]
                sums[j] += r[j] * x
            }
        }
        let newMeans = (0..<k).map { sums[$0] / counts[$0] }
        var squares = [Double](repeating: 0, count: k)
        for (x, r) in zip(data, responsibilities) {
            for j in 0..<k {
                let d = x - newMeans[j]
                squares[j] += r[j] * d * d
            }
        }
        return GaussianMixture1D(
            weights: counts.map { $0 / Double(data.count) },
            means: newMeans,
            variances: (0..<k).map { squares[$0] / counts[$0] + regularization })
    }

    /// Returns a starting mixture from seeded k-means++ and Lloyd's k-means: weights are the
    /// cluster shares, means the centroids, variances the within-cluster variances (plus
    /// `regularization`), as scikit-learn's `init_params="kmeans"` does.
    public static func kMeansInitialization(_ data: [Double], componentCount: Int, regularization: Double = 1e-6,
                                            using generator: inout RandomGenerator) -> GaussianMixture1D {
        let clustering = KMeans.fit(data.map { [$0] }, clusterCount: componentCount, using: &generator)
        let oneHot = clustering.assignments.map { a in (0..<componentCount).map { $0 == a ? 1.0 : 0.0 } }
        let placeholder = GaussianMixture1D(weights: [Double](repeating: 1, count: componentCount),
                                            means: [Double](repeating: 0, count: componentCount),
                                            variances: [Double](repeating: 1, count: componentCount))
        return placeholder.maximizationStep(data, responsibilities: oneHot, regularization: regularization)
    }
}
