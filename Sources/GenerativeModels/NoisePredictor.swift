import NeuralNetworks

/// A network `ε_θ(x_t, t, y)` that predicts the noise in a noised example: the denoiser of a
/// diffusion model, trained with `DiffusionTrainer` and sampled with `DiffusionSampler`.
///
/// Class-conditional models take a label in `0..<classCount` per example, and the label
/// `classCount` stands for "no label": training drops labels to it at random, so one network also
/// learns the unconditional model that classifier-free guidance needs (Ho and Salimans, 2022).
/// Unconditional models have `classCount == 0` and ignore the labels.
public protocol NoisePredictor: Differentiable {
    /// The number of classes the model is conditioned on; 0 for an unconditional model.
    var classCount: Int { get }

    /// Returns the predicted noise `ε_θ(x_t, t, y)`, the shape of `noisy`.
    ///
    /// - Parameters:
    ///   - noisy: `x_t`, `[N, ...]`.
    ///   - timesteps: The timestep of each example, `[N]`, as floats (`0..<T`).
    ///   - labels: `N` labels in `0...classCount` (`classCount` meaning none); ignored when
    ///     `classCount == 0`.
    @differentiable(reverse, wrt: self)
    func predictedNoise(_ noisy: Tensor, timesteps: Tensor, labels: [Int]) -> Tensor
}
