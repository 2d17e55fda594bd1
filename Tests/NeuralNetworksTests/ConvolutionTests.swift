import Testing
import NeuralNetworks
import TestSupport

@Test func convolutionLayersHaveTheExpectedShapes() {
    var rng = RandomGenerator(seed: 121)
    let down = Conv2D(inputChannels: 1, outputChannels: 4, kernelSize: 4, stride: 2, padding: 1, rng: &rng)
    let up = ConvTranspose2D(inputChannels: 4, outputChannels: 2, kernelSize: 4, stride: 2, padding: 1, rng: &rng)
    let x = Tensor(randomNormal: [3, 1, 28, 28], using: &rng)
    #expect(down(x).shape == [3, 4, 14, 14])
    #expect(up(down(x)).shape == [3, 2, 28, 28])
}

@Test func convolutionLayerAddsTheBiasPerChannel() {
    var rng = RandomGenerator(seed: 122)
    var layer = Conv2D(inputChannels: 1, outputChannels: 2, kernelSize: 1, rng: &rng)
    layer.weight = Tensor(shape: [2, 1, 1, 1], scalars: [1, -1])
    layer.bias = Tensor([10, 20])
    let y = layer(Tensor(shape: [1, 1, 1, 2], scalars: [1, 2]))
    #expect(y.scalars == [11, 12, 19, 18])
}

@Test func groupNormNormalizesEachGroup() {
    // Channel 0 = [1, 3], channel 1 = [5, 7]. One group: mean 4, variance 5.
    let x = Tensor(shape: [1, 2, 1, 2], scalars: [1, 3, 5, 7])
    let root5 = Float(5).squareRoot()
    expectClose(GroupNorm(groupCount: 1, channelCount: 2, epsilon: 0)(x), [-3 / root5, -1 / root5, 1 / root5, 3 / root5])
    // Two groups: each channel has mean at its centre and variance 1.
    expectClose(GroupNorm(groupCount: 2, channelCount: 2, epsilon: 0)(x), [-1, 1, -1, 1])
}

@Test func convolutionLayerGradientsMatchFiniteDifferences() {
    var rng = RandomGenerator(seed: 123)
    let conv = Conv2D(inputChannels: 2, outputChannels: 3, kernelSize: 3, stride: 2, padding: 1, activation: tanh, rng: &rng)
    let x = Tensor(randomNormal: [2, 2, 5, 5], using: &rng)
    assertModelGradientMatchesFiniteDifferences(at: conv) { square($0(x)).sum() }
    let convT = ConvTranspose2D(inputChannels: 3, outputChannels: 2, kernelSize: 4, stride: 2, padding: 1, rng: &rng)
    let t = Tensor(randomNormal: [2, 3, 3, 3], using: &rng)
    assertModelGradientMatchesFiniteDifferences(at: convT) { square($0(t)).sum() }
}

@Test func groupNormGradientsMatchFiniteDifferences() {
    var rng = RandomGenerator(seed: 124)
    var norm = GroupNorm(groupCount: 2, channelCount: 4)
    norm.weight = Tensor(randomNormal: [4], using: &rng)
    norm.bias = Tensor(randomNormal: [4], using: &rng)
    let x = Tensor(randomNormal: [2, 4, 2, 3], using: &rng)
    let w = Tensor(randomNormal: [2, 4, 2, 3], using: &rng)
    assertModelGradientMatchesFiniteDifferences(at: norm) { ($0(x) * w).sum() }
    assertGradientMatchesFiniteDifferences(at: x) { norm($0) }
}
