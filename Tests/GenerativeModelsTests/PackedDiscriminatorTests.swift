import Testing
import NeuralNetworks
import Tensors
import GenerativeModels
import TestSupport

/// A discriminator whose logit is `w · input` with a fixed weight, so packs can be checked by hand.
private struct LinearDiscriminator: GANDiscriminator {
    var weight: Tensor
    @differentiable(reverse)
    func callAsFunction(_ input: Tensor) -> Tensor { matmul(input, weight) }
    mutating func prepareForTrainingStep() {}
}

@Test func packedDiscriminatorGivesEachPackTheLogitOfItsConcatenation() {
    // Pack size 2 on 4 two-dimensional samples: packs [1, 2, 3, 4] and [5, 6, 7, 8].
    let inner = LinearDiscriminator(weight: Tensor(shape: [4, 1], scalars: [1, 0, 0, -1]))
    let packed = PackedDiscriminator(inner, packSize: 2)
    let samples = Tensor(shape: [4, 2], scalars: [1, 2, 3, 4, 5, 6, 7, 8])
    // 1·1 − 4 = −3 and 1·5 − 8 = −3 per pack; a second weight makes the packs differ.
    expectClose(packed(samples), [-3, -3, -3, -3], shape: [4, 1])
    let weighted = PackedDiscriminator(LinearDiscriminator(weight: Tensor(shape: [4, 1], scalars: [1, 1, 0, 0])), packSize: 2)
    expectClose(weighted(samples), [3, 3, 11, 11], shape: [4, 1])
}

@Test func packSizeOneIsTheInnerDiscriminator() {
    var rng = RandomGenerator(seed: 11)
    let inner = MLPDiscriminator(inputSize: 2, hiddenSizes: [8], rng: &rng)
    let samples = Tensor(randomNormal: [6, 2], using: &rng)
    expectClose(PackedDiscriminator(inner, packSize: 1)(samples), inner(samples).scalars, shape: [6, 1])
}

@Test func packedDiscriminatorGradientMatchesFiniteDifferences() {
    var rng = RandomGenerator(seed: 12)
    let packed = PackedDiscriminator(MLPDiscriminator(inputSize: 6, hiddenSizes: [8], rng: &rng), packSize: 3)
    let samples = Tensor(randomNormal: [6, 2], using: &rng)
    assertGradientMatchesFiniteDifferences(at: samples) { packed($0) }
}
