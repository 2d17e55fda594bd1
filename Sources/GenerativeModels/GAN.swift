import NeuralNetworks

/// The losses and discriminator outputs of one GAN training step.
public struct GANStepLosses: Sendable {
    /// The discriminator's loss `-(E[log D(x)] + E[log(1 - D(G(z)))])` before its update.
    public var discriminator: Float
    /// The generator's loss (of its `GeneratorObjective`) before its update.
    public var generator: Float
    /// The mean of `D(x)` over the real batch: the probability the discriminator gives data.
    public var realProbability: Float
    /// The mean of `D(G(z))` over the generated batch.
    public var fakeProbability: Float
}

/// A generative adversarial network (Goodfellow et al., 2014): a generator `G` that maps latent
/// noise `z ~ N(0, I)` to data space and a discriminator `D` that tells data from samples, each
/// with an Adam optimizer of its own, trained on the minimax game
///
/// `min_G max_D  E_x[log D(x)] + E_z[log(1 - D(G(z)))]`.
///
/// `trainingStep(real:using:)` makes one update of `D` (ascending the value) and then one of `G`
/// (descending its `objective`); a lesson calls it in a loop.
/// ```swift
/// var gan = GAN(generator: Sequential(layerSizes: [2, 64, 2], activation: relu, rng: &rng),
///               discriminator: MLPDiscriminator(inputSize: 2, hiddenSizes: [64], rng: &rng), latentSize: 2)
/// for _ in 0..<1000 { _ = gan.trainingStep(real: batch(), using: &rng) }
/// ```
public struct GAN<Generator: Layer, Discriminator: GANDiscriminator> {
    /// The generator, `[batch, latentSize] -> [batch, features]`.
    public var generator: Generator
    /// The discriminator, `[batch, features] -> [batch, 1]` logits.
    public var discriminator: Discriminator
    /// The dimension of the latent noise `z`.
    public let latentSize: Int
    /// The loss the generator minimises.
    public let objective: GeneratorObjective
    /// The generator's optimizer.
    public let generatorOptimizer: Adam
    /// The discriminator's optimizer.
    public let discriminatorOptimizer: Adam
    /// The number of training steps taken.
    public private(set) var stepCount = 0

    /// Creates a GAN; the optimizers default to DCGAN's Adam (`2e-4`, `β₁ = 0.5`, `β₂ = 0.999`).
    public init(generator: Generator, discriminator: Discriminator, latentSize: Int,
                objective: GeneratorObjective = .nonSaturating,
                generatorOptimizer: Adam = Adam(learningRate: 2e-4, beta1: 0.5, beta2: 0.999),
                discriminatorOptimizer: Adam = Adam(learningRate: 2e-4, beta1: 0.5, beta2: 0.999)) {
        precondition(latentSize > 0, "GAN: latentSize \(latentSize) must be positive")
        self.generator = generator
        self.discriminator = discriminator
        self.latentSize = latentSize
        self.objective = objective
        self.generatorOptimizer = generatorOptimizer
        self.discriminatorOptimizer = discriminatorOptimizer
    }

    /// Draws `count` latent vectors `z ~ N(0, I)`, `[count, latentSize]`.
    public func latentNoise(count: Int, using rng: inout RandomGenerator) -> Tensor {
        Tensor(randomNormal: [count, latentSize], using: &rng)
    }

    /// Generates `count` samples `G(z)`, `[count, features]`.
    public func generate(count: Int, using rng: inout RandomGenerator) -> Tensor {
        generator(latentNoise(count: count, using: &rng))
    }

    /// One update of the discriminator on `real` and on `fake` samples, which are held fixed.
    /// - Returns: The discriminator's loss before the update and the mean `D(x)`, `D(G(z))`.
    @discardableResult
    public mutating func trainDiscriminator(real: Tensor, fake: Tensor) -> (loss: Float, real: Float, fake: Float) {
        discriminator.prepareForTrainingStep()
        let realCount = real.shape[0], fakeCount = fake.shape[0]
        // One pass over both batches; the loss is differentiated with respect to the logits and
        // pulled back through the network once.
        let batch = Tensor(concatenating: [withoutDerivative(at: real), withoutDerivative(at: fake)], alongAxis: 0)
        let (logits, pullback) = valueWithPullback(at: discriminator) { discriminator in discriminator(batch) }
        let (loss, logitGradient) = valueWithGradient(at: logits) { logits -> Tensor in
            ganDiscriminatorLoss(realLogits: logits.sliced(alongAxis: 0, range: 0..<realCount),
                                 fakeLogits: logits.sliced(alongAxis: 0, range: realCount..<(realCount + fakeCount)))
        }
        let probabilities = sigmoid(logits).scalars
        let realProbability = probabilities[0..<realCount].reduce(0, +) / Float(realCount)
        let fakeProbability = probabilities[realCount...].reduce(0, +) / Float(fakeCount)
        discriminatorOptimizer.update(&discriminator, along: pullback(logitGradient))
        return (loss.scalar, realProbability, fakeProbability)
    }

    /// One update of the generator through the current discriminator, on `count` fresh latents.
    /// - Returns: The generator's loss before the update.
    @discardableResult
    public mutating func trainGenerator(count: Int, using rng: inout RandomGenerator) -> Float {
        let z = latentNoise(count: count, using: &rng)
        let (discriminator, objective) = (self.discriminator, self.objective)
        let (loss, gradient) = valueWithGradient(at: generator) { generator -> Tensor in
            ganGeneratorLoss(fakeLogits: discriminator(generator(z)), objective: objective)
        }
        generatorOptimizer.update(&generator, along: gradient)
        return loss.scalar
    }

    /// One step of alternating training: a discriminator update on `real` and as many generated
    /// samples, then a generator update on as many fresh latents.
    /// - Parameter real: A batch of data, `[batch, features]`.
    public mutating func trainingStep(real: Tensor, using rng: inout RandomGenerator) -> GANStepLosses {
        let batchSize = real.shape[0]
        let fake = generate(count: batchSize, using: &rng)
        let discriminatorStep = trainDiscriminator(real: real, fake: fake)
        let generatorLoss = trainGenerator(count: batchSize, using: &rng)
        stepCount += 1
        return GANStepLosses(discriminator: discriminatorStep.loss, generator: generatorLoss,
                             realProbability: discriminatorStep.real, fakeProbability: discriminatorStep.fake)
    }
}
