import Foundation
import Testing
import NeuralNetworks
import TestSupport

@Test func denseComputesTheAffineMapThenTheActivation() {
    let layer = Dense(weight: Tensor([[1, -1], [2, 0]]), bias: Tensor([0.5, -3]), activation: relu)
    // [1, 1] • W = [3, -1]; + b = [3.5, -4]; relu = [3.5, 0].
    expectClose(layer(Tensor([[1, 1]])), [3.5, 0])
}

@Test func denseGradientsMatchFiniteDifferences() {
    var rng = RandomGenerator(seed: 101)
    let layer = Dense(inputSize: 3, outputSize: 2, activation: tanh, rng: &rng)
    let x = Tensor(randomNormal: [4, 3], using: &rng)
    assertModelGradientMatchesFiniteDifferences(at: layer) { ($0(x) * $0(x)).sum() }
    assertGradientMatchesFiniteDifferences(at: x) { layer($0) }
}

@Test func sequentialAndChainComposeInOrder() {
    let double = Dense(weight: Tensor([[2]]), bias: Tensor([0]))
    let shift = Dense(weight: Tensor([[1]]), bias: Tensor([1]))
    expectClose(Sequential([double, shift])(Tensor([[3]])), [7])
    expectClose(Chain(shift, double)(Tensor([[3]])), [8])
}

@Test func sequentialGradientsMatchFiniteDifferences() {
    var rng = RandomGenerator(seed: 102)
    let mlp = Sequential(layerSizes: [3, 4, 2], activation: silu, rng: &rng)
    let x = Tensor(randomNormal: [5, 3], using: &rng)
    assertModelGradientMatchesFiniteDifferences(at: mlp) { $0(x).sum() + square($0(x)).sum() }
}

@Test func layerNormNormalizesEachRow() {
    let y = LayerNorm(featureCount: 4, epsilon: 0)(Tensor([[1, 2, 3, 4]]))
    // Mean 2.5, variance 1.25: (x - 2.5) / sqrt(1.25).
    let root = Float(1.25).squareRoot()
    expectClose(y, [-1.5 / root, -0.5 / root, 0.5 / root, 1.5 / root])
}

@Test func layerNormGradientsMatchFiniteDifferences() {
    var rng = RandomGenerator(seed: 103)
    var layer = LayerNorm(featureCount: 3)
    layer.weight = Tensor(randomNormal: [3], using: &rng)
    layer.bias = Tensor(randomNormal: [3], using: &rng)
    let x = Tensor(randomNormal: [2, 3], using: &rng)
    let w = Tensor(randomNormal: [2, 3], using: &rng)
    assertModelGradientMatchesFiniteDifferences(at: layer) { ($0(x) * w).sum() }
    assertGradientMatchesFiniteDifferences(at: x) { layer($0) }
}

@Test func embeddingLooksUpRowsAndAccumulatesGradients() {
    let embedding = Embedding(weight: Tensor([[1, 2], [3, 4], [5, 6]]))
    expectClose(embedding([2, 0]), [5, 6, 1, 2])
    let grad = gradient(at: embedding) { $0([1, 1, 2]).sum() }
    #expect(grad.weight.scalars == [0, 0, 2, 2, 1, 1])
}

@Test func dropoutKeepsTheExpectationAndPassesThroughAtInference() {
    var rng = RandomGenerator(seed: 104)
    var dropout = Dropout(probability: 0.25, rng: &rng)
    let x = Tensor(ones: [10_000])
    let y = dropout(x)
    let zeros = y.scalars.filter { $0 == 0 }.count
    #expect(abs(Double(zeros) / 10_000 - 0.25) < 0.02)          // 4.6 standard errors
    #expect(y.scalars.allSatisfy { $0 == 0 || abs($0 - 4.0 / 3.0) < 1e-6 })
    #expect(dropout(x) != y)
    dropout.isTraining = false
    #expect(dropout(x) == x)
}

@Test func dropoutGradientIsTheMaskOfTheSameCall() {
    var rng = RandomGenerator(seed: 105)
    let dropout = Dropout(probability: 0.5, rng: &rng)
    let (value, grad) = valueWithGradient(at: Tensor(ones: [2, 8])) { dropout($0).sum() }
    // With x = 1 the output is the mask itself, so its sum is the gradient's sum.
    #expect(value.scalar == grad.sum().scalar)
    #expect(grad.scalars.allSatisfy { $0 == 0 || $0 == 2 })
}

@Test func sinusoidalEmbeddingByHand() {
    // dimension 4: frequencies [1, 10000^(-1/2)] = [1, 0.01].
    let e = sinusoidalEmbedding(Tensor([0, 2]), dimension: 4)
    #expect(e.shape == [2, 4])
    expectClose(e, [0, 0, 1, 1, Float(sin(2.0)), Float(sin(0.02)), Float(cos(2.0)), Float(cos(0.02))])
    assertGradientMatchesFiniteDifferences(at: Tensor([0.5, 3])) { sinusoidalEmbedding($0, dimension: 6) }
}

@Test func parameterCountCountsWeightsAndBiasesButNotMasks() {
    var rng = RandomGenerator(seed: 4)
    let dense = Dense(inputSize: 3, outputSize: 4, rng: &rng)
    #expect(parameterCount(of: dense) == 3 * 4 + 4)
    let masked = MaskedDense(mask: Tensor(zeros: [3, 4]), rng: &rng)
    #expect(parameterCount(of: masked) == 3 * 4 + 4)
}
