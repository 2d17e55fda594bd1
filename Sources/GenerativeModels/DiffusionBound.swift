import Foundation
import NeuralNetworks

/// The variational bound of a diffusion model on 8-bit images, in nats per image and in bits per
/// dimension (Ho et al., 2020, §3.3):
///
/// `-log p(x_0) ≤ L_T + Σ_{t=2}^{T} L_{t-1} + L_0`, with
/// - the prior term `L_T = KL(q(x_T | x_0) ‖ N(0, I))`,
/// - the denoising terms `L_{t-1} = KL(q(x_{t-1} | x_t, x_0) ‖ p_θ(x_{t-1} | x_t))`, where the reverse
///   step has the mean implied by `ε_θ` and the true posterior's variance `β̃_t`, so that
///   `L_{t-1} = β_t² / (2 β̃_t α_t (1 - ᾱ_t)) · ‖ε - ε_θ(x_t, t)‖²` (Ho et al., eq. 12),
/// - the decoder term `L_0 = -log p_θ(x_0 | x_1)`, a Gaussian of variance `β_1` discretised to the
///   256 pixel levels (bins of width 2/255 on `[-1, 1]`, the outer bins reaching to ±∞).
public struct DiffusionBound: Sendable {
    /// `L_T`, averaged over the images, in nats.
    public var prior: Double
    /// `Σ_{t=2}^{T} L_{t-1}`, averaged over the images, in nats (a stratified Monte Carlo estimate).
    public var denoising: Double
    /// `L_0`, averaged over the images, in nats.
    public var decoder: Double
    /// The number of pixels of one image.
    public var dimension: Int
    /// The whole bound of each image, `L_T + Σ L_{t-1} + L_0` in nats (its denoising sum estimated
    /// from that image's own timesteps and noise), `[N]`.
    public var perImage: [Double]

    /// The whole bound on `-log p(x_0)`, in nats per image.
    public var total: Double { prior + denoising + decoder }

    /// The bound in bits per dimension: `total / (D ln 2)`.
    public var bitsPerDimension: Double { total / (Double(dimension) * log(2)) }

    /// The bound of each image in bits per dimension, with the standard error of their mean (the
    /// spread of the images and of the random timesteps and noise each image drew).
    public var perImageBits: BitsPerDimension { BitsPerDimension(natsPerImage: perImage, dimension: dimension) }
}

extension DiffusionBound {
    /// Estimates the bound of `model` on `images`.
    ///
    /// The sum over the `T - 1` denoising terms is estimated without bias by stratified sampling: the
    /// timesteps `2...T` are cut into `timestepsPerImage` consecutive strata, each image draws one
    /// timestep and one noise in every stratum, and each term is weighted by its stratum's size.
    /// With `timestepsPerImage == T - 1` every term is computed once, and only the noise is random.
    /// - Parameters:
    ///   - model: The noise predictor `ε_θ`.
    ///   - schedule: The forward process it was trained with.
    ///   - images: `[N, ...]`, 8-bit pixels scaled to `[-1, 1]` (`2k/255 - 1`).
    ///   - labels: `N` labels for the class-conditional bound on `-log p(x_0 | y)`; empty for the
    ///     unconditional bound (the "no label" input of a conditional model).
    ///   - timestepsPerImage: The number of strata, in `1...T-1`.
    ///   - batchSize: Images per forward pass.
    public static func estimate<Model: NoisePredictor>(
        model: Model, schedule: DiffusionSchedule, images: Tensor, labels: [Int] = [],
        timestepsPerImage: Int = 10, batchSize: Int = 100, using rng: inout RandomGenerator
    ) -> DiffusionBound {
        let count = images.shape[0], steps = schedule.stepCount
        precondition(count > 0 && images.rank >= 2, "DiffusionBound: images must be [N, ...] with N > 0, got \(images.shape)")
        precondition(labels.isEmpty || labels.count == count, "DiffusionBound: \(labels.count) labels for \(count) images")
        precondition((1...max(steps - 1, 1)).contains(timestepsPerImage),
                     "DiffusionBound: timestepsPerImage must lie in 1...\(steps - 1), got \(timestepsPerImage)")
        let strata = (0..<timestepsPerImage).map { k in
            (1 + k * (steps - 1) / timestepsPerImage)..<(1 + (k + 1) * (steps - 1) / timestepsPerImage)
        }
        let dimension = images.scalarCount / count
        var (prior, denoising, decoder) = ([Double](), [Double](repeating: 0, count: count), [Double]())
        for start in stride(from: 0, to: count, by: batchSize) {
            let range = start..<min(start + batchSize, count)
            let clean = images.sliced(alongAxis: 0, range: range)
            let batchLabels = labels.isEmpty ? Array(repeating: model.classCount, count: range.count) : Array(labels[range])
            prior += priorTerms(clean, schedule: schedule)
            for stratum in strata {
                let timesteps = range.map { _ in stratum.lowerBound + rng.nextInt(below: stratum.count) }
                let terms = denoisingTerms(model, schedule: schedule, clean: clean, timesteps: timesteps, labels: batchLabels, using: &rng)
                for (n, term) in zip(range, terms) { denoising[n] += Double(stratum.count) * term }
            }
            decoder += decoderTerms(model, schedule: schedule, clean: clean, labels: batchLabels, using: &rng)
        }
        let average = { (terms: [Double]) in terms.reduce(0, +) / Double(count) }
        return DiffusionBound(prior: average(prior), denoising: average(denoising), decoder: average(decoder), dimension: dimension,
                              perImage: (0..<count).map { prior[$0] + denoising[$0] + decoder[$0] })
    }

    /// `KL(N(√ᾱ_T x_0, 1 - ᾱ_T) ‖ N(0, 1))` summed over the pixels of each image.
    static func priorTerms(_ clean: Tensor, schedule: DiffusionSchedule) -> [Double] {
        let alphaBar = schedule.alphaBars[schedule.stepCount - 1]
        let perPixel = (1 - alphaBar) - 1 - log(1 - alphaBar)
        return summedPerImage(clean) { x in 0.5 * (alphaBar * x * x + perPixel) }
    }

    /// Each image's `L_{t-1}` at its timestep index (index `i` is the paper's step `i + 1 ≥ 2`).
    static func denoisingTerms<Model: NoisePredictor>(
        _ model: Model, schedule: DiffusionSchedule, clean: Tensor, timesteps: [Int], labels: [Int],
        using rng: inout RandomGenerator
    ) -> [Double] {
        let noise = Tensor(randomNormal: clean.shape, using: &rng)
        let noisy = schedule.noised(clean, timesteps: timesteps, noise: noise)
        let predicted = model.predictedNoise(noisy, timesteps: Tensor(timesteps.map { Float($0) }), labels: labels)
        let squaredErrors = summedPerImage((predicted - noise) * (predicted - noise)) { $0 }
        return zip(timesteps, squaredErrors).map { i, squaredError in
            let weight = schedule.betas[i] * schedule.betas[i]
                / (2 * schedule.posteriorVariance(at: i) * schedule.alphas[i] * (1 - schedule.alphaBars[i]))
            return weight * squaredError
        }
    }

    /// Each image's `-log p_θ(x_0 | x_1)` under the discretised Gaussian decoder.
    static func decoderTerms<Model: NoisePredictor>(
        _ model: Model, schedule: DiffusionSchedule, clean: Tensor, labels: [Int], using rng: inout RandomGenerator
    ) -> [Double] {
        let count = clean.shape[0]
        let noise = Tensor(randomNormal: clean.shape, using: &rng)
        let noisy = schedule.noised(clean, timesteps: Array(repeating: 0, count: count), noise: noise)
        let predicted = model.predictedNoise(noisy, timesteps: Tensor(repeating: 0, shape: [count]), labels: labels)
        let (beta, alphaBar) = (schedule.betas[0], schedule.alphaBars[0])
        // The reverse mean at the first step, (x_1 - β_1 / √(1 - ᾱ_1) ε_θ) / √α_1, is the predicted clean image.
        let means = ((noisy - Float(beta / (1 - alphaBar).squareRoot()) * predicted) / Float(schedule.alphas[0].squareRoot())).scalars
        let (values, deviation, pixels) = (clean.scalars, beta.squareRoot(), clean.scalarCount / count)
        return (0..<count).map { n in
            ((n * pixels)..<((n + 1) * pixels)).reduce(0) { sum, j in
                sum - log(max(discretisedGaussianBin(Double(values[j]), mean: Double(means[j]), deviation: deviation), 1e-12))
            }
        }
    }

    /// `Σ_pixels f(value)` for each image (row) of `batch`.
    static func summedPerImage(_ batch: Tensor, _ f: (Double) -> Double) -> [Double] {
        let scalars = batch.scalars, pixels = batch.scalarCount / batch.shape[0]
        return (0..<batch.shape[0]).map { n in
            scalars[(n * pixels)..<((n + 1) * pixels)].reduce(0) { $0 + f(Double($1)) }
        }
    }
}

/// The probability that `N(mean, deviation²)` puts on the 8-bit bin around `x` (width 2/255 on
/// `[-1, 1]`; the bins of -1 and 1 extend to ±∞), computed from `erfc` on the side of the mean
/// where it keeps its digits.
func discretisedGaussianBin(_ x: Double, mean: Double, deviation: Double) -> Double {
    let halfWidth = 1.0 / 255
    let lower = x <= -1 + halfWidth / 2 ? -Double.infinity : (x - halfWidth - mean) / deviation
    let upper = x >= 1 - halfWidth / 2 ? Double.infinity : (x + halfWidth - mean) / deviation
    // Φ(z) = erfc(-z/√2)/2 and 1 - Φ(z) = erfc(z/√2)/2.
    if lower >= 0 { return 0.5 * (erfc(lower / 2.squareRoot()) - erfc(upper / 2.squareRoot())) }
    if upper <= 0 { return 0.5 * (erfc(-upper / 2.squareRoot()) - erfc(-lower / 2.squareRoot())) }
    return 1 - 0.5 * erfc(-lower / 2.squareRoot()) - 0.5 * erfc(upper / 2.squareRoot())
}
