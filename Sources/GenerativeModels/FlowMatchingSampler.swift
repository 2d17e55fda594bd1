import NeuralNetworks

/// Draws samples from a flow-matching model by integrating its velocity field,
/// `dx/dt = v_θ(x, t, y)`, from noise at `t = 0` to data at `t = 1`.
///
/// Classifier-free guidance applies to the velocity as it does to the noise prediction of a
/// diffusion model, `v̂ = v_θ(x, t, ∅) + w (v_θ(x, t, y) - v_θ(x, t, ∅))`.
/// ```swift
/// let sampler = FlowMatchingSampler(model: trainer.model)
/// let points = sampler.sample(from: Tensor(randomNormal: [2048, 2], using: &rng), stepCount: 100).final
/// ```
public struct FlowMatchingSampler<Model: NoisePredictor> {
    /// The trained velocity network.
    public let model: Model
    /// The guidance scale `w` (conditional models only): 0 unconditional, 1 conditional.
    public var guidanceScale: Double
    /// The factor between `t` in `[0, 1]` and the time the network sees (the trainer's).
    public let timeScale: Float

    /// Creates a sampler.
    public init(model: Model, guidanceScale: Double = 1, timeScale: Float = 1000) {
        self.model = model
        self.guidanceScale = guidanceScale
        self.timeScale = timeScale
    }

    /// The (guided) velocity `v_θ(x, t, y)` at one time shared by the batch `[N, ...]`.
    public func velocity(_ points: Tensor, time: Double, labels: [Int] = []) -> Tensor {
        let times = Tensor(repeating: Float(time) * timeScale, shape: [points.shape[0]])
        return model.guidedPrediction(points, timesteps: times, labels: labels, guidanceScale: guidanceScale)
    }

    /// Integrates from `noise` (`x_0`, `[N, ...]`) at `t = 0` to `t = 1` in `stepCount` steps.
    /// - Parameters:
    ///   - labels: `N` labels for a conditional model; empty otherwise.
    ///   - keepingStates: Record every step's state (for trajectories and animations).
    public func sample(from noise: Tensor, stepCount: Int, method: ODEMethod = .euler, labels: [Int] = [],
                       keepingStates: Bool = false) -> ODESolution {
        solveODE(from: noise, time: 0, to: 1, stepCount: stepCount, method: method, keepingStates: keepingStates) { x, t in
            velocity(x, time: t, labels: labels)
        }
    }
}
