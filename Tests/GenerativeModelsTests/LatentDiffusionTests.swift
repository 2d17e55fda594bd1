import GenerativeModels
import NeuralNetworks
import Testing

/// A latent diffusion whose "codes" are 4,000 draws of a 2-D Gaussian with mean `(1, -2)` and
/// covariance `[[1, 0.6], [0.6, 0.5]]` (correlation 0.85), trained for `steps` steps.
private func gaussianLatentDiffusion(steps: Int) -> LatentDiffusion {
    var rng = RandomGenerator(seed: 1)
    let vae = VAE(inputSize: 3, hiddenSizes: [4], latentSize: 2, rng: &rng)
    // x = m + L ε with the Cholesky factor L of the covariance.
    let l11: Float = 1, l21: Float = 0.6, l22 = Float((0.5 - 0.36).squareRoot())
    let codes = (0..<4000).flatMap { _ -> [Float] in
        let (a, b) = (Float(rng.nextNormal()), Float(rng.nextNormal()))
        return [1 + l11 * a, -2 + l21 * a + l22 * b]
    }
    return LatentDiffusion(vae: vae, codes: Tensor(shape: [4000, 2], scalars: codes), steps: steps, batchSize: 256, width: 256,
                           depth: 3, seed: 2)
}

@Test func latentDenoiserTrainingLowersItsLoss() {
    let model = gaussianLatentDiffusion(steps: 600)
    let first = model.losses.prefix(50).reduce(0, +) / 50, last = model.losses.suffix(50).reduce(0, +) / 50
    #expect(last < 0.8 * first, "ε-prediction loss \(first) -> \(last)")
    #expect(model.trainingOperations > 0)
}

/// With every one of the 1,000 timesteps visited (`η = 1`, DDPM-like), the samples have the
/// target's mean and covariance. (DDIM with few steps shrinks the spread of this target: at 20
/// steps the variances came out 20–50% low in a trial run, a discretisation error of the few steps.)
@Test func latentDiffusionSamplesAKnownGaussianWithItsMeanAndCovariance() {
    let model = gaussianLatentDiffusion(steps: 10_000)
    var rng = RandomGenerator(seed: 3)
    let samples = model.sampleCodes(count: 2000, steps: 1000, eta: 1, using: &rng).scalars
    let xs = stride(from: 0, to: samples.count, by: 2).map { Double(samples[$0]) }
    let ys = stride(from: 1, to: samples.count, by: 2).map { Double(samples[$0]) }
    let n = Double(xs.count)
    let (mx, my) = (xs.reduce(0, +) / n, ys.reduce(0, +) / n)
    let vxx = xs.map { ($0 - mx) * ($0 - mx) }.reduce(0, +) / n, vyy = ys.map { ($0 - my) * ($0 - my) }.reduce(0, +) / n
    let vxy = zip(xs, ys).map { ($0 - mx) * ($1 - my) }.reduce(0, +) / n
    #expect(abs(mx - 1) < 0.1 && abs(my + 2) < 0.1, "mean (\(mx), \(my)), expected (1, -2)")
    #expect(abs(vxx - 1) < 0.15 && abs(vyy - 0.5) < 0.1 && abs(vxy - 0.6) < 0.1,
            "covariance [[\(vxx), \(vxy)], [\(vxy), \(vyy)]], expected [[1, 0.6], [0.6, 0.5]]")
}
