import Datasets
import Foundation
import NeuralNetworks

/// A hybrid of lesson 3's VAE and lesson 4's diffusion model: a small DDPM in the VAE's latent
/// space (latent diffusion, Rombach et al. 2022, here with an MLP denoiser and no attention).
///
/// The VAE's encoder maps the training images to their posterior means `μ(x)`; each dimension is
/// standardised, `u = (μ(x) - m) / s` with the codes' mean `m` and standard deviation `s`, and a
/// `DiffusionMLP` learns `ε_θ(u_t, t)` on those codes with the ε-prediction loss (linear schedule of
/// 1,000 steps). A sample runs DDIM from `u_T ~ N(0, I)` to `u_0`, unstandardises it, `z = m + s u_0`,
/// and decodes it once: `x = σ(D(z))`. Cost per sample: `steps` passes of the MLP, one decoder pass.
///
/// ```swift
/// let codes = LatentDiffusion.codes(of: train, encodedBy: vae)
/// let hybrid = LatentDiffusion(vae: vae, codes: codes, steps: 4000, seed: 7)
/// let images = hybrid.sample(count: 100, steps: 10, eta: 1, using: &rng)   // [100, 784]
/// ```
public struct LatentDiffusion {
    /// The VAE whose decoder turns codes into images.
    public let vae: VAE
    /// The trained denoiser on standardised codes.
    public let denoiser: DiffusionMLP
    /// The forward process the denoiser was trained with.
    public let schedule: DiffusionSchedule
    /// The codes' mean `m`, `[1, latentSize]`.
    public let codeMean: Tensor
    /// The codes' standard deviation `s`, `[1, latentSize]`.
    public let codeScale: Tensor
    /// The ε-prediction loss of every training step.
    public let losses: [Float]
    /// Floating-point operations of the matrix products of the denoiser's training, forward and
    /// backward passes (`countingOperations`); encoding the training images is not included.
    public let trainingOperations: Int

    /// The encoder's posterior means `μ(x)` of every image of `data`, `[data.count, latentSize]`.
    public static func codes(of data: FashionMNIST, encodedBy vae: VAE) -> Tensor {
        let chunks = stride(from: 0, to: data.count, by: 1000).map { start in
            vae.encode(data.images(start..<min(start + 1000, data.count))).mean
        }
        return Tensor(concatenating: chunks, alongAxis: 0)
    }

    /// Trains a denoiser on `codes` (`[N, latentSize]`): `steps` Adam steps (learning rate 10⁻³) on
    /// batches of `batchSize` codes reshuffled every pass from `seed`, diffusion noise from `seed + 1`.
    /// - Parameters:
    ///   - width: Units of each of the denoiser's `depth` hidden layers.
    public init(vae: VAE, codes: Tensor, steps: Int, batchSize: Int = 256, width: Int = 256, depth: Int = 3, seed: UInt64,
                progress: TrainingProgress = { _, _ in }) {
        precondition(codes.rank == 2 && codes.shape[1] == vae.latentSize,
                     "LatentDiffusion: codes of shape \(codes.shape) for a latent of \(vae.latentSize)")
        let mean = codes.mean(axis: 0, keepDims: true)
        let scale = sqrt(codes.variance(axis: 0, keepDims: true) + 1e-8)
        let standardised = (codes - mean) / scale
        var rng = RandomGenerator(seed: seed + 1)
        var trainer = DiffusionTrainer(model: DiffusionMLP(dataDimension: vae.latentSize, depth: depth, width: width, rng: &rng),
                                       schedule: .linear(stepCount: 1000), optimizer: Adam(learningRate: 1e-3))
        let batches = MiniBatches(count: codes.shape[0], batchSize: batchSize, dropsLastPartialBatch: true, seed: seed)
        let planned = batches.first(steps)
        progress(0, steps)
        let operations = countingOperations {
            for (index, indices) in planned.enumerated() {
                trainer.step(on: standardised.gathering(rows: indices), using: &rng)
                progress(index + 1, steps)
            }
        }.operations
        (self.vae, denoiser, schedule, codeMean, codeScale) = (vae, trainer.model, trainer.schedule, mean, scale)
        (losses, trainingOperations) = (trainer.losses, operations)
    }

    /// `count` codes `z = m + s u_0`, `[count, latentSize]`, with `u_0` drawn by DDIM in `steps` steps at noise level `eta`.
    public func sampleCodes(count: Int, steps: Int, eta: Double, using rng: inout RandomGenerator) -> Tensor {
        let sampler = DiffusionSampler(model: denoiser, schedule: schedule)
        let start = Tensor(randomNormal: [count, vae.latentSize], using: &rng)
        return sampler.ddim(from: start, stepCount: steps, eta: eta, using: &rng).samples * codeScale + codeMean
    }

    /// `count` images `σ(D(z))`, `[count, inputSize]`, decoded from `sampleCodes`.
    public func sample(count: Int, steps: Int, eta: Double, using rng: inout RandomGenerator) -> Tensor {
        vae.decode(sampleCodes(count: count, steps: steps, eta: eta, using: &rng))
    }
}
