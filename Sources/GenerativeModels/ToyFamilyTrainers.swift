import NeuralNetworks

/// One model family trained on 2-D points, as `ToyFamilyExperiment` drives it: a training step on
/// a batch `[N, 2]` that returns the step's losses, and samples `[count, 2]`.
protocol ToyFamilyTrainer {
    /// The names of the losses `step` returns, in order.
    var lossNames: [String] { get }
    /// Takes one training step on `batch` and returns its losses.
    mutating func step(on batch: Tensor, using rng: inout RandomGenerator) -> [Float]
    /// Draws `count` points from the current model.
    func sample(count: Int, using rng: inout RandomGenerator) -> Tensor
}

/// The non-saturating GAN of lesson 2: MLP generator (ReLU) from a 2-D `z`, MLP discriminator
/// (leaky ReLU), Adam with `β₁ = 0.5` for both; one discriminator and one generator update a step.
struct ToyGANTrainer: ToyFamilyTrainer {
    var gan: GAN<Sequential<Dense>, MLPDiscriminator>
    let lossNames = ["discriminator", "generator"]

    init(hiddenSizes: [Int], learningRate: Float, rng: inout RandomGenerator) {
        let generator = Sequential(layerSizes: [2] + hiddenSizes + [2], activation: relu, rng: &rng)
        let discriminator = MLPDiscriminator(inputSize: 2, hiddenSizes: hiddenSizes, rng: &rng)
        gan = GAN(generator: generator, discriminator: discriminator, latentSize: 2, objective: .nonSaturating,
                  generatorOptimizer: Adam(learningRate: learningRate, beta1: 0.5, beta2: 0.999),
                  discriminatorOptimizer: Adam(learningRate: learningRate, beta1: 0.5, beta2: 0.999))
    }

    mutating func step(on batch: Tensor, using rng: inout RandomGenerator) -> [Float] {
        let losses = gan.trainingStep(real: batch, using: &rng)
        return [losses.discriminator, losses.generator]
    }

    func sample(count: Int, using rng: inout RandomGenerator) -> Tensor { gan.generate(count: count, using: &rng) }
}

/// A VAE with a 2-D latent and a Gaussian decoder of fixed standard deviation; its samples are
/// the decoder's means `D(z)`, `z ~ N(0, I)` (the usual picture of a VAE's samples).
struct ToyVAETrainer: ToyFamilyTrainer {
    var vae: VAE
    let optimizer: Adam
    let lossNames = ["negative ELBO"]

    init(hiddenSizes: [Int], learningRate: Float, decoderStandardDeviation: Float, rng: inout RandomGenerator) {
        vae = VAE(inputSize: 2, hiddenSizes: hiddenSizes, latentSize: 2,
                  likelihood: .gaussian(standardDeviation: decoderStandardDeviation), rng: &rng)
        optimizer = Adam(learningRate: learningRate)
    }

    mutating func step(on batch: Tensor, using rng: inout RandomGenerator) -> [Float] {
        let noise = Tensor(randomNormal: [batch.shape[0], vae.latentSize], using: &rng)
        let (loss, gradient) = valueWithGradient(at: vae) { $0.loss(batch, noise: noise) }
        optimizer.update(&vae, along: gradient)
        return [loss.scalar]
    }

    // `VAE.decode` clamps a Gaussian decoder's mean to pixel range [0, 1]; points need the raw mean.
    func sample(count: Int, using rng: inout RandomGenerator) -> Tensor {
        vae.decoder(Tensor(randomNormal: [count, vae.latentSize], using: &rng))
    }
}

/// The 2-D DDPM of lesson 4 (`DiffusionMLP`, linear schedule of 1,000 steps, ε-prediction),
/// sampled by deterministic DDIM (`η = 0`) in `samplingSteps` steps.
struct ToyDiffusionTrainer: ToyFamilyTrainer {
    var trainer: DiffusionTrainer<DiffusionMLP>
    let samplingSteps: Int
    let lossNames = ["ε-prediction"]

    init(hiddenSizes: [Int], learningRate: Float, samplingSteps: Int, rng: inout RandomGenerator) {
        let model = DiffusionMLP(depth: hiddenSizes.count, width: hiddenSizes[0], rng: &rng)
        trainer = DiffusionTrainer(model: model, schedule: .linear(stepCount: 1000), optimizer: Adam(learningRate: learningRate))
        self.samplingSteps = samplingSteps
    }

    mutating func step(on batch: Tensor, using rng: inout RandomGenerator) -> [Float] { [trainer.step(on: batch, using: &rng)] }

    func sample(count: Int, using rng: inout RandomGenerator) -> Tensor {
        let sampler = DiffusionSampler(model: trainer.model, schedule: trainer.schedule)
        return sampler.ddim(from: Tensor(randomNormal: [count, 2], using: &rng), stepCount: samplingSteps, using: &rng).samples
    }
}

/// Flow matching with lesson 5's 2-D velocity network (`DiffusionMLP`), independent pairing,
/// sampled by Euler steps from `N(0, I)`.
struct ToyFlowMatchingTrainer: ToyFamilyTrainer {
    var trainer: FlowMatchingTrainer<DiffusionMLP>
    let samplingSteps: Int
    let lossNames = ["velocity regression"]

    init(hiddenSizes: [Int], learningRate: Float, samplingSteps: Int, rng: inout RandomGenerator) {
        let model = DiffusionMLP(depth: hiddenSizes.count, width: hiddenSizes[0], rng: &rng)
        trainer = FlowMatchingTrainer(model: model, optimizer: Adam(learningRate: learningRate))
        self.samplingSteps = samplingSteps
    }

    mutating func step(on batch: Tensor, using rng: inout RandomGenerator) -> [Float] { [trainer.step(on: batch, using: &rng)] }

    func sample(count: Int, using rng: inout RandomGenerator) -> Tensor {
        FlowMatchingSampler(model: trainer.model).sample(from: Tensor(randomNormal: [count, 2], using: &rng),
                                                         stepCount: samplingSteps).final
    }
}

/// Lesson 5's coupling flow: `couplingLayers` affine couplings whose conditioners have the
/// experiment's hidden widths, trained by exact maximum likelihood.
struct ToyCouplingFlowTrainer: ToyFamilyTrainer {
    var flow: CouplingFlow<StandardNormalBase>
    let optimizer: Adam
    let lossNames = ["negative log-likelihood"]

    init(hiddenSizes: [Int], learningRate: Float, couplingLayers: Int, rng: inout RandomGenerator) {
        flow = CouplingFlow(dimension: 2, layerCount: couplingLayers, width: hiddenSizes[0], depth: hiddenSizes.count, rng: &rng)
        optimizer = Adam(learningRate: learningRate)
    }

    mutating func step(on batch: Tensor, using rng: inout RandomGenerator) -> [Float] {
        let (loss, gradient) = valueWithGradient(at: flow) { $0.negativeLogLikelihood(batch) }
        optimizer.update(&flow, along: gradient)
        return [loss.scalar]
    }

    func sample(count: Int, using rng: inout RandomGenerator) -> Tensor { flow.sample(count, using: &rng) }
}
