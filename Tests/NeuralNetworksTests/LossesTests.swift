import Foundation
import Testing
import NeuralNetworks
import TestSupport

@Test func meanSquaredErrorByHand() {
    // ((1 - 0)² + (2 - 4)²) / 2 = 2.5.
    expectClose(meanSquaredError(predicted: Tensor([1, 2]), expected: Tensor([0, 4])), [2.5])
}

@Test func binaryCrossEntropyByHand() {
    // -log σ(0) = log 2; -log(1 - σ(2)) = softplus(2) = 2.12692801; mean = 1.41003.
    let loss = binaryCrossEntropy(logits: Tensor([0, 2]), labels: Tensor([1, 0]))
    expectClose(loss, [Float((log(2.0) + 2.12692801) / 2)])
}

@Test func binaryCrossEntropyIsFiniteForExtremeLogits() {
    let loss = binaryCrossEntropy(logits: Tensor([-500, 500]), labels: Tensor([1, 0]))
    expectClose(loss, [500])
}

@Test func softmaxCrossEntropyByHand() {
    // logSumExp([1, 2, 3]) = 3.40760596; label 2 gives 0.40760596; label 0 gives 2.40760596.
    let loss = softmaxCrossEntropy(logits: Tensor([[1, 2, 3], [1, 2, 3]]), labels: [2, 0])
    expectClose(loss, [1.40760596])
}

@Test func gaussianAndBernoulliLogLikelihoodsByHand() {
    // Standard normal at 0: -½ log 2π per element, two elements per row.
    let gaussian = gaussianLogLikelihood(Tensor(zeros: [3, 2]), mean: Tensor(zeros: [3, 2]), logVariance: Tensor(zeros: [3, 2]))
    expectClose(gaussian, [Float](repeating: Float(-log(2 * Double.pi)), count: 3), shape: [3])
    // N(x = 3; μ = 1, σ² = e²): -½ (log 2π + 2 + 4 e⁻²) = -2.191383.
    let shifted = gaussianLogLikelihood(Tensor([[3]]), mean: Tensor([[1]]), logVariance: Tensor([[2]]))
    expectClose(shifted, [Float(-0.5 * (log(2 * Double.pi) + 2 + 4 * exp(-2.0)))])
    // Bernoulli: log σ(0) + log(1 - σ(log 3)) = log ½ + log ¼.
    let bernoulli = bernoulliLogLikelihood(Tensor([[1, 0]]), logits: Tensor([[0, Float(log(3.0))]]))
    expectClose(bernoulli, [Float(log(0.5) + log(0.25))])
}

@Test func klDivergencesByHand() {
    // ½ (μ² + σ² - 1 - log σ²) with μ = 1, log σ² = 0: 0.5 per element.
    expectClose(klDivergenceDiagonalGaussians(mean: Tensor([[1, 1]]), logVariance: Tensor([[0, 0]])), [1])
    // KL(N(1, 2) ‖ N(0, 1)) = ½ (0 - log 2 + (2 + 1) / 1 - 1) = 0.65342641.
    let general = klDivergenceDiagonalGaussians(mean: Tensor([[1]]), logVariance: Tensor([[Float(log(2.0))]]),
                                                priorMean: Tensor([[0]]), priorLogVariance: Tensor([[0]]))
    expectClose(general, [0.65342641])
    // KL(N(0, 1) ‖ N(1, e)) = ½ (1 - 0 + (1 + 1) / e - 1) = 1 / e.
    let reversed = klDivergenceDiagonalGaussians(mean: Tensor([[0]]), logVariance: Tensor([[0]]),
                                                 priorMean: Tensor([[1]]), priorLogVariance: Tensor([[1]]))
    expectClose(reversed, [Float(exp(-1.0))])
}

@Test func lossGradientsMatchFiniteDifferences() {
    var rng = RandomGenerator(seed: 91)
    let a = Tensor(randomNormal: [3, 4], using: &rng)
    let b = Tensor(randomUniform: [3, 4], using: &rng)
    let c = Tensor(randomNormal: [3, 4], using: &rng)
    assertGradientMatchesFiniteDifferences(at: a, b) { meanSquaredError(predicted: $0, expected: $1) }
    assertGradientMatchesFiniteDifferences(at: a, b) { binaryCrossEntropy(logits: $0, labels: $1) }
    assertGradientMatchesFiniteDifferences(at: a, b) { sigmoidCrossEntropy(logits: $0, labels: $1) }
    assertGradientMatchesFiniteDifferences(at: a) { softmaxCrossEntropy(logits: $0, labels: [3, 0, 1]) }
    assertGradientMatchesFiniteDifferences(at: a, b) { gaussianLogLikelihood(c, mean: $0, logVariance: $1) }
    assertGradientMatchesFiniteDifferences(at: a, b) { bernoulliLogLikelihood($1, logits: $0) }
    assertGradientMatchesFiniteDifferences(at: a, b) { klDivergenceDiagonalGaussians(mean: $0, logVariance: $1) }
    assertGradientMatchesFiniteDifferences(at: a, b) {
        klDivergenceDiagonalGaussians(mean: $0, logVariance: $1, priorMean: c, priorLogVariance: c * 0.5)
    }
    assertGradientMatchesFiniteDifferences(at: c, b) {
        klDivergenceDiagonalGaussians(mean: a, logVariance: b, priorMean: $0, priorLogVariance: $1)
    }
}
