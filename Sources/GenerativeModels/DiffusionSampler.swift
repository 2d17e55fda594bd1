import Foundation
import NeuralNetworks

/// Draws samples from a trained noise predictor by running the reverse process from `N(0, I)`.
///
/// Two samplers share one noise prediction, optionally with classifier-free guidance:
/// - `ancestral` (DDPM, Ho et al. 2020) visits all `T` steps,
///   `x_{t-1} = (x_t - β_t / √(1 - ᾱ_t) · ε_θ) / √α_t + √β_t z`;
/// - `ddim` (Song et al. 2021) visits a few of them and is deterministic when `eta = 0`.
/// ```swift
/// let sampler = DiffusionSampler(model: trainer.model, schedule: trainer.schedule)
/// let points = sampler.ddim(from: Tensor(randomNormal: [2048, 2], using: &rng), stepCount: 50, using: &rng)
/// ```
public struct DiffusionSampler<Model: NoisePredictor> {
    /// The trained noise predictor.
    public let model: Model
    /// The schedule it was trained with.
    public let schedule: DiffusionSchedule
    /// The guidance scale `w` of classifier-free guidance, `ε̂ = ε_θ(x, ∅) + w (ε_θ(x, y) - ε_θ(x, ∅))`:
    /// 0 samples the unconditional model, 1 the conditional one, larger values push harder towards the class.
    public var guidanceScale: Double
    /// If set, the predicted clean sample `x̂_0` is clipped to this range at every step (images in `[-1, 1]`).
    public var clipRange: ClosedRange<Float>?

    /// Creates a sampler; `guidanceScale` matters only for conditional models.
    public init(model: Model, schedule: DiffusionSchedule, guidanceScale: Double = 1, clipRange: ClosedRange<Float>? = nil) {
        self.model = model
        self.schedule = schedule
        self.guidanceScale = guidanceScale
        self.clipRange = clipRange
    }

    /// The guided noise prediction at one timestep shared by the batch.
    /// - Parameter labels: `N` labels for a conditional model (empty or `classCount` for none).
    public func predictedNoise(_ noisy: Tensor, timestep: Int, labels: [Int]) -> Tensor {
        let time = Tensor(repeating: Float(timestep), shape: [noisy.shape[0]])
        return model.guidedPrediction(noisy, timesteps: time, labels: labels, guidanceScale: guidanceScale)
    }

    /// The clean sample implied by a noise prediction, `x̂_0 = (x_t - √(1 - ᾱ_t) ε̂) / √ᾱ_t`, clipped if asked.
    public func predictedClean(_ noisy: Tensor, noise: Tensor, timestep: Int) -> Tensor {
        let alphaBar = schedule.alphaBars[timestep]
        let clean = (noisy - Float((1 - alphaBar).squareRoot()) * noise) / Float(alphaBar.squareRoot())
        guard let clipRange else { return clean }
        return clamp(clean, min: clipRange.lowerBound, max: clipRange.upperBound)
    }

    /// Ancestral (DDPM) sampling through all `T` steps, with `σ_t² = β_t`.
    /// - Parameters:
    ///   - noise: `x_T ~ N(0, I)`, `[N, ...]`.
    ///   - labels: `N` labels for a conditional model; empty otherwise.
    ///   - keepingEvery: Record the state every this many steps (0 records none).
    public func ancestral(from noise: Tensor, labels: [Int] = [], keepingEvery: Int = 0,
                          using rng: inout RandomGenerator) -> DiffusionTrajectory {
        var x = noise
        var recorder = StateRecorder(every: keepingEvery, start: x, timestep: schedule.stepCount)
        for t in stride(from: schedule.stepCount - 1, through: 0, by: -1) {
            let epsilon = predictedNoise(x, timestep: t, labels: labels)
            if clipRange == nil {
                let scale = Float(schedule.betas[t] / (1 - schedule.alphaBars[t]).squareRoot())
                x = (x - scale * epsilon) / Float(schedule.alphas[t].squareRoot())
            } else {
                x = schedule.posteriorMean(clean: predictedClean(x, noise: epsilon, timestep: t), noisy: x, timestep: t)
            }
            if t > 0 { x = x + Float(schedule.betas[t].squareRoot()) * Tensor(randomNormal: x.shape, using: &rng) }
            recorder.record(x, timestep: t - 1, step: schedule.stepCount - t)
        }
        return recorder.trajectory(samples: x)
    }

    /// DDIM sampling through `stepCount` evenly spaced timesteps (Song et al., 2021):
    ///
    /// `x_{t'} = √ᾱ_{t'} x̂_0 + √(1 - ᾱ_{t'} - σ²) ε̂ + σ z`, with
    /// `σ = eta √((1 - ᾱ_{t'}) / (1 - ᾱ_t)) √(1 - ᾱ_t / ᾱ_{t'})`, and `ᾱ = 1` after the last step.
    /// With `eta = 0` the map from noise to sample is deterministic; `eta = 1` resembles DDPM.
    public func ddim(from noise: Tensor, stepCount: Int, eta: Double = 0, labels: [Int] = [], keepingEvery: Int = 0,
                     using rng: inout RandomGenerator) -> DiffusionTrajectory {
        let timesteps = Self.ddimTimesteps(stepCount, of: schedule.stepCount)
        var x = noise
        var recorder = StateRecorder(every: keepingEvery, start: x, timestep: schedule.stepCount)
        for (index, t) in timesteps.enumerated() {
            let previous = index + 1 < timesteps.count ? timesteps[index + 1] : -1
            let alphaBar = schedule.alphaBars[t], previousAlphaBar = previous >= 0 ? schedule.alphaBars[previous] : 1
            var epsilon = predictedNoise(x, timestep: t, labels: labels)
            let clean = predictedClean(x, noise: epsilon, timestep: t)
            if clipRange != nil {
                // Keep x̂_0 and ε̂ consistent with x_t after clipping.
                epsilon = (x - Float(alphaBar.squareRoot()) * clean) / Float((1 - alphaBar).squareRoot())
            }
            let sigma = eta * ((1 - previousAlphaBar) / (1 - alphaBar)).squareRoot() * (1 - alphaBar / previousAlphaBar).squareRoot()
            let direction = Swift.max(1 - previousAlphaBar - sigma * sigma, 0).squareRoot()
            x = Float(previousAlphaBar.squareRoot()) * clean + Float(direction) * epsilon
            if sigma > 0 { x = x + Float(sigma) * Tensor(randomNormal: x.shape, using: &rng) }
            recorder.record(x, timestep: previous, step: index + 1)
        }
        return recorder.trajectory(samples: x)
    }

    /// The timesteps DDIM visits: `count` values evenly spaced from `T - 1` down to 0, rounded.
    public static func ddimTimesteps(_ count: Int, of stepCount: Int) -> [Int] {
        precondition(count >= 1 && count <= stepCount, "ddimTimesteps: \(count) steps of \(stepCount)")
        guard count > 1 else { return [stepCount - 1] }
        return (0..<count).map { Int((Double(stepCount - 1) * Double(count - 1 - $0) / Double(count - 1)).rounded()) }
    }
}
