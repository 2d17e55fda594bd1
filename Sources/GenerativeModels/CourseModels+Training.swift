import Datasets
import Foundation
import NeuralNetworks
import Tensors

/// Reports a training loop's progress: steps completed so far and the total. Lessons pass
/// `progressReporter(label:)` from the lesson runtime, which draws a progress bar.
public typealias TrainingProgress = (_ completed: Int, _ total: Int) -> Void

/// How the lessons build and train their Fashion-MNIST models, written once: the lessons train
/// through these functions, and the comparison of lesson 9 trains the same way when a checkpoint
/// is missing (`loadOrTrain...`).
extension CourseModels {
    // MARK: - Lesson 2's GAN

    /// The epochs lesson 2 trains its GAN for.
    public static let ganEpochs = 6

    /// Lesson 2's GAN, untrained: the DCGAN-style `GANConvGenerator` (64-dimensional latent, 32
    /// channels) against an MLP discriminator 784–512–256–1, non-saturating loss, Adam with
    /// `β₁ = 0.5`: learning rate 10⁻³ for the generator, 5·10⁻⁴ for the discriminator.
    public static func makeGAN(using rng: inout RandomGenerator) -> GAN<GANConvGenerator, MLPDiscriminator> {
        GAN(generator: GANConvGenerator(latentSize: 64, channels: 32, rng: &rng),
            discriminator: MLPDiscriminator(inputSize: 784, hiddenSizes: [512, 256], rng: &rng),
            latentSize: 64,
            generatorOptimizer: Adam(learningRate: 1e-3, beta1: 0.5),
            discriminatorOptimizer: Adam(learningRate: 5e-4, beta1: 0.5))
    }

    /// Lesson 2's batches: 64 images, reshuffled every epoch from seed 8, the last partial batch dropped.
    public static func ganBatches(for data: FashionMNIST) -> MiniBatches {
        MiniBatches(count: data.count, batchSize: ganGenerator.batchSize, dropsLastPartialBatch: true, seed: 8)
    }

    /// Trains `gan` for `ganEpochs` epochs of `data` (pixels in [-1, 1]), calling
    /// `afterStep(stepsTaken, gan)` after every step; returns the losses of every step.
    public static func trainGAN(_ gan: inout GAN<GANConvGenerator, MLPDiscriminator>, on data: FashionMNIST,
                                using rng: inout RandomGenerator, progress: TrainingProgress = { _, _ in },
                                afterStep: (Int, GAN<GANConvGenerator, MLPDiscriminator>) -> Void = { _, _ in }) -> [GANStepLosses] {
        let batches = ganBatches(for: data)
        let total = ganEpochs * batches.batchesPerEpoch
        var losses: [GANStepLosses] = []
        progress(0, total)
        for epoch in 0..<ganEpochs {
            for indices in batches.epoch(epoch) {
                losses.append(gan.trainingStep(real: data.images(indices, range: -1...1), using: &rng))
                progress(losses.count, total)
                afterStep(losses.count, gan)
            }
        }
        return losses
    }

    // MARK: - Lesson 3's VAE

    /// The epochs lesson 3 trains its VAE for (with `VAE.fit`, seed 1).
    public static let vaeEpochs = 2

    // MARK: - Lesson 4's U-Net recipe

    /// Trains a U-Net with lesson 4's recipe for `steps` steps: batches of 32 images of `data` in
    /// [-1, 1], in an order fixed by seed 4 (the last partial batch of each epoch dropped), a learning
    /// rate along a cosine from 2·10⁻³ to 10⁻⁴, and an average of the weights (decay 0.995), which is
    /// written to `checkpoint` and returned in a copy of `network`.
    ///
    /// `step(images, labels, learningRate)` takes one optimizer step of whatever objective the
    /// caller trains (`DiffusionTrainer`, `FlowMatchingTrainer`) and returns the updated network.
    public static func trainUNet(_ network: UNet, steps: Int, on data: FashionMNIST, averageTo checkpoint: String,
                                 progress: TrainingProgress = { _, _ in },
                                 step: (_ images: Tensor, _ labels: [Int], _ learningRate: Float) -> UNet) throws -> UNet {
        let rate = CosineDecay(initial: 2e-3, final: 1e-4, steps: steps)
        let batches = MiniBatches(count: data.count, batchSize: diffusionUNet.batchSize, dropsLastPartialBatch: true, seed: 4)
        let planned = batches.first(steps)
        var average = ParameterAverage(of: network, decay: 0.995)
        progress(0, steps)
        for (index, indices) in planned.enumerated() {
            let images = data.images(indices, layout: .channels, range: -1...1)
            average.update(with: step(images, indices.map { data.labels[$0] }, rate(index)))
            progress(index + 1, steps)
        }
        try average.write(to: checkpoint)
        var averaged = network
        try Checkpoint.load(into: &averaged, from: checkpoint)
        return averaged
    }

    /// Lesson 4's DDPM U-Net trained from `network` with lesson 4's recipe and budget (ε-prediction,
    /// linear schedule of 1,000 steps, labels dropped with probability 0.1 for guidance); the
    /// averaged weights are saved as `diffusionUNet` and returned, with every step's loss.
    public static func trainDiffusionUNet(_ network: UNet, on data: FashionMNIST, using rng: inout RandomGenerator,
                                          progress: TrainingProgress = { _, _ in }) throws -> (model: UNet, losses: [Float]) {
        var trainer = DiffusionTrainer(model: network, schedule: .linear(stepCount: 1000),
                                       optimizer: Adam(learningRate: 2e-3), labelDropProbability: 0.1)
        let averaged = try trainUNet(network, steps: diffusionUNet.trainingSteps, on: data, averageTo: diffusionUNet.path,
                                     progress: progress) { images, labels, learningRate in
            trainer.optimizer.learningRate = learningRate
            trainer.step(on: images, labels: labels, using: &rng)
            return trainer.model
        }
        return (averaged, trainer.losses)
    }

    /// Lesson 5b's flow-matching U-Net trained from `network` with lesson 4's recipe for
    /// `flowMatchingUNet.trainingSteps` steps (straight paths from `N(0, I)`, independent pairing,
    /// labels dropped with probability 0.1); the averaged weights are saved as `flowMatchingUNet` and
    /// returned, with every step's loss.
    public static func trainFlowMatchingUNet(_ network: UNet, on data: FashionMNIST, using rng: inout RandomGenerator,
                                             progress: TrainingProgress = { _, _ in }) throws -> (model: UNet, losses: [Float]) {
        var trainer = FlowMatchingTrainer(model: network, optimizer: Adam(learningRate: 2e-3), labelDropProbability: 0.1)
        let averaged = try trainUNet(network, steps: flowMatchingUNet.trainingSteps, on: data, averageTo: flowMatchingUNet.path,
                                     progress: progress) { images, labels, learningRate in
            trainer.optimizer.learningRate = learningRate
            trainer.step(on: images, labels: labels, using: &rng)
            return trainer.model
        }
        return (averaged, trainer.losses)
    }

    // MARK: - Load, or train when the checkpoint is missing

    /// Lesson 2's generator, loaded; when its checkpoint is absent, trained with lesson 2's code and
    /// budget (`makeGAN`, `trainGAN`) from seed 7 and saved (a few minutes on two cores).
    public static func loadOrTrainGANGenerator(progress: TrainingProgress = { _, _ in }) throws -> GANConvGenerator {
        var rng = RandomGenerator(seed: 7)
        var gan = makeGAN(using: &rng)
        if FileManager.default.fileExists(atPath: ganGenerator.path) { return try load(gan.generator, from: ganGenerator) }
        _ = trainGAN(&gan, on: try FashionMNIST.load(split: .train), using: &rng, progress: progress)
        try Checkpoint.save(gan.generator, to: ganGenerator.path)
        return gan.generator
    }

    /// Lesson 3's VAE, loaded; when its checkpoint is absent, trained with lesson 3's code and budget
    /// (`VAE.fit`, `vaeEpochs` epochs, seed 1) from weights drawn from seed 3, and saved.
    public static func loadOrTrainVAE(progress: TrainingProgress = { _, _ in }) throws -> VAE {
        var rng = RandomGenerator(seed: 3)
        return try loadOrTrain(VAE(likelihood: .bernoulli, rng: &rng), from: vae) {
            var model = $0
            _ = model.fit(try FashionMNIST.load(split: .train), epochs: vaeEpochs, seed: 1, progress: progress)
            try Checkpoint.save(model, to: vae.path)
            return model
        }
    }

    /// Lesson 9's class-conditional VAE, loaded; when its checkpoint is absent, trained with lesson
    /// 3's budget and seeds (`ConditionalVAE.fit`, `vaeEpochs` epochs, seed 1, weights from seed 3) and saved.
    public static func loadOrTrainConditionalVAE(progress: TrainingProgress = { _, _ in }) throws -> ConditionalVAE {
        var rng = RandomGenerator(seed: 3)
        return try loadOrTrain(ConditionalVAE(rng: &rng), from: conditionalVAE) {
            var model = $0
            _ = model.fit(try FashionMNIST.load(split: .train), epochs: vaeEpochs, seed: 1, progress: progress)
            try Checkpoint.save(model, to: conditionalVAE.path)
            return model
        }
    }

    /// Lesson 9's latent diffusion on `vae`'s codes of the training images, trained (a denoiser of
    /// 3 × 256 units, `latentDiffusion.trainingSteps` steps of `latentDiffusion.batchSize` codes, seed 9;
    /// about a minute on two busy cores) and its denoiser saved as `latentDiffusion`, whose bytes key its samples.
    public static func trainLatentDiffusion(vae: VAE, progress: TrainingProgress = { _, _ in }) throws -> LatentDiffusion {
        let codes = LatentDiffusion.codes(of: try FashionMNIST.load(split: .train), encodedBy: vae)
        let model = LatentDiffusion(vae: vae, codes: codes, steps: latentDiffusion.trainingSteps, batchSize: latentDiffusion.batchSize,
                                    seed: 9, progress: progress)
        try Checkpoint.save(model.denoiser, to: latentDiffusion.path)
        return model
    }

    /// Lesson 4's U-Net (its averaged weights), loaded; when its checkpoint is absent, trained with
    /// `trainDiffusionUNet` from seed 4 and saved.
    public static func loadOrTrainDiffusionUNet(progress: TrainingProgress = { _, _ in }) throws -> UNet {
        var rng = RandomGenerator(seed: 4)
        return try loadOrTrain(UNet(classCount: 10, baseChannels: 16, rng: &rng), from: diffusionUNet) {
            try trainDiffusionUNet($0, on: try FashionMNIST.load(split: .train), using: &rng, progress: progress).model
        }
    }

    /// Lesson 5b's flow-matching U-Net, loaded; when its checkpoint is absent, trained with
    /// `trainFlowMatchingUNet` from seed 5 and saved.
    public static func loadOrTrainFlowMatchingUNet(progress: TrainingProgress = { _, _ in }) throws -> UNet {
        var rng = RandomGenerator(seed: 5)
        return try loadOrTrain(UNet(classCount: 10, baseChannels: 16, rng: &rng), from: flowMatchingUNet) {
            try trainFlowMatchingUNet($0, on: try FashionMNIST.load(split: .train), using: &rng, progress: progress).model
        }
    }
}
