import Tensors

/// The samplers of the course's Fashion-MNIST models as `SampleSource`s, so that every page that
/// measures a model draws its images with the same code (and reads the same cached images).
/// Class-conditional samplers draw a balanced set: image `i` of a batch gets class `i mod 10`
/// (batch sizes are multiples of 10). Each takes the checkpoint its model was loaded from
/// (`saved`, by default the one its lesson saves), whose bytes key the cached images: a model
/// loaded from another file must name that file, or it would read the default model's images.
extension SampleSource {
    /// Lesson 2's GAN: `G(z)`, `z ~ N(0, I)`, one generator pass per image.
    public static func gan(_ generator: GANConvGenerator, saved: CourseModels.Saved = CourseModels.ganGenerator,
                           seed: UInt64) -> SampleSource {
        SampleSource(name: "GAN", checkpoint: saved.path, seed: seed, range: -1...1) { count, rng in
            generator(Tensor(randomNormal: [count, generator.projection.weight.shape[0]], using: &rng))
        }
    }

    /// Lesson 3's VAE: the decoder's mean `σ(D(z))`, `z ~ N(0, I)`, one decoder pass per image.
    public static func vae(_ vae: VAE, saved: CourseModels.Saved = CourseModels.vae, seed: UInt64) -> SampleSource {
        SampleSource(name: "VAE", checkpoint: saved.path, seed: seed) { count, rng in
            vae.sample(count: count, using: &rng)
        }
    }

    /// Lesson 3's class-conditional VAE: `σ(D(z ++ e_y))`, `z ~ N(0, I)`, a balanced set of classes,
    /// one decoder pass per image.
    public static func conditionalVAE(_ model: ConditionalVAE, saved: CourseModels.Saved = CourseModels.conditionalVAE,
                                      seed: UInt64) -> SampleSource {
        SampleSource(name: "conditional VAE", checkpoint: saved.path, seed: seed) { count, rng in
            model.sample(labels: balancedLabels(count), using: &rng)
        }
    }

    /// Lesson 9's latent diffusion: DDIM in `steps` steps at noise level `eta` in the VAE's latent
    /// space, then one decoder pass: `steps` MLP passes and one decoder pass per image. `saved` is
    /// the denoiser's file, written by `CourseModels.trainLatentDiffusion`.
    public static func latentDiffusion(_ model: LatentDiffusion, saved: CourseModels.Saved = CourseModels.latentDiffusion,
                                       steps: Int, eta: Double, seed: UInt64) -> SampleSource {
        SampleSource(name: "latent diffusion, DDIM \(steps) steps, eta = \(short(eta))", checkpoint: saved.path, seed: seed) { count, rng in
            model.sample(count: count, steps: steps, eta: eta, using: &rng)
        }
    }

    /// Lesson 4's U-Net sampled by DDIM in `steps` steps with guidance scale `guidance` and noise
    /// level `eta`, the prediction of `x_0` clipped to [-1, 1]: `steps` network passes per image,
    /// twice as many when guided (`guidance` not 0 or 1).
    public static func ddim(_ unet: UNet, saved: CourseModels.Saved = CourseModels.diffusionUNet, steps: Int,
                            guidance: Double, eta: Double, seed: UInt64, batchSize: Int = 100) -> SampleSource {
        let sampler = DiffusionSampler(model: unet, schedule: .linear(stepCount: 1000), guidanceScale: guidance, clipRange: -1...1)
        return SampleSource(name: "DDIM, \(steps) steps, w = \(short(guidance)), eta = \(short(eta))", checkpoint: saved.path,
                            seed: seed, batchSize: batchSize, range: -1...1) { count, rng in
            let noise = Tensor(randomNormal: [count, 1, 28, 28], using: &rng)
            return sampler.ddim(from: noise, stepCount: steps, eta: eta, labels: balancedLabels(count), using: &rng).samples
        }
    }

    /// Lesson 5b's flow-matching U-Net, integrated from noise in `steps` steps of `method` with
    /// guidance scale `guidance`, clipped to [-1, 1] at the end.
    public static func flowMatching(_ unet: UNet, saved: CourseModels.Saved = CourseModels.flowMatchingUNet, steps: Int,
                                    method: ODEMethod = .euler, guidance: Double, seed: UInt64,
                                    batchSize: Int = 100) -> SampleSource {
        let sampler = FlowMatchingSampler(model: unet, guidanceScale: guidance)
        return SampleSource(name: "flow matching, \(steps) \(method.rawValue) steps, w = \(short(guidance))",
                            checkpoint: saved.path, seed: seed, batchSize: batchSize, range: -1...1) { count, rng in
            let noise = Tensor(randomNormal: [count, 1, 28, 28], using: &rng)
            return sampler.sample(from: noise, stepCount: steps, method: method, labels: balancedLabels(count)).final
        }
    }

    /// Lesson 5b's coupling flow: `x = f(z)`, `z ~ N(0, I)`, mapped from logits back to pixels
    /// with lesson 5b's logit dequantisation (boundary 0.05); one pass through the flow.
    public static func couplingFlow(_ flow: CouplingFlow<StandardNormalBase>, saved: CourseModels.Saved = CourseModels.couplingFlow,
                                    seed: UInt64) -> SampleSource {
        let preprocessing = LogitDequantization(boundary: 0.05)
        return SampleSource(name: "coupling flow", checkpoint: saved.path, seed: seed) { count, rng in
            preprocessing.pixels(fromLogits: flow.sample(count, using: &rng))
        }
    }

    /// One of lesson 6's autoregressive models on binarised images, by ancestral sampling: one
    /// network pass per pixel, 784 per image. `saved` has no default: FVSBN, NADE and MADE share it.
    public static func autoregressive(_ model: any AutoregressiveModel, name: String, saved: CourseModels.Saved, seed: UInt64,
                                      batchSize: Int = 500) -> SampleSource {
        SampleSource(name: name, checkpoint: saved.path, seed: seed, batchSize: batchSize) { count, rng in
            model.sample(count: count, using: &rng)
        }
    }

    /// Lesson 6's class-conditional PixelCNN, a balanced set of classes, 784 passes per image.
    public static func pixelCNN(_ model: PixelCNN, saved: CourseModels.Saved = CourseModels.pixelCNN, seed: UInt64,
                                batchSize: Int = 100) -> SampleSource {
        SampleSource(name: "PixelCNN", checkpoint: saved.path, seed: seed, batchSize: batchSize) { count, rng in
            model.conditioned(on: balancedLabels(count)).sample(count: count, using: &rng)
        }
    }
}

/// `value` with as few digits as it needs: `3` for 3.0, `0.5` for 0.5.
private func short(_ value: Double) -> String {
    String(format: "%g", value)
}

/// Classes `0, 1, ..., 9, 0, 1, ...` for `count` images.
private func balancedLabels(_ count: Int) -> [Int] {
    (0..<count).map { $0 % 10 }
}
