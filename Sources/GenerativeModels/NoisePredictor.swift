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

extension NoisePredictor {
    /// The labels one training step feeds the model: for a conditional model each of the `count`
    /// labels is replaced by "no label" (`classCount`) with probability `dropProbability`, so the
    /// network also learns the unconditional prediction guidance needs; an unconditional model
    /// gets `classCount` for every example.
    /// - Precondition: a conditional model gets `count` labels.
    public func trainingLabels(_ labels: [Int], count: Int, dropProbability: Double,
                               using rng: inout RandomGenerator) -> [Int] {
        guard classCount > 0 else { return Array(repeating: classCount, count: count) }
        precondition(labels.count == count, "trainingLabels: \(labels.count) labels for \(count) examples")
        return droppingLabels(labels, to: classCount, probability: dropProbability, using: &rng)
    }

    /// The prediction with classifier-free guidance at scale `w`,
    /// `ε̂ = ε_θ(x, t, ∅) + w (ε_θ(x, t, y) - ε_θ(x, t, ∅))`: one forward pass over the conditional
    /// and the unconditional copy of the batch (one pass of the plain batch when `w` is 0 or 1, the
    /// model unconditional, or `labels` empty).
    /// - Parameters:
    ///   - noisy: `[N, ...]`.
    ///   - timesteps: `[N]`.
    ///   - labels: `N` labels, or empty for none.
    public func guidedPrediction(_ noisy: Tensor, timesteps: Tensor, labels: [Int], guidanceScale: Double) -> Tensor {
        let count = noisy.shape[0]
        let none = Array(repeating: classCount, count: count)
        guard classCount > 0, !labels.isEmpty, guidanceScale != 0 else {
            return predictedNoise(noisy, timesteps: timesteps, labels: none)
        }
        precondition(labels.count == count, "guidedPrediction: \(labels.count) labels for a batch of \(count)")
        if guidanceScale == 1 { return predictedNoise(noisy, timesteps: timesteps, labels: labels) }
        let both = predictedNoise(Tensor(concatenating: [noisy, noisy], alongAxis: 0),
                                  timesteps: Tensor(concatenating: [timesteps, timesteps]), labels: labels + none)
        let conditional = both.sliced(alongAxis: 0, range: 0..<count)
        let unconditional = both.sliced(alongAxis: 0, range: count..<(2 * count))
        return unconditional + Float(guidanceScale) * (conditional - unconditional)
    }
}

/// `labels` with each one replaced by `noLabel` with probability `probability`, one uniform draw
/// per label: the label dropout that teaches one network both its conditional and its
/// unconditional model, for classifier-free guidance (Ho and Salimans, 2022).
public func droppingLabels(_ labels: [Int], to noLabel: Int, probability: Double,
                           using rng: inout RandomGenerator) -> [Int] {
    labels.map { rng.nextUniform() < probability ? noLabel : $0 }
}
