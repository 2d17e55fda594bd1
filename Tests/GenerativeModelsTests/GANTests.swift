import Foundation
import Testing
import NeuralNetworks
import GenerativeModels

private func ringBatch(_ count: Int, using rng: inout RandomGenerator) -> Tensor {
    let scalars = (0..<count).flatMap { _ -> [Float] in
        let angle = 2 * Float.pi * Float(rng.nextInt(below: 8)) / 8
        return [2 * Foundation.cos(angle), 2 * Foundation.sin(angle)]
    }
    return Tensor(shape: [count, 2], scalars: scalars)
}

@Test func ganLossesAtAnUndecidedDiscriminator() {
    let zero = Tensor(zeros: [3, 1])
    #expect(abs(ganDiscriminatorLoss(realLogits: zero, fakeLogits: zero).scalar - 2 * Float(log(2.0))) < 1e-6)
    #expect(abs(ganGeneratorLoss(fakeLogits: zero, objective: .nonSaturating).scalar - Float(log(2.0))) < 1e-6)
    #expect(abs(ganGeneratorLoss(fakeLogits: zero, objective: .saturating).scalar + Float(log(2.0))) < 1e-6)
}

@Test func saturatingGeneratorGradientVanishesWhenSamplesAreRejected() {
    let rejected = Tensor([[-8.0]])
    let saturating = gradient(at: rejected) { ganGeneratorLoss(fakeLogits: $0, objective: .saturating) }
    let nonSaturating = gradient(at: rejected) { ganGeneratorLoss(fakeLogits: $0, objective: .nonSaturating) }
    // d/dl log(1 - σ(l)) = -σ(l) ≈ -3e-4; d/dl -log σ(l) = σ(l) - 1 ≈ -1.
    #expect(abs(saturating.scalars[0]) < 1e-3 && abs(nonSaturating.scalars[0] + 1) < 1e-3)
}

@Test func tinyGANTrainsWithTheRightShapes() {
    var rng = RandomGenerator(seed: 3)
    var gan = GAN(generator: Sequential(layerSizes: [2, 16, 2], activation: relu, rng: &rng),
                  discriminator: SpectralNormMLPDiscriminator(inputSize: 2, hiddenSizes: [16], rng: &rng),
                  latentSize: 2)
    #expect(gan.generate(count: 5, using: &rng).shape == [5, 2])
    #expect(gan.discriminator(Tensor(zeros: [5, 2])).shape == [5, 1])
    var losses: [GANStepLosses] = []
    for _ in 0..<10 { losses.append(gan.trainingStep(real: ringBatch(32, using: &rng), using: &rng)) }
    #expect(gan.stepCount == 10)
    #expect(losses.allSatisfy { $0.discriminator.isFinite && $0.generator.isFinite })
    #expect(losses.allSatisfy { (0...1).contains($0.realProbability) && (0...1).contains($0.fakeProbability) })
}

@Test func discriminatorLossFallsOnAFixedGenerator() {
    var rng = RandomGenerator(seed: 4)
    var gan = GAN(generator: Sequential(layerSizes: [2, 16, 2], activation: relu, rng: &rng),
                  discriminator: MLPDiscriminator(inputSize: 2, hiddenSizes: [32, 32], rng: &rng),
                  latentSize: 2, discriminatorOptimizer: Adam(learningRate: 1e-2))
    let fake = gan.generate(count: 128, using: &rng)
    let real = ringBatch(128, using: &rng)
    let first = gan.trainDiscriminator(real: real, fake: fake)
    var last = first
    for _ in 0..<100 { last = gan.trainDiscriminator(real: real, fake: fake) }
    #expect(last.loss < 0.5 * first.loss)
    #expect(last.real > last.fake)
}

@Test func convGeneratorMakesFlattenedImagesInTheTanhRange() {
    var rng = RandomGenerator(seed: 5)
    let generator = GANConvGenerator(latentSize: 8, channels: 4, rng: &rng)
    let images = generator(Tensor(randomNormal: [3, 8], using: &rng))
    #expect(images.shape == [3, 784])
    #expect(images.scalars.allSatisfy { $0 > -1 && $0 < 1 })
}
