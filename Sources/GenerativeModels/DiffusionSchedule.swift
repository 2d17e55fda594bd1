import Foundation
import Tensors

/// The noise schedule of a denoising diffusion model (Ho et al., 2020): the variances `β_t` of the
/// forward steps `q(x_t | x_{t-1}) = N(√(1 - β_t) x_{t-1}, β_t I)` and the quantities derived from them,
///
/// `α_t = 1 - β_t`, `ᾱ_t = α_1 α_2 ⋯ α_t`, so that `q(x_t | x_0) = N(√ᾱ_t x_0, (1 - ᾱ_t) I)`.
///
/// Timesteps are indices `0..<stepCount`: index `t` holds the paper's step `t + 1`, as in the
/// PyTorch reference (`abar[t]` with `t = torch.randint(0, T)`).
/// ```swift
/// let schedule = DiffusionSchedule.linear(stepCount: 1000)
/// let noisy = schedule.noised(x0, timesteps: t, noise: epsilon)
/// ```
public struct DiffusionSchedule: Sendable {
    /// The forward-step variances `β_t`, one per timestep.
    public let betas: [Double]
    /// `α_t = 1 - β_t`.
    public let alphas: [Double]
    /// `ᾱ_t = Π_{s ≤ t} α_s`, the share of signal variance left at step `t`.
    public let alphaBars: [Double]

    /// Creates a schedule from its forward-step variances.
    /// - Precondition: every `β_t` lies in `(0, 1)`.
    public init(betas: [Double]) {
        precondition(!betas.isEmpty && betas.allSatisfy { $0 > 0 && $0 < 1 },
                     "DiffusionSchedule: betas must lie in (0, 1), got \(betas.prefix(3))... (\(betas.count))")
        self.betas = betas
        alphas = betas.map { 1 - $0 }
        var product = 1.0
        alphaBars = alphas.map { alpha in
            product *= alpha
            return product
        }
    }

    /// The linear schedule of Ho et al. (2020): `β_t` evenly spaced from `betaStart` to `betaEnd`.
    public static func linear(stepCount: Int = 1000, betaStart: Double = 1e-4, betaEnd: Double = 0.02) -> DiffusionSchedule {
        precondition(stepCount >= 2, "DiffusionSchedule.linear: need at least 2 steps, got \(stepCount)")
        let width = (betaEnd - betaStart) / Double(stepCount - 1)
        return DiffusionSchedule(betas: (0..<stepCount).map { betaStart + width * Double($0) })
    }

    /// The cosine schedule of Nichol and Dhariwal (2021): `ᾱ(t) = f(t) / f(0)` with
    /// `f(t) = cos²(π/2 · (t/T + s) / (1 + s))`, and `β_t = min(1 - ᾱ_t / ᾱ_{t-1}, maxBeta)`.
    ///
    /// "Improved denoising diffusion probabilistic models", 2021.
    public static func cosine(stepCount: Int = 1000, offset: Double = 0.008, maxBeta: Double = 0.999) -> DiffusionSchedule {
        precondition(stepCount >= 2, "DiffusionSchedule.cosine: need at least 2 steps, got \(stepCount)")
        func f(_ step: Int) -> Double {
            let angle = (Double(step) / Double(stepCount) + offset) / (1 + offset) * Double.pi / 2
            return cos(angle) * cos(angle)
        }
        let betas = (1...stepCount).map { step in min(1 - f(step) / f(step - 1), maxBeta) }
        return DiffusionSchedule(betas: betas)
    }

    /// The number of timesteps `T`.
    public var stepCount: Int { betas.count }

    /// The signal-to-noise ratio of `x_t`: `SNR(t) = ᾱ_t / (1 - ᾱ_t)`.
    public func signalToNoiseRatio(at timestep: Int) -> Double {
        alphaBars[timestep] / (1 - alphaBars[timestep])
    }

    /// `ᾱ` one step before `timestep`, with `ᾱ_{-1} = 1` (the clean data).
    public func previousAlphaBar(_ timestep: Int) -> Double {
        timestep > 0 ? alphaBars[timestep - 1] : 1
    }

    /// The variance of the true posterior `q(x_{t-1} | x_t, x_0)`:
    /// `β̃_t = (1 - ᾱ_{t-1}) / (1 - ᾱ_t) · β_t` (zero at the first step).
    public func posteriorVariance(at timestep: Int) -> Double {
        (1 - previousAlphaBar(timestep)) / (1 - alphaBars[timestep]) * betas[timestep]
    }

    // MARK: - Tensors

    /// Samples `q(x_t | x_0)` in closed form: `x_t = √ᾱ_t x_0 + √(1 - ᾱ_t) ε`.
    ///
    /// - Parameters:
    ///   - clean: `x_0`, `[N, ...]`.
    ///   - timesteps: One timestep per example, `N` of them.
    ///   - noise: `ε ~ N(0, I)`, the shape of `clean`.
    /// - Returns: `x_t`, the shape of `clean`.
    public func noised(_ clean: Tensor, timesteps: [Int], noise: Tensor) -> Tensor {
        precondition(clean.shape == noise.shape && clean.shape.first == timesteps.count,
                     "noised: x0 \(clean.shape), noise \(noise.shape), \(timesteps.count) timesteps")
        let signal = perExample(timesteps.map { alphaBars[$0].squareRoot() }, rank: clean.rank)
        let spread = perExample(timesteps.map { (1 - alphaBars[$0]).squareRoot() }, rank: clean.rank)
        return signal * clean + spread * noise
    }

    /// The mean of the true posterior `q(x_{t-1} | x_t, x_0)`:
    ///
    /// `μ̃_t = √ᾱ_{t-1} β_t / (1 - ᾱ_t) · x_0 + √α_t (1 - ᾱ_{t-1}) / (1 - ᾱ_t) · x_t`.
    /// `clean` and `noisy` have one shape; `timestep` is shared by the batch.
    public func posteriorMean(clean: Tensor, noisy: Tensor, timestep: Int) -> Tensor {
        let denominator = 1 - alphaBars[timestep]
        let cleanWeight = previousAlphaBar(timestep).squareRoot() * betas[timestep] / denominator
        let noisyWeight = alphas[timestep].squareRoot() * (1 - previousAlphaBar(timestep)) / denominator
        return Float(cleanWeight) * clean + Float(noisyWeight) * noisy
    }

    /// A column of per-example scalars shaped to broadcast over an `[N, ...]` tensor of `rank`.
    func perExample(_ values: [Double], rank: Int) -> Tensor {
        Tensor(shape: [values.count] + Array(repeating: 1, count: max(rank - 1, 0)), scalars: values.map { Float($0) })
    }
}
