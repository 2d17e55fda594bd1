import NeuralNetworks

/// The simplified DDPM objective of Ho et al. (2020), the ε-prediction loss on one batch:
///
/// `L = mean ‖ε - ε_θ(√ᾱ_t x_0 + √(1 - ᾱ_t) ε, t, y)‖²` over the batch and the dimensions.
/// - Parameters:
///   - model: The noise predictor `ε_θ`.
///   - schedule: Gives `ᾱ_t`.
///   - clean: `x_0`, `[N, ...]`.
///   - timesteps: `N` timesteps in `0..<T`.
///   - noise: `ε`, the shape of `clean`.
///   - labels: `N` labels for a conditional model (`classCount` for none); ignored otherwise.
@differentiable(reverse, wrt: model)
public func epsilonPredictionLoss<Model: NoisePredictor>(
    _ model: Model, schedule: DiffusionSchedule, clean: Tensor, timesteps: [Int], noise: Tensor, labels: [Int]
) -> Tensor {
    let noisy = withoutDerivative(at: schedule.noised(clean, timesteps: timesteps, noise: noise))
    let time = withoutDerivative(at: Tensor(timesteps.map { Float($0) }))
    return meanSquaredError(predicted: model.predictedNoise(noisy, timesteps: time, labels: labels), expected: noise)
}

/// Trains a noise predictor with the ε-prediction loss: each step draws `t ~ U{0, ..., T-1}` and
/// `ε ~ N(0, I)` per example, noises the batch in closed form and takes one optimizer step.
///
/// For a class-conditional model each label is replaced by "no label" (`classCount`) with
/// probability `labelDropProbability`, so that the same network learns `ε_θ(x_t, t, ∅)` for
/// classifier-free guidance.
/// ```swift
/// var trainer = DiffusionTrainer(model: DiffusionMLP(rng: &rng), schedule: .linear(), optimizer: Adam())
/// for _ in 0..<5000 { trainer.step(on: batch, using: &rng) }
/// ```
public struct DiffusionTrainer<Model: NoisePredictor> {
    /// The model being trained.
    public var model: Model
    /// The forward process.
    public let schedule: DiffusionSchedule
    /// The optimizer; its state persists across steps.
    public let optimizer: any Optimizer
    /// The probability of dropping a label to "no label" (conditional models only).
    public var labelDropProbability: Double
    /// The loss of every step taken so far.
    public private(set) var losses: [Float] = []

    /// Creates a trainer for `model`.
    public init(model: Model, schedule: DiffusionSchedule, optimizer: any Optimizer, labelDropProbability: Double = 0.1) {
        self.model = model
        self.schedule = schedule
        self.optimizer = optimizer
        self.labelDropProbability = labelDropProbability
    }

    /// Takes one optimizer step on the batch `clean` (`[N, ...]`) and returns its loss.
    /// - Parameter labels: `N` labels in `0..<classCount` for a conditional model; empty otherwise.
    @discardableResult
    public mutating func step(on clean: Tensor, labels: [Int] = [], using rng: inout RandomGenerator) -> Float {
        let count = clean.shape[0]
        let stepCount = schedule.stepCount
        let timesteps = (0..<count).map { _ in rng.nextInt(below: stepCount) }
        let noise = Tensor(randomNormal: clean.shape, using: &rng)
        let usedLabels = model.trainingLabels(labels, count: count, dropProbability: labelDropProbability, using: &rng)
        let forward = schedule
        let (loss, gradient) = valueWithGradient(at: model) { model in
            epsilonPredictionLoss(model, schedule: forward, clean: clean, timesteps: timesteps, noise: noise,
                                  labels: usedLabels)
        }
        optimizer.update(&model, along: gradient)
        losses.append(loss.scalar)
        return loss.scalar
    }
}
