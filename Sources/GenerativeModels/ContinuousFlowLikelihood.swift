import Foundation
import NeuralNetworks

/// The exact log-likelihood of points under a continuous flow `dx/dt = v(x, t)` that carries
/// `N(0, I)` at `t = 0` to the model at `t = 1` (Chen et al., 2018, the instantaneous change of
/// variables):
///
/// `d log p_t(x_t)/dt = -∇·v(x_t, t)`, so `log p_1(x) = log N(x_0; 0, I) - ∫_0^1 ∇·v(x_t, t) dt`,
///
/// where `x_t` runs backwards from `x_1 = x` to `x_0`. The function integrates the point and the
/// divergence together, from `t = 1` down to `t = 0`, with the given solver.
/// - Parameters:
///   - points: `[N, D]`.
///   - velocityAndDivergence: `(x, t) ↦ (v(x, t), ∇·v(x, t))`, shapes `[N, D]` and `[N]`.
/// - Returns: `log p_1(x)` in nats, `[N]`.
public func continuousFlowLogLikelihood(
    _ points: Tensor, stepCount: Int, method: ODEMethod,
    velocityAndDivergence: (Tensor, Double) -> (velocity: Tensor, divergence: Tensor)
) -> Tensor {
    integratedLogLikelihood(points, stepCount: stepCount, method: method, columns: 1) { x, t in
        let field = velocityAndDivergence(x, t)
        return (field.velocity, field.divergence.reshaped(to: [x.shape[0], 1]))
    }.reshaped(to: [points.shape[0]])
}

/// The log-likelihood of points under a continuous flow with the divergence replaced by
/// Hutchinson's estimate (FFJORD, Grathwohl et al., 2019): for each probe `ε`, held fixed along
/// the whole path,
///
/// `log p̂_1(x) = log N(x_0; 0, I) - ∫_0^1 εᵀ (∂v/∂x)(x_t, t) ε dt`,
///
/// which is unbiased for the exact `log p_1(x)` of `continuousFlowLogLikelihood` at the same
/// steps (the path `x_t` does not depend on `ε`, and the integral is linear in the estimate).
/// The solver's error is the exact version's; the probes add noise of mean zero.
/// - Parameters:
///   - points: `[N, D]`.
///   - probes: `K` probes, each `[N, D]` (`HutchinsonProbe.drawn`).
///   - velocityWithPullback: `(x, t) ↦ (v(x, t), u ↦ uᵀ ∂v/∂x)`, both `[N, D]`.
/// - Returns: `[N, K]`, one estimate of `log p_1(x_n)` in nats per point and probe.
/// - Cost: `stepCount × method.evaluationsPerStep` forward passes of `v`, each followed by `K`
///   reverse passes; the exact divergence would take `D` reverse passes instead of `K`.
public func continuousFlowLogLikelihood(
    _ points: Tensor, stepCount: Int, method: ODEMethod, probes: [Tensor],
    velocityWithPullback: (Tensor, Double) -> (velocity: Tensor, pullback: (Tensor) -> Tensor)
) -> Tensor {
    precondition(probes.allSatisfy { $0.shape == points.shape },
                 "continuousFlowLogLikelihood: probes \(probes.map(\.shape)) must have the points' shape \(points.shape)")
    return integratedLogLikelihood(points, stepCount: stepCount, method: method, columns: probes.count) { x, t in
        let field = velocityWithPullback(x, t)
        return (field.velocity, hutchinsonDivergence(probes: probes, pullback: field.pullback))
    }
}

/// `log N(x_0; 0, I) - ∫_0^1 (divergence) dt` for `columns` divergences at once: the state is
/// `[x, ℓ_1, …, ℓ_K]` with `dℓ_k/dt = divergence_k` and `ℓ_k(1) = 0`, so `ℓ_k(0) = -∫_0^1 divergence_k dt`.
/// Returns `[N, columns]`.
private func integratedLogLikelihood(
    _ points: Tensor, stepCount: Int, method: ODEMethod, columns: Int,
    velocityAndDivergences: (Tensor, Double) -> (velocity: Tensor, divergences: Tensor)
) -> Tensor {
    precondition(points.rank == 2 && columns >= 1,
                 "continuousFlowLogLikelihood: points \(points.shape) are not [N, D], or \(columns) divergences")
    let count = points.shape[0], dimension = points.shape[1]
    let start = Tensor(concatenating: [points, Tensor(zeros: [count, columns])], alongAxis: 1)
    let end = solveODE(from: start, time: 1, to: 0, stepCount: stepCount, method: method) { state, t in
        let field = velocityAndDivergences(state.sliced(alongAxis: 1, range: 0..<dimension), t)
        return Tensor(concatenating: [field.velocity, field.divergences], alongAxis: 1)
    }.final
    let latent = end.sliced(alongAxis: 1, range: 0..<dimension)
    let accumulated = end.sliced(alongAxis: 1, range: dimension..<(dimension + columns))
    let baseLogDensity = -0.5 * (latent * latent).sum(axis: 1) - Float(Double(dimension) * log(2 * Double.pi) / 2)
    return baseLogDensity.reshaped(to: [count, 1]) + accumulated
}

extension DiffusionMLP {
    /// The network's output `v(x, t)` and its exact divergence `∇·v = Σ_j ∂v_j/∂x_j`, one
    /// reverse-mode pass per coordinate (cheap in 2-D): shapes `[N, D]` and `[N]`.
    public func velocityAndDivergence(_ points: Tensor, timesteps: Tensor) -> (velocity: Tensor, divergence: Tensor) {
        let (velocity, pullback) = predictionWithPullback(points, timesteps: timesteps, labels: [])
        let count = points.shape[0]
        var divergence = Tensor(zeros: [count])
        for j in 0..<dataDimension {
            let column = Tensor(shape: [1, dataDimension], scalars: (0..<dataDimension).map { $0 == j ? 1 : 0 })
            let gradient = pullback(Tensor(ones: [count, 1]) * column)
            divergence = divergence + gradient.sliced(alongAxis: 1, range: j..<(j + 1)).reshaped(to: [count])
        }
        return (velocity, divergence)
    }
}
