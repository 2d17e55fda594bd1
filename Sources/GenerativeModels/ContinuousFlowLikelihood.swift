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
    precondition(points.rank == 2, "continuousFlowLogLikelihood: points \(points.shape) are not [N, D]")
    let count = points.shape[0], dimension = points.shape[1]
    // The state is [x, ℓ] with dℓ/dt = ∇·v and ℓ(1) = 0, so ℓ(0) = -∫_0^1 ∇·v dt.
    let start = Tensor(concatenating: [points, Tensor(zeros: [count, 1])], alongAxis: 1)
    let end = solveODE(from: start, time: 1, to: 0, stepCount: stepCount, method: method) { state, t in
        let field = velocityAndDivergence(state.sliced(alongAxis: 1, range: 0..<dimension), t)
        return Tensor(concatenating: [field.velocity, field.divergence.reshaped(to: [count, 1])], alongAxis: 1)
    }.final
    let latent = end.sliced(alongAxis: 1, range: 0..<dimension)
    let accumulated = end.sliced(alongAxis: 1, range: dimension..<(dimension + 1)).reshaped(to: [count])
    let baseLogDensity = -0.5 * (latent * latent).sum(axis: 1) - Float(Double(dimension) * log(2 * Double.pi) / 2)
    return baseLogDensity + accumulated
}

extension DiffusionMLP {
    /// The network's output `v(x, t)` and its exact divergence `∇·v = Σ_j ∂v_j/∂x_j`, one
    /// reverse-mode pass per coordinate (cheap in 2-D): shapes `[N, D]` and `[N]`.
    public func velocityAndDivergence(_ points: Tensor, timesteps: Tensor) -> (velocity: Tensor, divergence: Tensor) {
        let time = sinusoidalEmbedding(timesteps, dimension: timeEmbeddingSize)
        let (velocity, pullback) = valueWithPullback(at: points) { x in
            network(Tensor(concatenating: [x, time], alongAxis: 1))
        }
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
