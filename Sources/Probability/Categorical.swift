import Foundation
import Tensors

/// A distribution over the categories `0..<probabilities.count`.
///
/// `P(X = k) = p_k`. Sampling is discrete inverse transform: with the cumulative table
/// `F_k = p_0 + … + p_k` and one uniform draw `u`, return the smallest `k` with `u < F_k`.
public struct Categorical: Distribution, Sendable {
    /// The probabilities `p_k`, normalised to sum to 1.
    public let probabilities: [Double]
    /// The cumulative table `F_k = Σ_{j<=k} p_j`; the last entry is 1.
    public let cumulativeProbabilities: [Double]

    /// Creates a categorical distribution from non-negative weights, normalised by their sum.
    /// - Precondition: weights are finite and non-negative with a positive sum.
    public init(probabilities weights: [Double]) {
        precondition(!weights.isEmpty, "Categorical: no probabilities")
        precondition(weights.allSatisfy { $0 >= 0 && $0.isFinite }, "Categorical: weights \(weights) must be finite and non-negative")
        let total = weights.reduce(0, +)
        precondition(total > 0, "Categorical: weights \(weights) sum to 0")
        probabilities = weights.map { $0 / total }
        var running = 0.0
        var table = probabilities.map { p -> Double in running += p; return running }
        table[table.count - 1] = 1
        cumulativeProbabilities = table
    }

    /// Creates a categorical distribution from unnormalised log-probabilities (logits):
    /// `p_k = exp(l_k - logSumExp(l))`.
    public init(logits: [Double]) {
        let normaliser = logSumExp(logits)
        self.init(probabilities: logits.map { exp($0 - normaliser) })
    }

    /// Returns `log p_k`, or `-infinity` when `k` is not a category.
    public func logProb(_ k: Int) -> Double {
        probabilities.indices.contains(k) ? log(probabilities[k]) : -.infinity
    }

    /// Returns `F_k = P(X <= k)`.
    public func cdf(_ k: Int) -> Double {
        if k < 0 { return 0 }
        return k >= cumulativeProbabilities.count ? 1 : cumulativeProbabilities[k]
    }

    /// Returns the smallest `k` with `u < F_k` (binary search in the cumulative table).
    /// - Precondition: `0 <= u < 1`.
    public func inverseCDF(_ u: Double) -> Int {
        precondition(u >= 0 && u < 1, "Categorical.inverseCDF: u = \(u) is outside [0, 1)")
        var low = 0
        var high = cumulativeProbabilities.count - 1
        while low < high {
            let middle = (low + high) / 2
            if u < cumulativeProbabilities[middle] { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// Draws a category with one uniform draw: `inverseCDF(u)`.
    public func sample(using generator: inout RandomGenerator) -> Int {
        inverseCDF(generator.nextUniform())
    }
}
