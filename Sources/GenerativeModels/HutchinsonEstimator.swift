import NeuralNetworks

/// The distribution of Hutchinson's probes `ε`: any with `E[ε] = 0` and `E[ε εᵀ] = I`, so that
/// `E[εᵀ A ε] = tr A` for every square matrix `A`.
///
/// With `S = (A + Aᵀ)/2`, the variance of one estimate is `2 ‖S‖_F²` for Gaussian probes and
/// `2 Σ_{i≠j} S_ij²` for Rademacher probes, which never pay for the diagonal: a diagonal `A` gives
/// its trace exactly (Hutchinson, 1990; Grathwohl et al., 2019).
public enum HutchinsonProbe: String, Sendable, CaseIterable {
    /// Each entry `±1` with probability ½.
    case rademacher
    /// Each entry `N(0, 1)`.
    case gaussian

    /// One probe of the given shape.
    public func drawn(shape: [Int], using rng: inout RandomGenerator) -> Tensor {
        switch self {
        case .gaussian:
            return Tensor(randomNormal: shape, using: &rng)
        case .rademacher:
            let uniform = Tensor(randomUniform: shape, using: &rng)
            return Tensor(shape: shape, scalars: uniform.scalars.map { $0 < 0.5 ? -1 : 1 })
        }
    }
}

/// Hutchinson's unbiased estimates of the divergence `∇·v(x) = tr(∂v/∂x)` of a field at `N` points,
/// one per probe: `εᵀ (∂v/∂x) ε`, from one vector–Jacobian product `εᵀ ∂v/∂x` each.
///
/// - Parameters:
///   - probes: `K` probes, each `[N, D]` (one `ε` per point), drawn from a `HutchinsonProbe`.
///   - pullback: `u ↦ uᵀ ∂v/∂x` at the points, `[N, D] → [N, D]` (the reverse-mode pullback of `v`).
/// - Returns: `[N, K]`, the estimate of point `n` with probe `k` in row `n`, column `k`.
/// - Cost: `K` reverse passes through `v`, against `D` for the exact divergence.
public func hutchinsonDivergence(probes: [Tensor], pullback: (Tensor) -> Tensor) -> Tensor {
    precondition(!probes.isEmpty && probes.allSatisfy { $0.rank == 2 && $0.shape == probes[0].shape },
                 "hutchinsonDivergence: probes must be K ≥ 1 tensors of one shape [N, D], got \(probes.map(\.shape))")
    let count = probes[0].shape[0]
    let columns = probes.map { probe in (pullback(probe) * probe).sum(axis: 1).reshaped(to: [count, 1]) }
    return Tensor(concatenating: columns, alongAxis: 1)
}

/// A noise predictor (or velocity network) that can be differentiated with respect to its input,
/// for the vector–Jacobian products of Hutchinson's divergence estimator.
public protocol InputDifferentiablePredictor: NoisePredictor {
    /// The prediction for `noisy` (`[N, ...]`) and its pullback `u ↦ uᵀ ∂prediction/∂noisy`, both
    /// the shape of `noisy`.
    func predictionWithPullback(_ noisy: Tensor, timesteps: Tensor, labels: [Int])
        -> (prediction: Tensor, pullback: (Tensor) -> Tensor)
}

extension UNet: InputDifferentiablePredictor {
    /// The U-Net's prediction and its pullback with respect to the input image.
    public func predictionWithPullback(_ noisy: Tensor, timesteps: Tensor, labels: [Int])
        -> (prediction: Tensor, pullback: (Tensor) -> Tensor) {
        let (prediction, pullback) = valueWithPullback(at: noisy) { predictedNoise($0, timesteps: timesteps, labels: labels) }
        return (prediction, pullback)
    }
}

extension DiffusionMLP: InputDifferentiablePredictor {
    /// The network's prediction and its pullback with respect to the input points.
    public func predictionWithPullback(_ noisy: Tensor, timesteps: Tensor, labels: [Int])
        -> (prediction: Tensor, pullback: (Tensor) -> Tensor) {
        let time = sinusoidalEmbedding(timesteps, dimension: timeEmbeddingSize)
        let (prediction, pullback) = valueWithPullback(at: noisy) { x in
            network(Tensor(concatenating: [x, time], alongAxis: 1))
        }
        return (prediction, pullback)
    }
}
