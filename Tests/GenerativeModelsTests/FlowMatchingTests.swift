import Foundation
import GenerativeModels
import NeuralNetworks
import Tensors
import Testing

@Test func conditionalFlowPathRunsFromNoiseToData() {
    let noise = Tensor(shape: [3, 2], scalars: [1, 2, 3, 4, 5, 6])
    let data = Tensor(shape: [3, 2], scalars: [-1, 0, 1, 0, 7, 10])
    let path = conditionalFlowPath(noise: noise, data: data, times: Tensor([0, 0.25, 1])).scalars
    // (1 - t) x_0 + t x_1 row by row, worked by hand.
    #expect(path == [1, 2, 2.5, 3, 7, 10])
}

@Test func flowMatchingLossRegressesDataMinusNoise() {
    var rng = RandomGenerator(seed: 1)
    var model = DiffusionMLP(depth: 1, width: 4, timeEmbeddingSize: 4, rng: &rng)
    // A network whose output is the constant b = [0.5, -1]: weights zero, last bias b.
    for index in model.network.layers.indices {
        let layer = model.network.layers[index]
        let isLast = index == model.network.layers.count - 1
        model.network.layers[index] = Dense(weight: Tensor(zeros: layer.weight.shape),
                                            bias: isLast ? Tensor([0.5, -1]) : Tensor(zeros: layer.bias.shape),
                                            activation: layer.activation)
    }
    let noise = Tensor(shape: [2, 2], scalars: [0, 0, 1, 1])
    let data = Tensor(shape: [2, 2], scalars: [1, 1, 0, 3])
    let loss = flowMatchingLoss(model, noise: noise, data: data, times: Tensor([0.3, 0.7]), labels: []).scalar
    // Targets x_1 - x_0 = [1, 1] and [-1, 2]; squared errors 0.25, 4, 2.25, 9; mean 3.875.
    #expect(abs(loss - 3.875) < 1e-6)
}

@Test func flowMatchingLearnsTheVelocityTowardsAPoint() {
    // With every data point at c, the optimal velocity is v(x, t) = (c - x) / (1 - t); at t = 0 it is c - x.
    var rng = RandomGenerator(seed: 2)
    let target: [Float] = [2, -1]
    let data = Tensor(shape: [256, 2], scalars: Array((0..<256).map { _ in target }.joined()))
    var trainer = FlowMatchingTrainer(model: DiffusionMLP(depth: 2, width: 32, timeEmbeddingSize: 8, rng: &rng),
                                      optimizer: Adam(learningRate: 3e-3))
    for _ in 0..<400 { trainer.step(on: data, using: &rng) }
    let sampler = FlowMatchingSampler(model: trainer.model)
    let samples = sampler.sample(from: Tensor(randomNormal: [64, 2], using: &rng), stepCount: 50).final.scalars
    let errors = (0..<64).map { i in hypot(Double(samples[2 * i] - target[0]), Double(samples[2 * i + 1] - target[1])) }
    #expect(errors.reduce(0, +) / 64 < 0.25, "mean distance of the samples to the point: \(errors.reduce(0, +) / 64)")
}

@Test func exactDivergenceMatchesFiniteDifferences() {
    var rng = RandomGenerator(seed: 3)
    let model = DiffusionMLP(depth: 2, width: 16, timeEmbeddingSize: 8, rng: &rng)
    let points = Tensor(randomNormal: [6, 2], using: &rng)
    let times = Tensor(repeating: 400, shape: [6])
    let divergence = model.velocityAndDivergence(points, timesteps: times).divergence.scalars
    let step: Float = 1e-2
    func shifted(_ j: Int, _ amount: Float) -> [Float] {
        let offset = Tensor(shape: [1, 2], scalars: j == 0 ? [amount, 0] : [0, amount])
        return model.predictedNoise(points + offset, timesteps: times, labels: []).scalars
    }
    let (px, mx, py, my) = (shifted(0, step), shifted(0, -step), shifted(1, step), shifted(1, -step))
    for i in 0..<6 {
        let finiteDifference = Double(px[2 * i] - mx[2 * i] + py[2 * i + 1] - my[2 * i + 1]) / Double(2 * step)
        #expect(abs(Double(divergence[i]) - finiteDifference) < 2e-3 * max(1, abs(finiteDifference)))
    }
}

@Test func continuousFlowLikelihoodMatchesAClosedFormFlow() {
    // v(x, t) = cos(t) x carries N(0, I) to N(0, e^{2 sin 1} I); its divergence is 2 cos t in 2-D.
    let points = Tensor(shape: [3, 2], scalars: [0, 0, 1, -1, 2.5, 0.5])
    let logDensity = continuousFlowLogLikelihood(points, stepCount: 200, method: .midpoint) { x, t in
        (Float(cos(t)) * x, Tensor(repeating: Float(2 * cos(t)), shape: [x.shape[0]]))
    }.scalars
    let variance = exp(2 * sin(1.0))
    for i in 0..<3 {
        let squared = Double(points.scalars[2 * i] * points.scalars[2 * i] + points.scalars[2 * i + 1] * points.scalars[2 * i + 1])
        let expected = -squared / (2 * variance) - log(2 * Double.pi * variance)
        #expect(abs(Double(logDensity[i]) - expected) < 1e-3, "point \(i): \(logDensity[i]) against \(expected)")
    }
}
