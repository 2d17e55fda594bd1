import Foundation
import GenerativeModels
import Tensors
import NeuralNetworks
import Testing

@Test func diffusionMLPPredictsNoiseOfTheInputShape() {
    var rng = RandomGenerator(seed: 1)
    let model = DiffusionMLP(depth: 2, width: 16, rng: &rng)
    let output = model.predictedNoise(Tensor(randomNormal: [5, 2], using: &rng), timesteps: Tensor([0, 1, 2, 3, 999]), labels: [])
    #expect(output.shape == [5, 2])
}

@Test func unetPredictsNoiseOfTheImageShape() {
    var rng = RandomGenerator(seed: 2)
    let model = UNet(classCount: 10, baseChannels: 8, embeddingSize: 16, rng: &rng)
    let images = Tensor(randomNormal: [3, 1, 28, 28], using: &rng)
    let output = model.predictedNoise(images, timesteps: Tensor([0, 500, 999]), labels: [0, 9, 10])
    #expect(output.shape == [3, 1, 28, 28])
}

@Test func unetLabelsChangeThePrediction() {
    var rng = RandomGenerator(seed: 3)
    let model = UNet(classCount: 10, baseChannels: 8, embeddingSize: 16, rng: &rng)
    let image = Tensor(randomNormal: [1, 1, 28, 28], using: &rng)
    let first = model.predictedNoise(image, timesteps: Tensor([100]), labels: [1]).scalars
    let second = model.predictedNoise(image, timesteps: Tensor([100]), labels: [7]).scalars
    #expect(zip(first, second).contains { abs($0 - $1) > 1e-4 })
}

@Test func tinyDiffusionMLPLossFalls() {
    var rng = RandomGenerator(seed: 4)
    let data = Tensor(shape: [256, 2], scalars: (0..<256).flatMap { i -> [Float] in
        let angle = Float(i) * 0.1
        return [2 * Foundation.cos(angle), 2 * Foundation.sin(angle)]
    })
    var trainer = DiffusionTrainer(model: DiffusionMLP(depth: 2, width: 32, rng: &rng), schedule: .linear(stepCount: 100),
                                   optimizer: Adam(learningRate: 3e-3))
    for _ in 0..<300 { trainer.step(on: data, using: &rng) }
    let first = trainer.losses.prefix(20).reduce(0, +) / 20
    let last = trainer.losses.suffix(20).reduce(0, +) / 20
    #expect(last < 0.8 * first, "loss \(first) -> \(last)")
}

@Test func tinyUNetLossFalls() {
    var rng = RandomGenerator(seed: 5)
    // Eight images of bars: a pattern the network can learn in a few steps.
    let images = Tensor(shape: [8, 1, 28, 28], scalars: (0..<(8 * 784)).map { i -> Float in
        let column = i % 28, image = i / 784
        return (column / 4) % 2 == image % 2 ? 0.8 : -0.8
    })
    var trainer = DiffusionTrainer(model: UNet(classCount: 2, baseChannels: 8, embeddingSize: 16, rng: &rng),
                                   schedule: .linear(stepCount: 100), optimizer: Adam(learningRate: 3e-3))
    for _ in 0..<40 { trainer.step(on: images, labels: (0..<8).map { $0 % 2 }, using: &rng) }
    let first = trainer.losses.prefix(5).reduce(0, +) / 5
    let last = trainer.losses.suffix(5).reduce(0, +) / 5
    #expect(last < first, "loss \(first) -> \(last)")
}

@Test func ddimWithoutNoiseIsDeterministic() {
    var rng = RandomGenerator(seed: 6)
    let sampler = DiffusionSampler(model: DiffusionMLP(depth: 1, width: 8, rng: &rng), schedule: .linear(stepCount: 100))
    let noise = Tensor(randomNormal: [16, 2], using: &rng)
    var first = RandomGenerator(seed: 1), second = RandomGenerator(seed: 2)
    let a = sampler.ddim(from: noise, stepCount: 10, using: &first).samples
    let b = sampler.ddim(from: noise, stepCount: 10, using: &second).samples
    #expect(a.scalars == b.scalars && a.shape == [16, 2])
    let c = sampler.ddim(from: noise, stepCount: 10, eta: 1, using: &first).samples
    #expect(c.scalars != a.scalars)
}

@Test func samplersKeepTheRequestedStates() {
    var rng = RandomGenerator(seed: 7)
    let sampler = DiffusionSampler(model: DiffusionMLP(depth: 1, width: 8, rng: &rng), schedule: .linear(stepCount: 20))
    let noise = Tensor(randomNormal: [4, 2], using: &rng)
    let ancestral = sampler.ancestral(from: noise, keepingEvery: 5, using: &rng)
    #expect(ancestral.stateTimesteps == [20, 14, 9, 4, -1])
    #expect(ancestral.states.last?.scalars == ancestral.samples.scalars)
    let ddim = sampler.ddim(from: noise, stepCount: 4, keepingEvery: 1, using: &rng)
    #expect(ddim.stateTimesteps == [20, 13, 6, 0, -1])
}

@Test func guidedSamplingOfAConditionalModelKeepsShapes() {
    var rng = RandomGenerator(seed: 8)
    let model = UNet(classCount: 3, baseChannels: 8, embeddingSize: 16, rng: &rng)
    let sampler = DiffusionSampler(model: model, schedule: .linear(stepCount: 50), guidanceScale: 3, clipRange: -1...1)
    let result = sampler.ddim(from: Tensor(randomNormal: [2, 1, 28, 28], using: &rng), stepCount: 3, labels: [0, 2], using: &rng)
    #expect(result.samples.shape == [2, 1, 28, 28])
    #expect(result.samples.scalars.allSatisfy { $0.isFinite && abs($0) <= 1.0001 })
}
