import Foundation
import GenerativeModels
import NeuralNetworks
import Testing

/// A 1-D linear Gaussian model written into a VAE by hand: `p(z) = N(0, 1)`,
/// `p(x | z) = N(w z, s²)`, so `p(x) = N(0, w² + s²)`, with the encoder set to the exact posterior
/// `q(z | x) = N(w x / (w² + s²), s² / (w² + s²))`. The hidden ReLU layers get a large bias that
/// keeps them linear on the inputs used, and subtract it again afterwards.
func linearGaussianVAE(w: Float, s: Float) -> VAE {
    var rng = RandomGenerator(seed: 0)
    var model = VAE(inputSize: 1, hiddenSizes: [1], latentSize: 1, likelihood: .gaussian(standardDeviation: s), rng: &rng)
    let shift: Float = 50, total = w * w + s * s
    model.encoder = Sequential([Dense(weight: Tensor([[1]]), bias: Tensor([shift]), activation: relu)])
    model.mean = Dense(weight: Tensor([[w / total]]), bias: Tensor([-shift * w / total]))
    model.logVariance = Dense(weight: Tensor([[0]]), bias: Tensor([Float(log(Double(s * s / total)))]))
    model.decoder = Sequential([Dense(weight: Tensor([[1]]), bias: Tensor([shift]), activation: relu),
                                Dense(weight: Tensor([[w]]), bias: Tensor([-shift * w]))])
    return model
}

/// `log N(x; 0, variance)`.
func logNormal(_ x: Double, variance: Double) -> Double {
    -0.5 * (log(2 * Double.pi * variance) + x * x / variance)
}

@Test func vaeShapesFollowBatchLatentAndInputSizes() {
    var rng = RandomGenerator(seed: 1)
    let model = VAE(inputSize: 12, hiddenSizes: [8, 6], latentSize: 3, rng: &rng)
    let x = Tensor(randomUniform: [5, 12], using: &rng)
    let posterior = model.encode(x)
    #expect(posterior.mean.shape == [5, 3] && posterior.logVariance.shape == [5, 3])
    #expect(model.decode(posterior.mean).shape == [5, 12])
    #expect(model.sample(count: 7, using: &rng).shape == [7, 12])
    #expect(model.interpolate(from: Tensor(zeros: [3]), to: Tensor(ones: [3]), steps: 4).shape == [4, 12])
    let bound = model.elbo(x, noise: Tensor(randomNormal: [5, 3], using: &rng))
    #expect(bound.reconstruction.count == 5 && bound.kl.count == 5 && bound.perExample.count == 5)
    #expect(model.importanceWeightedBound(x, samples: 4, using: &rng).count == 5)
    #expect(model.latentUsage(x).klPerDimension.count == 3)
    #expect(model.decoder.layers.map { $0.weight.shape } == [[3, 6], [6, 8], [8, 12]])
}

@Test func bernoulliSamplesArePixelIntensities() {
    var rng = RandomGenerator(seed: 2)
    let samples = VAE(inputSize: 10, hiddenSizes: [4], latentSize: 2, rng: &rng).sample(count: 20, using: &rng).scalars
    #expect(samples.allSatisfy { $0 > 0 && $0 < 1 })
}

@Test func elboOfTheExactPosteriorIsTheLogLikelihoodInClosedForm() {
    let (w, s): (Float, Float) = (1.5, 0.5)
    let model = linearGaussianVAE(w: w, s: s)
    let xs: [Float] = [-1.2, 0.3, 2.0]
    var rng = RandomGenerator(seed: 3)
    // At z = mu the bound is log N(x; w mu, s^2) - KL; the expectation over z ~ q subtracts
    // w^2 var_q / (2 s^2) more, and with q the exact posterior the ELBO equals log p(x).
    let atMean = model.elbo(Tensor(shape: [3, 1], scalars: xs), noise: Tensor(zeros: [3, 1]))
    let posteriorVariance = Double(s * s) / Double(w * w + s * s)
    let spread = Double(w * w) * posteriorVariance / (2 * Double(s * s))
    // For the importance weights, log p(x, z) - log q(z | x) = log p(x) for every z.
    let iwae = model.importanceWeightedBound(Tensor(shape: [3, 1], scalars: xs), samples: 10, using: &rng)
    for (index, x) in xs.enumerated() {
        let exact = logNormal(Double(x), variance: Double(w * w + s * s))
        let elbo = Double(atMean.perExample[index]) - spread
        #expect(abs(elbo - exact) < 1e-3, "x = \(x): ELBO \(elbo), log p(x) \(exact)")
        #expect(abs(Double(iwae[index]) - exact) < 1e-3, "x = \(x): IWAE \(iwae[index]), log p(x) \(exact)")
    }
}

@Test func klTermMatchesTheClosedFormForTheHandSetEncoder() {
    let (w, s): (Float, Float) = (1.5, 0.5)
    let model = linearGaussianVAE(w: w, s: s)
    let x: Float = 0.8, total = Double(w * w + s * s)
    let mu = Double(w) * Double(x) / total, variance = Double(s * s) / total
    let expected = 0.5 * (mu * mu + variance - 1 - log(variance))
    let kl = model.elbo(Tensor(shape: [1, 1], scalars: [x]), noise: Tensor(zeros: [1, 1])).kl[0]
    #expect(abs(Double(kl) - expected) < 1e-4)
}

@Test func importanceWeightedBoundIsAtLeastTheElbo() {
    var rng = RandomGenerator(seed: 4)
    let model = VAE(inputSize: 20, hiddenSizes: [16], latentSize: 4, rng: &rng)
    let x = Tensor(randomUniform: [32, 20], using: &rng)
    let elbo = (0..<20).map { _ in model.elbo(x, noise: Tensor(randomNormal: [32, 4], using: &rng)).perExample.reduce(0, +) / 32 }
    let meanElbo = elbo.reduce(0, +) / 20
    let iwae = model.importanceWeightedBound(x, samples: 100, using: &rng).reduce(0, +) / 32
    #expect(iwae >= meanElbo, "IWAE \(iwae) < ELBO \(meanElbo)")
}

@Test func tinyVAELossFallsInAFewSteps() {
    var rng = RandomGenerator(seed: 5)
    // Two prototype patterns of 16 pixels with a little noise: easy to reconstruct.
    let prototypes: [[Float]] = [(0..<16).map { $0 < 8 ? 0.9 : 0.1 }, (0..<16).map { $0 % 2 == 0 ? 0.9 : 0.1 }]
    let pixels = (0..<64).flatMap { index in prototypes[index % 2].map { min(1, max(0, $0 + 0.05 * Float(rng.nextNormal()))) } }
    let x = Tensor(shape: [64, 16], scalars: pixels)
    var model = VAE(inputSize: 16, hiddenSizes: [32], latentSize: 2, rng: &rng)
    let optimizer = Adam(learningRate: 1e-2)
    var losses: [Float] = []
    for _ in 0..<60 {
        let noise = Tensor(randomNormal: [64, 2], using: &rng)
        let (loss, gradient) = valueWithGradient(at: model) { $0.loss(x, noise: noise) }
        optimizer.update(&model, along: gradient)
        losses.append(loss.scalar)
    }
    let first = losses.prefix(5).reduce(0, +) / 5, last = losses.suffix(5).reduce(0, +) / 5
    #expect(last < first - 1, "loss \(first) -> \(last)")
}

@Test func gaussianLossIsScaledSquaredErrorPlusKL() {
    var rng = RandomGenerator(seed: 6)
    let model = VAE(inputSize: 6, hiddenSizes: [5], latentSize: 2, likelihood: .gaussian(standardDeviation: 0.5), rng: &rng)
    let x = Tensor(randomUniform: [3, 6], using: &rng), noise = Tensor(randomNormal: [3, 2], using: &rng)
    let posterior = model.encode(x)
    let mean = model.decoder(posterior.sample(noise: noise)).scalars
    let squaredError = zip(mean, x.scalars).map { Double(($0 - $1) * ($0 - $1)) }.reduce(0, +) / 3
    let constant = 6 * (log(0.5) + 0.5 * log(2 * Double.pi))
    let kl = model.elbo(x, noise: noise).kl.map(Double.init).reduce(0, +) / 3
    let expected = squaredError / (2 * 0.25) + constant + kl
    #expect(abs(Double(model.loss(x, noise: noise).scalar) - expected) < 1e-3 * max(1, abs(expected)))
}

@Test func checkpointRoundTripKeepsTheBound() throws {
    var rng = RandomGenerator(seed: 7)
    let model = VAE(inputSize: 8, hiddenSizes: [4], latentSize: 2, rng: &rng)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("vae-test-\(getpid()).safetensors").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Checkpoint.save(model, to: path)
    var restored = VAE(inputSize: 8, hiddenSizes: [4], latentSize: 2, rng: &rng)
    try Checkpoint.load(into: &restored, from: path)
    let x = Tensor(randomUniform: [3, 8], using: &rng)
    #expect(restored.elbo(x, noise: Tensor(zeros: [3, 2])).perExample == model.elbo(x, noise: Tensor(zeros: [3, 2])).perExample)
}

@Test func latentUsageCountsDimensionsByActivityAndByKL() {
    let usage = VAELatentUsage(klPerDimension: [2, 0.05, 0.5, 0], meanVariance: [1, 0.02, 0.3, 0.001])
    #expect(usage.activeDimensions() == [0, 1, 2])
    #expect(usage.informativeDimensions() == [0, 2])
}
