import Foundation
import Tensors

/// Annealed importance sampling (Neal, 2001): an estimate of a partition function `Z_T` from
/// a path of distributions between a normalised base `p_0` and the unnormalised target `f_T`.
///
/// The geometric path `f_k(x) = p_0(x)^{1-β_k} f_T(x)^{β_k}` with `0 = β_0 < β_1 < ... < β_K = 1`.
/// Each chain starts at `x_0 ~ p_0`, and at every `k ≥ 1` adds to its log weight
///
/// `log f_k(x) - log f_{k-1}(x) = (β_k - β_{k-1}) (log f_T(x) - log p_0(x))`,
///
/// then moves `x` with a Markov transition that leaves `f_k` invariant. The mean of the weights is
/// an unbiased estimate of `Z_T / Z_0 = Z_T`; its logarithm (biased low in expectation) is what
/// `AISEstimate.logPartition` reports.
/// - Parameters:
///   - start: `N` chains drawn from `p_0`, `[N, D]`.
///   - temperatures: `β_0 = 0, ..., β_K = 1`, increasing.
///   - baseLogDensity: `log p_0(x)`, normalised, `[N, D] -> [N]`.
///   - targetLogDensity: `log f_T(x)`, unnormalised, `[N, D] -> [N]`.
///   - transition: Moves the chains `[N, D]` with a kernel that leaves `f_k` invariant, given `β_k`.
public func annealedImportanceSampling(
    start: Tensor, temperatures: [Double],
    baseLogDensity: (Tensor) -> Tensor, targetLogDensity: (Tensor) -> Tensor,
    transition: (_ states: Tensor, _ temperature: Double, _ rng: inout RandomGenerator) -> Tensor,
    using rng: inout RandomGenerator
) -> AISEstimate {
    precondition(temperatures.first == 0 && temperatures.last == 1 && zip(temperatures, temperatures.dropFirst()).allSatisfy { $0 < $1 },
                 "annealedImportanceSampling: temperatures must rise from 0 to 1, got \(temperatures.prefix(3))...")
    var x = start
    var logWeights = [Double](repeating: 0, count: start.shape[0])
    for k in 1..<temperatures.count {
        let base = baseLogDensity(x).scalars, target = targetLogDensity(x).scalars
        for chain in logWeights.indices {
            logWeights[chain] = annealedLogWeight(logWeights[chain], baseLogDensity: Double(base[chain]),
                                                  targetLogDensity: Double(target[chain]),
                                                  previousTemperature: temperatures[k - 1], temperature: temperatures[k])
        }
        if k < temperatures.count - 1 { x = transition(x, temperatures[k], &rng) }
    }
    return AISEstimate(logWeights: logWeights)
}

/// One AIS weight update on the geometric path between `p_0` and `f_T`:
///
/// `log w + (β_k - β_{k-1}) (log f_T(x) - log p_0(x))`, which is `log w + log f_k(x) - log f_{k-1}(x)`.
public func annealedLogWeight(_ logWeight: Double, baseLogDensity: Double, targetLogDensity: Double,
                              previousTemperature: Double, temperature: Double) -> Double {
    logWeight + (temperature - previousTemperature) * (targetLogDensity - baseLogDensity)
}

/// `count + 1` temperatures `β_k` for AIS, spaced so that more of them fall near 0 where the path
/// changes fastest: `β_k = (k / count)^power`.
public func annealingTemperatures(_ count: Int, power: Double = 3) -> [Double] {
    precondition(count >= 1, "annealingTemperatures: count \(count) must be at least 1")
    return (0...count).map { pow(Double($0) / Double(count), power) }
}

/// The importance weights of AIS and the log partition function they estimate.
public struct AISEstimate: Sendable {
    /// `log w_n`, one per chain.
    public let logWeights: [Double]

    /// Wraps the log weights of `N ≥ 2` chains.
    public init(logWeights: [Double]) {
        precondition(logWeights.count >= 2, "AISEstimate: need at least 2 chains, got \(logWeights.count)")
        self.logWeights = logWeights
    }

    /// `log Ẑ = log((1/N) Σ w_n)`, computed stably.
    public var logPartition: Double { logSumExp(logWeights) - log(Double(logWeights.count)) }

    /// The standard error of `log Ẑ` by the delta method: `sd(w) / (√N · mean(w))`.
    public var standardError: Double {
        let scale = logWeights.max() ?? 0
        let weights = logWeights.map { exp($0 - scale) }
        let average = mean(weights)
        return (variance(weights, ddof: 1) / Double(weights.count)).squareRoot() / average
    }

    /// The effective sample size `(Σ w)² / Σ w²` of the weights, between 1 and `N`.
    public var effectiveSampleSize: Double {
        let scale = logWeights.max() ?? 0
        let weights = logWeights.map { exp($0 - scale) }
        let total = weights.reduce(0, +)
        return total * total / weights.reduce(0) { $0 + $1 * $1 }
    }
}
