import Foundation
import NeuralNetworks
import Probability

/// The denoising score matching target (Vincent, 2011): the score of the noising kernel
/// `q_σ(x̃ | x) = N(x̃; x, σ² I)`,
///
/// `∇_x̃ log q_σ(x̃ | x) = -(x̃ - x) / σ²`.
///
/// Regressing `s_θ(x̃)` on it over `x ~ data, x̃ ~ q_σ(· | x)` gives the same minimiser as regressing on
/// the score of the noised data `∇ log q_σ(x̃)`, which is unknown. `clean` and `noisy` have one shape.
public func denoisingScoreTarget(clean: Tensor, noisy: Tensor, noiseLevel: Double) -> Tensor {
    (clean - noisy) / Float(noiseLevel * noiseLevel)
}

/// A noise-conditional score network (NCSN, Song and Ermon 2019): one network `s_θ(x, σ)` for a
/// geometric ladder of noise levels `σ_1 > σ_2 > ... > σ_L`, trained by denoising score matching.
///
/// The network predicts the noise `z` in `x̃ = x + σ z`, and the score is `s_θ(x̃, σ) = -ε_θ(x̃, σ) / σ`.
/// With the usual weight `λ(σ) = σ²`, the denoising score matching loss becomes a plain regression,
///
/// `σ² ‖s_θ(x̃, σ) + (x̃ - x) / σ²‖² = ‖ε_θ(x̃, σ) - z‖²`.
///
/// The noise level reaches the network as a "timestep": level `l` is fed as `l · levelSpacing`, so the
/// course's `DiffusionMLP` with its sinusoidal embedding serves unchanged.
public struct NoiseConditionalScore<Model: NoisePredictor> {
    /// The noise predictor `ε_θ(x̃, l)`.
    public var model: Model
    /// `σ_1 > ... > σ_L`.
    public let noiseLevels: [Double]
    /// The optimizer; its state persists across steps.
    public let optimizer: any Optimizer
    /// The loss of every training step so far.
    public private(set) var losses: [Float] = []
    /// The spacing between consecutive levels in the network's time input.
    public let levelSpacing: Float = 100

    /// Creates an untrained model over `noiseLevels` (largest first).
    public init(model: Model, noiseLevels: [Double], optimizer: any Optimizer) {
        precondition(!noiseLevels.isEmpty && zip(noiseLevels, noiseLevels.dropFirst()).allSatisfy { $0 > $1 },
                     "NoiseConditionalScore: noise levels must decrease, got \(noiseLevels)")
        self.model = model
        self.noiseLevels = noiseLevels
        self.optimizer = optimizer
    }

    /// `L` levels from `largest` down to `smallest`, evenly spaced in `log σ`.
    public static func geometricLevels(from largest: Double, to smallest: Double, count: Int) -> [Double] {
        precondition(count >= 1 && largest >= smallest && smallest > 0, "geometricLevels: \(largest) → \(smallest), \(count)")
        guard count > 1 else { return [largest] }
        return (0..<count).map { largest * pow(smallest / largest, Double($0) / Double(count - 1)) }
    }

    /// The score `s_θ(x, σ_l) = -ε_θ(x, l) / σ_l` at level `l` for a batch `[N, D]`.
    public func score(_ x: Tensor, level: Int) -> Tensor {
        let time = Tensor(repeating: Float(level) * levelSpacing, shape: [x.shape[0]])
        return model.predictedNoise(x, timesteps: time, labels: []) / -Float(noiseLevels[level])
    }

    /// One denoising score matching step: a random level per example, `x̃ = x + σ z`, regress `z`.
    @discardableResult
    public mutating func step(on clean: Tensor, using rng: inout RandomGenerator) -> Float {
        let count = clean.shape[0]
        let levels = (0..<count).map { _ in rng.nextInt(below: noiseLevels.count) }
        let noise = Tensor(randomNormal: clean.shape, using: &rng)
        let sigmas = Tensor(shape: [count, 1], scalars: levels.map { Float(noiseLevels[$0]) })
        let noisy = clean + sigmas * noise
        let time = Tensor(levels.map { Float($0) * levelSpacing })
        let (loss, gradient) = valueWithGradient(at: model) { model in
            meanSquaredError(predicted: model.predictedNoise(noisy, timesteps: time, labels: []), expected: noise)
        }
        optimizer.update(&model, along: gradient)
        losses.append(loss.scalar)
        return loss.scalar
    }

    /// Annealed Langevin dynamics (Song and Ermon, 2019, Algorithm 1): at each level `σ_l`, largest first,
    /// `stepsPerLevel` Langevin steps with step size `ε_l = ε σ_l² / σ_L²` on the score `s_θ(·, σ_l)`.
    /// A single level (`levels: [L - 1]`) is plain Langevin on the least-noised score.
    /// - Parameters:
    ///   - start: The initial states `[N, D]`, e.g. uniform noise.
    ///   - baseStepSize: `ε`, the step at the smallest level.
    ///   - levels: The levels to visit, in order (all of them by default).
    public func annealedLangevin(from start: Tensor, stepsPerLevel: Int, baseStepSize: Double, levels: [Int]? = nil,
                                 using rng: inout RandomGenerator) -> Tensor {
        let smallest = noiseLevels[noiseLevels.count - 1]
        var x = start
        for level in levels ?? Array(noiseLevels.indices) {
            let stepSize = baseStepSize * pow(noiseLevels[level] / smallest, 2)
            let dynamics = LangevinDynamics(stepSize: stepSize, score: { self.score($0, level: level) })
            for _ in 0..<stepsPerLevel { x = dynamics.step(x, using: &rng) }
        }
        return x
    }
}
