import Foundation
import Tensors

/// Langevin dynamics on a density known through its score, for a batch of independent chains.
///
/// The stochastic differential equation `dx = ∇ log p(x) dt + √2 dW` has `p` as its stationary
/// distribution; its Euler–Maruyama discretisation with step `ε` is the unadjusted Langevin
/// algorithm (ULA),
///
/// `x' = x + ε ∇ log p(x) + √(2ε) ξ`, `ξ ~ N(0, I)`,
///
/// which samples `p` only in the limit `ε → 0`. The Metropolis-adjusted version (MALA, Roberts and
/// Tweedie 1996) treats `x'` as a proposal `q(x' | x) = N(x + ε ∇ log p(x), 2ε I)` and accepts it with
/// probability `min(1, p(x') q(x | x') / (p(x) q(x' | x)))`, which removes the bias at any step size.
///
/// Shapes: every chain is one row of an `[N, D]` tensor; `score` maps `[N, D]` to `[N, D]` and
/// `logDensity` (unnormalised, for MALA only) maps `[N, D]` to `[N]`.
/// ```swift
/// let langevin = LangevinDynamics(stepSize: 0.01, score: { x in -x })
/// let chain = langevin.run(from: Tensor(zeros: [1000, 2]), steps: 500, using: &rng)
/// ```
public struct LangevinDynamics {
    /// The step `ε` of the discretisation.
    public var stepSize: Double
    /// `∇_x log p(x)`, row by row: `[N, D] -> [N, D]`.
    public let score: (Tensor) -> Tensor
    /// `log p̃(x)` up to a constant, row by row: `[N, D] -> [N]`; needed only for MALA.
    public let logDensity: ((Tensor) -> Tensor)?

    /// Creates the dynamics; pass `logDensity` to allow the Metropolis-adjusted steps.
    public init(stepSize: Double, score: @escaping (Tensor) -> Tensor, logDensity: ((Tensor) -> Tensor)? = nil) {
        precondition(stepSize > 0, "LangevinDynamics: stepSize \(stepSize) must be positive")
        self.stepSize = stepSize
        self.score = score
        self.logDensity = logDensity
    }

    /// One unadjusted step, `x' = x + ε ∇ log p(x) + √(2ε) ξ`, for every row of `x` (`[N, D]`).
    public func step(_ x: Tensor, using rng: inout RandomGenerator) -> Tensor {
        let noise = Tensor(randomNormal: x.shape, using: &rng)
        return x + Float(stepSize) * score(x) + Float((2 * stepSize).squareRoot()) * noise
    }

    /// One Metropolis-adjusted step (MALA) for every row of `x`; returns the new states and how many
    /// rows accepted their proposal.
    public func adjustedStep(_ x: Tensor, using rng: inout RandomGenerator) -> (states: Tensor, accepted: Int) {
        guard let logDensity else { preconditionFailure("LangevinDynamics.adjustedStep: MALA needs logDensity") }
        let currentScore = score(x)
        let proposal = x + Float(stepSize) * currentScore
            + Float((2 * stepSize).squareRoot()) * Tensor(randomNormal: x.shape, using: &rng)
        let proposalScore = score(proposal)
        // log q(to | from) = -|to - from - ε score(from)|² / (4ε) + const.
        let forward = squaredRowNorms(proposal - x - Float(stepSize) * currentScore)
        let reverse = squaredRowNorms(x - proposal - Float(stepSize) * proposalScore)
        let logProposed = logDensity(proposal).scalars.map(Double.init)
        let logCurrent = logDensity(x).scalars.map(Double.init)
        let width = x.shape[1]
        var states = x.scalars
        let proposed = proposal.scalars
        var accepted = 0
        for row in 0..<x.shape[0] {
            let logAlpha = metropolisHastingsLogAcceptance(
                currentLogDensity: logCurrent[row], proposedLogDensity: logProposed[row],
                forwardLogProposal: -forward[row] / (4 * stepSize), reverseLogProposal: -reverse[row] / (4 * stepSize))
            if log(rng.nextUniform()) < logAlpha {
                for column in 0..<width { states[row * width + column] = proposed[row * width + column] }
                accepted += 1
            }
        }
        return (Tensor(shape: x.shape, scalars: states), accepted)
    }

    /// Runs every chain for `steps` steps from `start` (`[N, D]`).
    /// - Parameters:
    ///   - adjusted: Metropolis-adjusted steps (MALA) instead of plain ones (ULA).
    ///   - keepingEvery: Record the states every this many steps (0 records only the start).
    public func run(from start: Tensor, steps: Int, adjusted: Bool = false, keepingEvery: Int = 0,
                    using rng: inout RandomGenerator) -> LangevinChain {
        precondition(start.rank == 2, "LangevinDynamics.run: start \(start.shape) is not [N, D]")
        var x = start
        var states = [start]
        var accepted = 0
        for index in 0..<steps {
            if adjusted {
                let result = adjustedStep(x, using: &rng)
                x = result.states
                accepted += result.accepted
            } else {
                x = step(x, using: &rng)
            }
            if keepingEvery > 0, (index + 1) % keepingEvery == 0 { states.append(x) }
        }
        let proposals = steps * start.shape[0]
        return LangevinChain(samples: x, states: states,
                             acceptanceRate: adjusted ? Double(accepted) / Double(max(proposals, 1)) : 1)
    }

    /// `|row|²` for every row of an `[N, D]` tensor.
    private func squaredRowNorms(_ x: Tensor) -> [Double] {
        (x * x).sum(axis: 1).scalars.map(Double.init)
    }
}

/// The end of a batch of Langevin chains and the states recorded along the way.
public struct LangevinChain {
    /// The last state of every chain, `[N, D]`.
    public let samples: Tensor
    /// The start, then the state every `keepingEvery` steps.
    public let states: [Tensor]
    /// The share of accepted proposals (1 for unadjusted Langevin, which accepts every move).
    public let acceptanceRate: Double
}
