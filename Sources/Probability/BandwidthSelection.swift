import Foundation
import Tensors

/// The outcome of choosing a KDE bandwidth by k-fold cross-validation.
public struct BandwidthSelection: Sendable {
    /// The candidate bandwidths, in the order given.
    public let candidates: [Double]
    /// `heldOutLogLikelihoods[c]` is the mean held-out log-density `(1/n) Σ_i log p̂_{-f(i)}(x_i)`
    /// of candidate `c`, where `p̂_{-f(i)}` is the estimate built without the fold of point `i`.
    public let heldOutLogLikelihoods: [Double]
    /// The candidate with the highest held-out log-likelihood.
    public let bandwidth: Double
}

extension KernelDensity {
    /// Chooses the bandwidth among `candidates` that maximises the k-fold held-out log-likelihood.
    ///
    /// The points are shuffled with `generator` and dealt into `folds` folds (point at shuffled
    /// position `p` goes to fold `p mod folds`). For each candidate `h` and fold `f`, the estimate
    /// on the other folds scores every point of `f`; the score of `h` is the mean over all points.
    /// - Precondition: `2 <= folds <= data.count`; candidates are positive.
    public static func crossValidatedBandwidth(data: [[Double]], candidates: [Double], folds: Int = 5,
                                               using generator: inout RandomGenerator) -> BandwidthSelection {
        _ = commonDimension(data, "KernelDensity.crossValidatedBandwidth")
        precondition(folds >= 2 && folds <= data.count,
                     "crossValidatedBandwidth: folds \(folds) must be in 2...\(data.count)")
        precondition(!candidates.isEmpty && candidates.allSatisfy { $0 > 0 },
                     "crossValidatedBandwidth: candidates \(candidates) must be positive")
        var order = Array(data.indices)
        for i in stride(from: order.count - 1, to: 0, by: -1) {
            order.swapAt(i, generator.nextInt(below: i + 1))
        }
        let foldMembers = (0..<folds).map { f in
            stride(from: f, to: order.count, by: folds).map { order[$0] }
        }
        let scores = candidates.map { h -> Double in
            var total = 0.0
            for f in 0..<folds {
                let training = (0..<folds).filter { $0 != f }.flatMap { foldMembers[$0] }.map { data[$0] }
                let estimate = KernelDensity(data: training, bandwidth: .fixed(h))
                for i in foldMembers[f] { total += estimate.logDensity(at: data[i]) }
            }
            return total / Double(data.count)
        }
        var best = 0
        for c in scores.indices where scores[c] > scores[best] { best = c }
        return BandwidthSelection(candidates: candidates, heldOutLogLikelihoods: scores, bandwidth: candidates[best])
    }

    /// The 1-D form of `crossValidatedBandwidth(data:candidates:folds:using:)`.
    public static func crossValidatedBandwidth(data: [Double], candidates: [Double], folds: Int = 5,
                                               using generator: inout RandomGenerator) -> BandwidthSelection {
        crossValidatedBandwidth(data: data.map { [$0] }, candidates: candidates, folds: folds, using: &generator)
    }
}
