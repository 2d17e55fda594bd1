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
    /// `afterStep(stepsTaken, gan)` after every step; returns the losses of every step. With
    /// `logging`, measures the generator's samples along the way and writes the `TrainingLog`
    /// (both losses; the samples do not touch `rng`, so the trained weights are the same).
    /// - Throws: File-system errors of the log.
    public static func trainGAN(_ gan: inout GAN<GANConvGenerator, MLPDiscriminator>, on data: FashionMNIST,
                                using rng: inout RandomGenerator, progress: TrainingProgress = { _, _ in },
                                logging: TrainingLogger? = nil,
                                afterStep: (Int, GAN<GANConvGenerator, MLPDiscriminator>) -> Void = { _, _ in }) throws -> [GANStepLosses] {
        let batches = ganBatches(for: data)
        let total = ganEpochs * batches.batchesPerEpoch
        let evaluated = Set(logging?.evaluationSteps(total: total, batchSize: ganGenerator.batchSize) ?? [])
        var losses: [GANStepLosses] = [], evaluations: [TrainingLog.Evaluation] = []
        progress(0, total)
        for epoch in 0..<ganEpochs {
            for indices in batches.epoch(epoch) {
                losses.append(gan.trainingStep(real: data.images(indices, range: -1...1), using: &rng))
                if let logging, evaluated.contains(losses.count) {
                    evaluations.append(logging.evaluation(at: losses.count, of: .gan(gan.generator, seed: logging.seed)))
                }
                progress(losses.count, total)
                afterStep(losses.count, gan)
            }
        }
        try logging?.write(model: "GAN", batchSize: ganGenerator.batchSize,
                           stepLosses: [("discriminator", losses.map(\.discriminator)), ("generator", losses.map(\.generator))],
                           evaluations: evaluations)
        return losses
    }

    // MARK: - Lesson 3's VAE

    /// The epochs lesson 3 trains its VAE for (with `VAE.fit`, seed 1).
    public static let vaeEpochs = 2

    /// Trains `vae` as lesson 3 does (`VAE.fit`, `vaeEpochs` epochs of `data`, seed 1) and returns the
    /// loss (−ELBO, nats per image) of every step. With `logging`, measures the decoder's samples
    /// along the way and writes the `TrainingLog` (the samples do not touch the training's generators).
    /// - Throws: File-system errors of the log.
    public static func trainVAE(_ vae: inout VAE, on data: FashionMNIST, progress: TrainingProgress = { _, _ in },
                                logging: TrainingLogger? = nil) throws -> [Float] {
        let total = vaeEpochs * ((data.count + CourseModels.vae.batchSize - 1) / CourseModels.vae.batchSize)
        let evaluated = Set(logging?.evaluationSteps(total: total, batchSize: CourseModels.vae.batchSize) ?? [])
        var evaluations: [TrainingLog.Evaluation] = []
        let losses = vae.fit(data, epochs: vaeEpochs, seed: 1, progress: progress) { step, model in
            if let logging, evaluated.contains(step) {
                evaluations.append(logging.evaluation(at: step, of: .vae(model, seed: logging.seed)))
            }
        }
        try logging?.write(model: "VAE", batchSize: CourseModels.vae.batchSize, stepLosses: [("negative ELBO", losses)],
                           evaluations: evaluations)
        return losses
    }

    // MARK: - Lesson 4's U-Net recipe

    /// Trains a U-Net with lesson 4's recipe for `steps` steps: batches of 32 images of `data` in
    /// [-1, 1], in an order fixed by seed 4 (the last partial batch of each epoch dropped), a learning
    /// rate along a cosine from 2·10⁻³ to 10⁻⁴, and an average of the weights (decay 0.995), which is
    /// written to `checkpoint` and returned in a copy of `network`.
    ///
    /// `step(images, labels, learningRate)` takes one optimizer step of whatever objective the
    /// caller trains (`DiffusionTrainer`, `FlowMatchingTrainer`) and returns the updated network;
    /// `afterStep(stepsTaken, average)` is called after every step with the average as it then is.
    public static func trainUNet(_ network: UNet, steps: Int, on data: FashionMNIST, averageTo checkpoint: String,
                                 progress: TrainingProgress = { _, _ in },
                                 afterStep: (_ stepsTaken: Int, _ average: ParameterAverage) throws -> Void = { _, _ in },
                                 step: (_ images: Tensor, _ labels: [Int], _ learningRate: Float) -> UNet) throws -> UNet {
        let rate = CosineDecay(initial: 2e-3, final: 1e-4, steps: steps)
        let batches = MiniBatches(count: data.count, batchSize: diffusionUNet.batchSize, dropsLastPartialBatch: true, seed: 4)
        let planned = batches.first(steps)
        var average = ParameterAverage(of: network, decay: 0.995)
        progress(0, steps)
        for (index, indices) in planned.enumerated() {
            let images = data.images(indices, layout: .channels, range: -1...1)
            average.update(with: step(images, indices.map { data.labels[$0] }, rate(index)))
            try afterStep(index + 1, average)
            progress(index + 1, steps)
        }
        try average.write(to: checkpoint)
        var averaged = network
        try Checkpoint.load(into: &averaged, from: checkpoint)
        return averaged
    }

    /// Lesson 4's DDPM U-Net trained from `network` with lesson 4's recipe and budget (ε-prediction,
    /// linear schedule of 1,000 steps, labels dropped with probability 0.1 for guidance); the
    /// averaged weights are saved as `diffusionUNet` and returned, with every step's loss. With
    /// `logging`, the averaged weights are measured along the way (unconditional DDIM, 20 steps,
    /// `w = 0`, `η = 1`, the noise from the logger's seed, not `rng`) and the `TrainingLog` written.
    /// `steps` and `checkpoint` are lesson 4's unless a test shortens the run and writes elsewhere.
    public static func trainDiffusionUNet(_ network: UNet, on data: FashionMNIST, steps: Int = diffusionUNet.trainingSteps,
                                          averageTo checkpoint: String = diffusionUNet.path, using rng: inout RandomGenerator,
                                          progress: TrainingProgress = { _, _ in },
                                          logging: TrainingLogger? = nil) throws -> (model: UNet, losses: [Float]) {
        var trainer = DiffusionTrainer(model: network, schedule: .linear(stepCount: 1000),
                                       optimizer: Adam(learningRate: 2e-3), labelDropProbability: 0.1)
        let evaluated = Set(logging?.evaluationSteps(total: steps, batchSize: diffusionUNet.batchSize) ?? [])
        var evaluations: [TrainingLog.Evaluation] = []
        let averaged = try trainUNet(network, steps: steps, on: data, averageTo: checkpoint,
                                     progress: progress, afterStep: { stepsTaken, average in
            guard let logging, evaluated.contains(stepsTaken) else { return }
            // A network of its own, so that loading the average cannot write into the trainer's buffers.
            var scratch = RandomGenerator(seed: 0)
            var current = UNet(classCount: network.classCount, baseChannels: network.baseChannels,
                               embeddingSize: network.embeddingSize, rng: &scratch)
            try Checkpoint.load(into: &current, tensors: average.tensors, source: "the U-Net's average at step \(stepsTaken)")
            let source = SampleSource.ddim(current, steps: 20, guidance: 0, eta: 1, seed: logging.seed)
            evaluations.append(logging.evaluation(at: stepsTaken, of: source))
        }) { images, labels, learningRate in
            trainer.optimizer.learningRate = learningRate
            trainer.step(on: images, labels: labels, using: &rng)
            return trainer.model
        }
        try logging?.write(model: "DDPM U-Net", batchSize: diffusionUNet.batchSize, stepLosses: [("ε-prediction", trainer.losses)],
                           evaluations: evaluations)
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
    /// budget (`makeGAN`, `trainGAN`) from seed 7 and saved with its `TrainingLog` (a few minutes on two cores).
    public static func loadOrTrainGANGenerator(progress: TrainingProgress = { _, _ in }) throws -> GANConvGenerator {
        var rng = RandomGenerator(seed: 7)
        var gan = makeGAN(using: &rng)
        if FileManager.default.fileExists(atPath: ganGenerator.path) { return try load(gan.generator, from: ganGenerator) }
        let logging = TrainingLogger(features: try FashionMNISTFeatures.loadOrTrain(), for: ganGenerator)
        _ = try trainGAN(&gan, on: try FashionMNIST.load(split: .train), using: &rng, progress: progress, logging: logging)
        try Checkpoint.save(gan.generator, to: ganGenerator.path)
        return gan.generator
    }

    /// Lesson 3's VAE, loaded; when its checkpoint is absent, trained with lesson 3's code and budget
    /// (`trainVAE`) from weights drawn from seed 3, and saved with its `TrainingLog`.
    public static func loadOrTrainVAE(progress: TrainingProgress = { _, _ in }) throws -> VAE {
        var rng = RandomGenerator(seed: 3)
        return try loadOrTrain(VAE(likelihood: .bernoulli, rng: &rng), from: vae) {
            var model = $0
            let logging = TrainingLogger(features: try FashionMNISTFeatures.loadOrTrain(), for: vae)
            _ = try trainVAE(&model, on: try FashionMNIST.load(split: .train), progress: progress, logging: logging)
            try Checkpoint.save(model, to: vae.path)
            return model
        }
    }

    /// The class-conditional VAE trained as lesson 3 trains it: on `train` with lesson 3's budget and
    /// seeds (`ConditionalVAE.fit`, `vaeEpochs` epochs, seed 1), then saved as `conditionalVAE`.
    /// - Returns: The loss of every step (nats per image).
    public static func trainConditionalVAE(_ model: inout ConditionalVAE, on train: FashionMNIST,
                                           progress: TrainingProgress = { _, _ in }) throws -> [Float] {
        let losses = model.fit(train, epochs: vaeEpochs, seed: 1, progress: progress)
        try Checkpoint.save(model, to: conditionalVAE.path)
        return losses
    }

    /// Lesson 3's class-conditional VAE, loaded; when its checkpoint is absent, trained with
    /// `trainConditionalVAE` from weights drawn from seed 3, as lesson 3 draws them, and saved.
    public static func loadOrTrainConditionalVAE(progress: TrainingProgress = { _, _ in }) throws -> ConditionalVAE {
        var rng = RandomGenerator(seed: 3)
        return try loadOrTrain(ConditionalVAE(rng: &rng), from: conditionalVAE) {
            var model = $0
            _ = try trainConditionalVAE(&model, on: try FashionMNIST.load(split: .train), progress: progress)
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
    /// `trainDiffusionUNet` from seed 4 and saved with its `TrainingLog`.
    public static func loadOrTrainDiffusionUNet(progress: TrainingProgress = { _, _ in }) throws -> UNet {
        var rng = RandomGenerator(seed: 4)
        return try loadOrTrain(UNet(classCount: 10, baseChannels: 16, rng: &rng), from: diffusionUNet) {
            let logging = TrainingLogger(features: try FashionMNISTFeatures.loadOrTrain(), for: diffusionUNet)
            return try trainDiffusionUNet($0, on: try FashionMNIST.load(split: .train), using: &rng, progress: progress,
                                          logging: logging).model
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
