import NeuralNetworks
import Testing

@Test func denseLayerCountsTwoOperationsPerWeightAndExample() {
    var rng = RandomGenerator(seed: 1)
    let layer = Dense(inputSize: 3, outputSize: 4, rng: &rng)
    let (_, operations) = countingOperations { layer(Tensor(zeros: [5, 3])) }
    // 5 examples × 4 outputs × 3 terms, each a multiply and an add.
    #expect(operations == 2 * 5 * 4 * 3)
}

@Test func convolutionCountsTwoOperationsPerFilterTapAndOutputPixel() {
    var rng = RandomGenerator(seed: 2)
    let layer = Conv2D(inputChannels: 2, outputChannels: 3, kernelSize: 3, stride: 2, padding: 1, rng: &rng)
    let (output, operations) = countingOperations { layer(Tensor(zeros: [4, 2, 7, 7])) }
    // A 7×7 image, padding 1, stride 2: (7 + 2 − 3) / 2 + 1 = 4 output pixels a side.
    #expect(output.shape == [4, 3, 4, 4])
    #expect(operations == 2 * 4 * (2 * 3 * 3) * 3 * (4 * 4))
}

@Test func countsNestAndNothingIsCountedOutsideThem() {
    var rng = RandomGenerator(seed: 3)
    let layer = Dense(inputSize: 2, outputSize: 2, rng: &rng)
    let input = Tensor(zeros: [1, 2])
    _ = layer(input)
    let (inner, outer) = countingOperations { () -> Int in
        _ = layer(input)
        return countingOperations { layer(input) }.operations
    }
    #expect(inner == 8)
    #expect(outer == 16)
}
