import Foundation
import GenerativeModels
import NeuralNetworks
import Testing

@Test func gsnChainOnOneBinaryPixelHasTheDataDistributionAsItsStationaryDistribution() {
    // Data: one pixel, on with probability 0.3; corruption flips it with probability 0.2. The
    // posterior P(x = 1 | x̃) is 0.3·0.8 / (0.3·0.8 + 0.7·0.2) for x̃ = 1 and 0.3·0.2 / (0.3·0.2 + 0.7·0.8)
    // for x̃ = 0, which a logistic denoiser can represent exactly.
    var rng = RandomGenerator(seed: 10)
    var model = DenoisingAutoEncoder(inputSize: 1, hiddenSizes: [], flipProbability: 0.2, rng: &rng)
    let optimizer = Adam(learningRate: 5e-2)
    for _ in 0..<400 {
        let clean = Tensor(randomBernoulli: Tensor(repeating: 0.3, shape: [512, 1]), using: &rng)
        let corrupted = model.corrupted(clean, using: &rng)
        optimizer.update(&model, along: gradient(at: model) { $0.loss(clean: clean, corrupted: corrupted) })
    }
    let posterior = model.reconstructionProbabilities(Tensor([[0], [1]])).scalars
    #expect(abs(posterior[0] - 0.06 / 0.62) < 0.03 && abs(posterior[1] - 0.24 / 0.38) < 0.03, "learned posterior \(posterior)")
    // 4,000 chains started all on, 30 steps each: the fraction of pixels on settles at 0.3.
    let chain = model.chain(from: Tensor(ones: [4000, 1]), steps: 30, using: &rng)
    let fraction = Double(chain[chain.count - 1].state.mean().scalar)
    #expect(abs(fraction - 0.3) < 0.03, "stationary fraction \(fraction)")
}

@Test func corruptionFlipsBitsAtItsRate() {
    var rng = RandomGenerator(seed: 11)
    let model = DenoisingAutoEncoder(inputSize: 50, hiddenSizes: [8], flipProbability: 0.25, rng: &rng)
    let clean = Tensor(randomBernoulli: Tensor(repeating: 0.5, shape: [200, 50]), using: &rng)
    let corrupted = model.corrupted(clean, using: &rng)
    let flipped = ((corrupted - clean) * (corrupted - clean)).mean().scalar
    #expect(abs(flipped - 0.25) < 0.015 && Set(corrupted.scalars) == [0, 1])
}
