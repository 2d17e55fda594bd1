import Foundation
import GenerativeModels
import NeuralNetworks
import Tensors
import Testing

/// A noise predictor whose error is known exactly: `ε̂(x_t, t) = (x_t - √ᾱ_t c) / √(1 - ᾱ_t)` for a
/// fixed image `c`, so that `ε̂ - ε = √ᾱ_t (x_0 - c) / √(1 - ᾱ_t)` whatever the noise.
struct OracleNoise: NoisePredictor {
    var image: Tensor
    @noDerivative let alphaBars: [Double]
    var classCount: Int { 0 }

    @differentiable(reverse, wrt: self)
    func predictedNoise(_ noisy: Tensor, timesteps: Tensor, labels: [Int]) -> Tensor {
        let signal = withoutDerivative(at: column(timesteps) { $0.squareRoot() })
        let spread = withoutDerivative(at: column(timesteps) { (1 - $0).squareRoot() })
        return (noisy - signal * image) / spread
    }

    /// `[N, 1]`: `f(ᾱ_t)` for each example's timestep.
    func column(_ timesteps: Tensor, _ f: (Double) -> Double) -> Tensor {
        Tensor(shape: [timesteps.scalarCount, 1], scalars: timesteps.scalars.map { Float(f(alphaBars[Int($0)])) })
    }
}

/// Two images of four 8-bit pixels, scaled to [-1, 1] as the lessons scale Fashion-MNIST.
let boundImages = Tensor(shape: [2, 4], scalars: [0, 37, 128, 255, 255, 200, 3, 90].map { Float(2 * $0 / 255.0 - 1) })
let boundSchedule = DiffusionSchedule.linear(stepCount: 6, betaStart: 0.05, betaEnd: 0.5)

@Test(arguments: [
    // From scripts/reference/diffusion_bound.py (numpy and scipy): prior, denoising, decoder in nats.
    (Float(0), 0.170960, 22.943347, 38.577752),
    (Float(0.25), 0.170960, 26.261559, 41.952066),
])
func diffusionBoundMatchesTheClosedFormWhenEveryTermIsComputed(offset: Float, prior: Double, denoising: Double, decoder: Double) {
    var rng = RandomGenerator(seed: 5)
    let oracle = OracleNoise(image: Tensor(repeating: offset, shape: [1, 4]), alphaBars: boundSchedule.alphaBars)
    let bound = DiffusionBound.estimate(model: oracle, schedule: boundSchedule, images: boundImages,
                                        timestepsPerImage: 5, using: &rng)
    #expect(abs(bound.prior - prior) < 1e-4)
    #expect(abs(bound.denoising - denoising) < 1e-4 * denoising)
    #expect(abs(bound.decoder - decoder) < 1e-4 * decoder)
    #expect(abs(bound.bitsPerDimension - (prior + denoising + decoder) / (4 * log(2))) < 1e-3)
}

@Test func stratifiedDenoisingEstimateIsUnbiased() {
    // With fewer strata than terms each estimate is random (which timestep), its mean is the full sum.
    var rng = RandomGenerator(seed: 6)
    let oracle = OracleNoise(image: Tensor(repeating: 0.25, shape: [1, 4]), alphaBars: boundSchedule.alphaBars)
    let estimates = (0..<400).map { _ in
        DiffusionBound.estimate(model: oracle, schedule: boundSchedule, images: boundImages, timestepsPerImage: 2, using: &rng).denoising
    }
    let mean = estimates.reduce(0, +) / Double(estimates.count)
    #expect(Set(estimates.map { ($0 * 1000).rounded() }).count > 1)
    #expect(abs(mean - 26.261559) < 0.02 * 26.261559)
}

@Test func perfectPredictionLeavesOnlyThePriorAndTheDecoder() {
    var rng = RandomGenerator(seed: 7)
    let image = boundImages.sliced(alongAxis: 0, range: 0..<1)
    let oracle = OracleNoise(image: image, alphaBars: boundSchedule.alphaBars)
    let bound = DiffusionBound.estimate(model: oracle, schedule: boundSchedule, images: image, timestepsPerImage: 5, using: &rng)
    #expect(abs(bound.denoising) < 1e-3)
    // The decoder's mean is the image itself: each pixel's bin holds erf(1/(255 √(2 β_1))) of the mass,
    // and the two edge pixels (0 and 255) hold about half the mass plus that.
    let inner = erf(1 / (255 * (2 * 0.05).squareRoot()))
    let edge = 0.5 + 0.5 * erf(2 / (255 * (2 * 0.05).squareRoot()) / 2)
    #expect(abs(bound.decoder - (-2 * log(inner) - 2 * log(edge))) < 1e-3)
}

@Test(arguments: [
    // From scripts/reference/diffusion_bound.py: each image's whole bound in nats, and the standard
    // error of the mean of the two in bits per dimension.
    (Float(0), 62.117025, 61.267093, 0.153274),
    (Float(0.25), 73.780098, 62.989073, 1.946020),
])
func diffusionBoundKeepsEachImagesBoundAndTheirStandardError(offset: Float, first: Double, second: Double, standardError: Double) {
    var rng = RandomGenerator(seed: 8)
    let oracle = OracleNoise(image: Tensor(repeating: offset, shape: [1, 4]), alphaBars: boundSchedule.alphaBars)
    let bound = DiffusionBound.estimate(model: oracle, schedule: boundSchedule, images: boundImages,
                                        timestepsPerImage: 5, batchSize: 1, using: &rng)
    #expect(abs(bound.perImage[0] - first) < 1e-4 * first)
    #expect(abs(bound.perImage[1] - second) < 1e-4 * second)
    #expect(abs(bound.perImageBits.mean - bound.bitsPerDimension) < 1e-9)
    #expect(abs(bound.perImageBits.standardError - standardError) < 1e-4 * max(standardError, 1))
}
