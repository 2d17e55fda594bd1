import Foundation
import Testing
import NeuralNetworks
import TestSupport

@Test func spectralNormEstimateOfADiagonalMatrixIsItsLargestEntry() {
    var rng = RandomGenerator(seed: 7)
    // diag(0.5, -3, 1) padded with a zero column: singular values 3, 1, 0.5.
    let weight = Tensor([[0.5, 0, 0, 0], [0, -3, 0, 0], [0, 0, 1, 0]])
    var layer = SpectralNormalizedDense(weight: weight, bias: Tensor(zeros: [4]), rng: &rng)
    layer.updateSingularVectors(iterations: 30)
    #expect(abs(layer.spectralNormEstimate - 3) < 1e-4)
    // The normalised layer maps e_2 to W[1] / 3 = (0, -1, 0, 0).
    expectClose(layer(Tensor([[0, 1, 0]])), [0, -1, 0, 0], tolerance: 1e-4)
}

@Test func spectralNormEstimateIsAtMostTheLargestSingularValueAndRisesWithIterations() {
    var rng = RandomGenerator(seed: 8)
    let weight = Tensor([[2, 0], [0, 1.9]])
    var layer = SpectralNormalizedDense(weight: weight, bias: Tensor(zeros: [2]), rng: &rng)
    var estimates: [Float] = []
    for _ in 0..<5 {
        layer.updateSingularVectors()
        estimates.append(layer.spectralNormEstimate)
    }
    #expect(estimates.allSatisfy { $0 <= 2 + 1e-5 })
    #expect(zip(estimates, estimates.dropFirst()).allSatisfy { $1 >= $0 - 1e-6 })
}

@Test func spectralNormalizedDenseGradientsMatchFiniteDifferences() {
    var rng = RandomGenerator(seed: 9)
    var layer = SpectralNormalizedDense(inputSize: 3, outputSize: 2, activation: tanh, rng: &rng)
    layer.updateSingularVectors(iterations: 3)
    let x = Tensor(randomNormal: [4, 3], using: &rng)
    // v maximises uᵀWv for the current u, so its own dependence on W drops out to first order and
    // the gradient with u and v held fixed is the full derivative.
    assertModelGradientMatchesFiniteDifferences(at: layer, step: 1e-2, tolerance: 2e-2) { ($0(x) * $0(x)).sum() }
}
