import Foundation
import NeuralNetworks

/// Samples a diffusion model as a stochastic differential equation (Song et al., 2021).
///
/// The DDPM forward chain of a `DiffusionSchedule` is the Euler–Maruyama discretisation, one unit
/// of time per step, of the variance-preserving SDE
///
/// `dx = -½ β(τ) x dτ + √β(τ) dW`, `τ ∈ [0, T - 1]`, with `β(τ)` interpolating the schedule's `β_t`.
///
/// Its marginals are `p_τ`, and two processes run it backwards from `p_{T-1} ≈ N(0, I)`:
/// - the **reverse-time SDE** (Anderson, 1982), `dx = [-½ β x - β ∇ log p_τ(x)] dτ + √β dW̄`;
/// - the **probability-flow ODE**, `dx = [-½ β x - ½ β ∇ log p_τ(x)] dτ`, deterministic and with
///   the same marginals.
///
/// Both are integrated with Euler(–Maruyama) steps of equal length from `T - 1` down to 0. A trained
/// noise predictor gives the score through `∇ log p_τ(x) = -ε_θ(x, τ) / √(1 - ᾱ(τ))`; the last state,
/// still at noise level `√(1 - ᾱ_0)`, is denoised once with Tweedie's formula `(x + (1 - ᾱ_0) s) / √ᾱ_0`.
public struct ScoreSDESampler {
    /// The schedule that defines `β(τ)` and `ᾱ(τ)`.
    public let schedule: DiffusionSchedule
    /// `∇_x log p_τ(x)` for a batch `[N, ...]` at time `τ` (in timestep units).
    public let score: (_ x: Tensor, _ time: Double) -> Tensor

    /// A sampler for any score function, e.g. the closed form of a Gaussian data distribution.
    public init(schedule: DiffusionSchedule, score: @escaping (_ x: Tensor, _ time: Double) -> Tensor) {
        self.schedule = schedule
        self.score = score
    }

    /// A sampler for a trained noise predictor: `score = -ε_θ(x, τ) / √(1 - ᾱ(τ))`.
    ///
    /// With `clipRange`, the score is that of the clipped clean image, as `DiffusionSampler` does:
    /// `x̂_0 = clip((x - √(1 - ᾱ) ε_θ) / √ᾱ)`, then `ε̂ = (x - √ᾱ x̂_0) / √(1 - ᾱ)` in the formula above.
    /// Without it, a few large steps can push the state where the network never saw data, and the
    /// samples saturate.
    /// - Parameters:
    ///   - labels: `N` labels for a conditional model (its "no label" if empty).
    ///   - clipRange: The range of the data (`-1...1` for lesson 4's images), or `nil` for no clipping.
    public init<Model: NoisePredictor>(model: Model, schedule: DiffusionSchedule, labels: [Int] = [],
                                       clipRange: ClosedRange<Float>? = nil) {
        self.schedule = schedule
        self.score = { x, time in
            let count = x.shape[0]
            let chosen = labels.isEmpty ? Array(repeating: model.classCount, count: count) : labels
            var noise = model.predictedNoise(x, timesteps: Tensor(repeating: Float(time), shape: [count]), labels: chosen)
            let alphaBar = schedule.alphaBar(at: time)
            let (signal, spread) = (Float(alphaBar.squareRoot()), Float((1 - alphaBar).squareRoot()))
            if let clipRange {
                let clean = clamp((x - spread * noise) / signal, min: clipRange.lowerBound, max: clipRange.upperBound)
                noise = (x - signal * clean) / spread
            }
            return noise / -spread
        }
    }

    /// Integrates the reverse-time SDE from `noise` (`x_{T-1} ~ N(0, I)`) in `stepCount` steps.
    public func reverseSDE(from noise: Tensor, stepCount: Int, using rng: inout RandomGenerator) -> Tensor {
        integrate(from: noise, stepCount: stepCount) { x, time, dt in
            let beta = Float(schedule.beta(at: time))
            let drift = 0.5 * beta * x + beta * score(x, time)
            return x + Float(dt) * drift + Float((Double(beta) * dt).squareRoot()) * Tensor(randomNormal: x.shape, using: &rng)
        }
    }

    /// Integrates the probability-flow ODE from `noise` in `stepCount` steps: a deterministic map.
    public func probabilityFlow(from noise: Tensor, stepCount: Int) -> Tensor {
        integrate(from: noise, stepCount: stepCount) { x, time, dt in
            let beta = Float(schedule.beta(at: time))
            return x + Float(dt) * (0.5 * beta * x + 0.5 * beta * score(x, time))
        }
    }

    /// Runs `update(x, τ, Δτ)` on the grid `T - 1 = τ_0 > τ_1 > ... > τ_n = 0`, then denoises once.
    private func integrate(from noise: Tensor, stepCount: Int,
                           update: (_ x: Tensor, _ time: Double, _ dt: Double) -> Tensor) -> Tensor {
        precondition(stepCount >= 1, "ScoreSDESampler: stepCount \(stepCount) must be at least 1")
        let end = Double(schedule.stepCount - 1), dt = end / Double(stepCount)
        var x = noise
        for index in 0..<stepCount { x = update(x, end - Double(index) * dt, dt) }
        let alphaBar = schedule.alphaBars[0]
        return (x + Float(1 - alphaBar) * score(x, 0)) / Float(alphaBar.squareRoot())
    }
}

extension DiffusionSchedule {
    /// `β(τ)` at a fractional timestep, interpolated linearly between the schedule's `β_t`.
    public func beta(at time: Double) -> Double {
        interpolated(betas, at: time)
    }

    /// `ᾱ(τ)` at a fractional timestep, interpolated linearly in `log ᾱ`.
    public func alphaBar(at time: Double) -> Double {
        exp(interpolated(alphaBars.map { log($0) }, at: time))
    }

    private func interpolated(_ values: [Double], at time: Double) -> Double {
        let clamped = Swift.min(Swift.max(time, 0), Double(values.count - 1))
        let lower = Int(clamped.rounded(.down)), upper = Swift.min(lower + 1, values.count - 1)
        let fraction = clamped - Double(lower)
        return values[lower] * (1 - fraction) + values[upper] * fraction
    }
}
