import Foundation
import Testing
import Tensors
import NeuralNetworks
import GenerativeModels

@Test func sphericalInterpolationFollowsTheGreatCircleBetweenOrthogonalUnitVectors() {
    let path = sphericalInterpolation(from: Tensor([1, 0]), to: Tensor([0, 1]), fractions: [0, 0.25, 0.5, 1])
    #expect(path.shape == [4, 2])
    // Closed form: the point at angle t·π/2 on the unit circle.
    let fractions: [Double] = [0, 0.25, 0.5, 1]
    let expected: [Double] = fractions.flatMap { (t: Double) -> [Double] in [cos(t * Double.pi / 2), sin(t * Double.pi / 2)] }
    for (value, reference) in zip(path.scalars, expected) { #expect(abs(Double(value) - reference) < 1e-6) }
}

@Test func sphericalInterpolationOfParallelVectorsIsLinear() {
    let path = sphericalInterpolation(from: Tensor([1, 2]), to: Tensor([2, 4]), fractions: [0.5])
    #expect(path.scalars == [1.5, 3])
}

@Test func ddimInversionThenGenerationReturnsThePointsWithAnErrorThatShrinksWithTheSteps() {
    var rng = RandomGenerator(seed: 3)
    let sampler = DiffusionSampler(model: DiffusionMLP(depth: 2, width: 32, rng: &rng), schedule: .linear(stepCount: 1000))
    let points = Tensor(randomNormal: [64, 2], using: &rng)
    func roundTripError(steps: Int) -> Float {
        let noise = sampler.ddimInversion(of: points, stepCount: steps)
        let back = sampler.ddim(from: noise, stepCount: steps, using: &rng).samples
        return abs(back - points).scalars.max() ?? .infinity
    }
    // The error is a discretisation error of a first-order method: about 20 times smaller for 20 times the steps.
    let coarse = roundTripError(steps: 50), fine = roundTripError(steps: 1000)
    #expect(fine < 0.02, "1000 steps: largest error \(fine)")
    #expect(fine < coarse / 8, "50 steps: \(coarse), 1000 steps: \(fine)")
}

@Test func invertingAGeneratorRecoversImagesItCanDraw() {
    var rng = RandomGenerator(seed: 4)
    let generator = Sequential(layerSizes: [3, 16, 5], activation: tanh, rng: &rng)
    let hidden = Tensor(randomNormal: [4, 3], using: &rng)
    let targets = generator(hidden)
    let inversion = invertGenerator(generator, targets: targets, start: Tensor(randomNormal: [4, 3], using: &rng), steps: 400)
    let first = inversion.errorOverSteps[0], last = inversion.meanSquaredErrors.max() ?? .infinity
    #expect(last < 1e-4 && last < first / 100, "error from \(first) to \(last)")
    #expect(inversion.reconstructions.shape == [4, 5] && inversion.latents.shape == [4, 3])
}

@Test func linearInterpolationIsTheStraightLine() {
    let path = linearInterpolation(from: Tensor([[0, 4]]), to: Tensor([[2, 0]]), fractions: [0, 0.5, 1])
    #expect(path.shape == [3, 1, 2])
    #expect(path.scalars == [0, 4, 1, 2, 2, 0])
}
