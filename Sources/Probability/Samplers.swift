import Foundation
import Tensors

// MARK: - Inverse transform sampling

/// Draws `n` samples of a continuous distribution by inverse transform: `x = F⁻¹(u)`, `u ~ Uniform(0, 1)`.
///
/// If `F` is the cumulative distribution function of `X`, then `F⁻¹(U)` has the distribution of `X`.
/// - Parameter inverseCDF: The quantile function `F⁻¹`, called with `u` in `[0, 1)`.
public func inverseTransformSamples(_ n: Int, inverseCDF: (Double) -> Double,
                                    using generator: inout RandomGenerator) -> [Double] {
    precondition(n >= 0, "inverseTransformSamples: count \(n) must be non-negative")
    return (0..<n).map { _ in inverseCDF(generator.nextUniform()) }
}

/// Draws `n` categories by discrete inverse transform: build the CDF table `F_k = Σ_{j<=k} p_j`,
/// draw one `u ~ Uniform(0, 1)` per sample and return the smallest `k` with `u < F_k`.
/// - Parameter probabilities: Non-negative weights, normalised by their sum.
public func inverseTransformSamples(_ n: Int, probabilities: [Double],
                                    using generator: inout RandomGenerator) -> [Int] {
    Categorical(probabilities: probabilities).sample(n, using: &generator)
}

// MARK: - Rejection sampling

/// The samples a rejection sampler accepted and how many proposals it needed.
public struct RejectionSamplingResult<Value> {
    /// The accepted samples, in order of acceptance.
    public let samples: [Value]
    /// The number of proposals drawn to accept `samples.count` of them.
    public let proposalCount: Int
    /// `samples.count / proposalCount`; for a normalised target this tends to `1/M`.
    public var acceptanceRate: Double { Double(samples.count) / Double(max(proposalCount, 1)) }
}

/// Draws `n` samples from a target density `p` by rejection from a proposal `q` with `p <= M q`.
///
/// Each round draws `x ~ q` and `u ~ Uniform(0, 1)` and accepts `x` when `u < p(x) / (M q(x))`,
/// compared in log space. For a normalised `p` the acceptance rate is `1/M`.
/// - Parameters:
///   - logTarget: `log p(x)`, normalised or not (then `M` absorbs the constant).
///   - proposal: The distribution `q` to draw candidates from.
///   - bound: `M >= sup p(x)/q(x)`.
/// - Precondition: `bound > 0`, and `p(x) <= M q(x)` at every proposal drawn (else the bound is wrong).
public func rejectionSamples<Proposal: Distribution>(
    _ n: Int, logTarget: (Proposal.Value) -> Double, proposal: Proposal, bound: Double,
    using generator: inout RandomGenerator
) -> RejectionSamplingResult<Proposal.Value> {
    precondition(n >= 0 && bound > 0, "rejectionSamples: count \(n) and bound \(bound) must be positive")
    let logBound = log(bound)
    var samples: [Proposal.Value] = []
    var proposals = 0
    while samples.count < n {
        let x = proposal.sample(using: &generator)
        proposals += 1
        let logRatio = logTarget(x) - logBound - proposal.logProb(x)
        precondition(logRatio <= 1e-12, "rejectionSamples: p(x)/(M q(x)) = \(exp(logRatio)) > 1 at x = \(x); bound M = \(bound) is too small")
        if log(generator.nextUniform()) < logRatio { samples.append(x) }
    }
    return RejectionSamplingResult(samples: samples, proposalCount: proposals)
}

// MARK: - Metropolis-Hastings

/// A Markov chain and the share of proposals it accepted.
public struct MarkovChain<Value> {
    /// The states after burn-in, one per step (a rejected proposal repeats the current state).
    public let samples: [Value]
    /// Accepted proposals over all steps, burn-in included.
    public let acceptanceRate: Double
}

/// The Metropolis-Hastings acceptance probability of a move `x → x'`, as a logarithm.
///
/// `log α = min(0, log p̃(x') - log p̃(x) + log q(x | x') - log q(x' | x))`: the unnormalised
/// density `p̃` enters only as a ratio, so its normalising constant cancels. For a symmetric
/// proposal the two `q` terms cancel (Metropolis).
public func metropolisHastingsLogAcceptance(currentLogDensity: Double, proposedLogDensity: Double,
                                            forwardLogProposal: Double = 0,
                                            reverseLogProposal: Double = 0) -> Double {
    min(0, proposedLogDensity - currentLogDensity + reverseLogProposal - forwardLogProposal)
}

/// Runs Metropolis-Hastings on an unnormalised log-density.
///
/// At each step: propose `x' ~ q(· | x)`, accept with probability `α` (see
/// `metropolisHastingsLogAcceptance`), otherwise stay at `x`.
/// - Parameters:
///   - logDensity: `log p̃(x)`, known up to an additive constant.
///   - initial: The starting state `x_0`.
///   - steps: The number of states kept after burn-in.
///   - burnIn: The number of first steps discarded.
///   - propose: Draws `x'` given `x`, e.g. `{ x, rng in x + 0.5 * rng.nextNormal() }`.
///   - proposalLogDensity: `log q(to | from)`; `nil` for a symmetric proposal.
public func metropolisHastings<Value>(
    logDensity: (Value) -> Double, initial: Value, steps: Int, burnIn: Int = 0,
    propose: (Value, inout RandomGenerator) -> Value,
    proposalLogDensity: ((_ to: Value, _ from: Value) -> Double)? = nil,
    using generator: inout RandomGenerator
) -> MarkovChain<Value> {
    precondition(steps >= 0 && burnIn >= 0, "metropolisHastings: steps \(steps) and burnIn \(burnIn) must be non-negative")
    var current = initial
    var currentLogDensity = logDensity(initial)
    precondition(currentLogDensity > -.infinity, "metropolisHastings: initial state \(initial) has zero density")
    var samples: [Value] = []
    samples.reserveCapacity(steps)
    var accepted = 0
    for step in 0..<(burnIn + steps) {
        let proposed = propose(current, &generator)
        let proposedLogDensity = logDensity(proposed)
        let logAlpha = metropolisHastingsLogAcceptance(
            currentLogDensity: currentLogDensity, proposedLogDensity: proposedLogDensity,
            forwardLogProposal: proposalLogDensity?(proposed, current) ?? 0,
            reverseLogProposal: proposalLogDensity?(current, proposed) ?? 0)
        if log(generator.nextUniform()) < logAlpha {
            current = proposed
            currentLogDensity = proposedLogDensity
            accepted += 1
        }
        if step >= burnIn { samples.append(current) }
    }
    return MarkovChain(samples: samples, acceptanceRate: Double(accepted) / Double(max(burnIn + steps, 1)))
}

/// Returns the sample autocorrelation `ρ(k)` of a chain for lags `0...maxLag`.
///
/// `ρ(k) = Σ_{t=0}^{n-1-k} (x_t - x̄)(x_{t+k} - x̄) / Σ_{t=0}^{n-1} (x_t - x̄)²`, so `ρ(0) = 1`
/// (the usual biased estimator, as `statsmodels.tsa.stattools.acf`).
/// - Precondition: `0 <= maxLag < chain.count`, and the chain is not constant.
public func autocorrelation(_ chain: [Double], maxLag: Int) -> [Double] {
    precondition(maxLag >= 0 && maxLag < chain.count, "autocorrelation: maxLag \(maxLag) must be in 0..<\(chain.count)")
    let m = mean(chain)
    let centred = chain.map { $0 - m }
    let denominator = centred.reduce(0) { $0 + $1 * $1 }
    precondition(denominator > 0, "autocorrelation: the chain is constant at \(m)")
    return (0...maxLag).map { k in
        (0..<(chain.count - k)).reduce(0) { $0 + centred[$1] * centred[$1 + k] } / denominator
    }
}
