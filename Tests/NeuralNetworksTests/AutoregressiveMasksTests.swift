import Testing
import NeuralNetworks

@Test func maskFromDegreesKeepsOnlyAllowedConnections() {
    // Inputs of degree 1, 2, 3; hidden units of degree 1 and 2 see inputs of degree ≤ their own;
    // outputs (degrees 1, 2, 3) see hidden units of strictly smaller degree.
    let hidden = AutoregressiveMasks.mask(inputDegrees: [1, 2, 3], outputDegrees: [1, 2], strict: false)
    #expect(hidden.shape == [3, 2])
    #expect(hidden.scalars == [1, 1,
                               0, 1,
                               0, 0])
    let output = AutoregressiveMasks.mask(inputDegrees: [1, 2], outputDegrees: [1, 2, 3], strict: true)
    #expect(output.scalars == [0, 1, 1,
                               0, 0, 1])
}

@Test func degreesArePositionsInTheOrdering() {
    #expect(AutoregressiveMasks.degrees(ordering: [2, 0, 1]) == [2, 3, 1])
}

@Test func fullyVisibleMaskIsStrictlyTriangularInTheOrdering() {
    var rng = RandomGenerator(seed: 3)
    let masks = AutoregressiveMasks.made(ordering: [2, 0, 1], hiddenSizes: [], using: &rng)
    #expect(masks.count == 1)
    // Pixel 2 comes first (no inputs), then 0 (sees 2), then 1 (sees 2 and 0): M[j, i] = 1 when j is before i.
    #expect(masks[0].scalars == [0, 1, 0,
                                 0, 0, 0,
                                 1, 1, 0])
}

/// Output `i` of a masked network must be the same for all inputs that agree on the pixels
/// before `i` in the ordering (up to rounding): checked on every binary input of a 5-pixel network.
@Test func madeOutputsDependOnlyOnEarlierInputs() {
    var rng = RandomGenerator(seed: 4)
    let ordering = [3, 0, 4, 1, 2], dimension = 5
    let masks = AutoregressiveMasks.made(ordering: ordering, hiddenSizes: [16, 16], using: &rng)
    let network = Sequential(masks.map { MaskedDense(mask: $0, activation: tanh, rng: &rng) })
    let all = (0..<(1 << dimension)).map { code in (0..<dimension).map { Float((code >> $0) & 1) } }
    let outputs = network(Tensor(all)).scalars
    let position = AutoregressiveMasks.degrees(ordering: ordering).map { $0 - 1 }
    var dependsOnEarlier = Array(repeating: false, count: dimension)
    for (a, first) in all.enumerated() {
        for (b, second) in all.enumerated() {
            for i in 0..<dimension {
                let agreeBefore = (0..<dimension).allSatisfy { position[$0] >= position[i] || first[$0] == second[$0] }
                // Equal up to rounding: the GEMM's kernels may sum a row in another order than its neighbours'.
                let same = abs(outputs[a * dimension + i] - outputs[b * dimension + i]) <= 1e-5
                if agreeBefore { #expect(same, "output \(i) differs for inputs \(first) and \(second)") }
                if !same { dependsOnEarlier[i] = true }
            }
        }
    }
    // Not vacuous: every output but the first in the ordering depends on something.
    #expect(dependsOnEarlier == ordering.indices.map { position[$0] > 0 })
}

/// The Jacobian of a stack of masked convolutions (type A, then B): output pixel `p` has zero
/// derivative with respect to every input pixel at or after `p` in raster order, and a non-zero
/// one for its left (or upper) neighbour.
@Test func maskedConvolutionsAreCausalInRasterOrder() {
    var rng = RandomGenerator(seed: 5)
    let first = MaskedConv2D(inputChannels: 1, outputChannels: 3, kernelSize: 3, type: .a, activation: tanh, rng: &rng)
    let second = MaskedConv2D(inputChannels: 3, outputChannels: 1, kernelSize: 3, type: .b, rng: &rng)
    let x = Tensor(randomNormal: [1, 1, 4, 4], using: &rng)
    for p in 0..<16 {
        let selector = Tensor(oneHotAtIndices: [p], depth: 16).reshaped(to: [1, 1, 4, 4])
        let jacobianRow = gradient(at: x) { x in (second(first(x)) * selector).sum() }.scalars
        for q in p..<16 { #expect(jacobianRow[q] == 0, "output \(p) depends on input \(q)") }
        // The pixel to the left, or above at the start of a row, is always in the receptive field.
        let neighbour = p % 4 == 0 ? p - 4 : p - 1
        if p > 0 { #expect(jacobianRow[neighbour] != 0, "output \(p) ignores input \(neighbour)") }
    }
}

@Test func typeBKeepsTheCentrePixelAndTypeADropsIt() {
    #expect(MaskedConv2D.mask(kernelSize: 3, type: .a).scalars == [1, 1, 1, 1, 0, 0, 0, 0, 0])
    #expect(MaskedConv2D.mask(kernelSize: 3, type: .b).scalars == [1, 1, 1, 1, 1, 0, 0, 0, 0])
}
