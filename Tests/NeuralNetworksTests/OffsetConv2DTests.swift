import Testing
import NeuralNetworks
import TestSupport

/// The convolution by its definition, one output at a time: the window's first row lies
/// `rowsAbove` rows above the output pixel, its first column `columnsLeft` columns left of it, and
/// pixels outside the image are zero.
private func directOffsetConvolution(_ layer: OffsetConv2D, _ input: Tensor) -> [Float] {
    let (batch, channels, height, width) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
    let (outputs, kernelHeight, kernelWidth) = (layer.weight.shape[0], layer.weight.shape[2], layer.weight.shape[3])
    let (x, w, b) = (input.scalars, layer.weight.scalars, layer.bias.scalars)
    var result: [Float] = []
    for n in 0..<batch {
        for o in 0..<outputs {
            for r in 0..<height {
                for c in 0..<width {
                    var sum = b[o]
                    for ch in 0..<channels {
                        for a in 0..<kernelHeight {
                            for k in 0..<kernelWidth {
                                let (row, column) = (r - layer.rowsAbove + a, c - layer.columnsLeft + k)
                                guard (0..<height).contains(row), (0..<width).contains(column) else { continue }
                                sum += w[((o * channels + ch) * kernelHeight + a) * kernelWidth + k]
                                    * x[((n * channels + ch) * height + row) * width + column]
                            }
                        }
                    }
                    result.append(sum)
                }
            }
        }
    }
    return result
}

/// The windows of the gated PixelCNN (strictly above, above and on the row, strictly left, on the
/// pixel and its left) and an off-centre one, against the definition summed by hand.
@Test func offsetConvolutionMatchesItsDefinition() {
    var rng = RandomGenerator(seed: 130)
    let x = Tensor(randomNormal: [2, 2, 5, 6], using: &rng)
    for (height, width, above, left) in [(3, 7, 3, 3), (2, 3, 1, 1), (1, 3, 0, 3), (1, 2, 0, 1), (2, 2, 0, 0)] {
        var layer = OffsetConv2D(inputChannels: 2, outputChannels: 3, kernelHeight: height, kernelWidth: width,
                                 rowsAbove: above, columnsLeft: left, rng: &rng)
        layer.bias = Tensor([0.5, -1, 2])
        let y = layer(x)
        #expect(y.shape == [2, 3, 5, 6])
        expectClose(y.scalars.map(Double.init), directOffsetConvolution(layer, x).map(Double.init), tolerance: 1e-5)
    }
}

@Test func offsetConvolutionGradientsMatchFiniteDifferences() {
    var rng = RandomGenerator(seed: 131)
    let layer = OffsetConv2D(inputChannels: 2, outputChannels: 2, kernelHeight: 2, kernelWidth: 3,
                             rowsAbove: 1, columnsLeft: 1, activation: tanh, rng: &rng)
    let x = Tensor(randomNormal: [1, 2, 3, 4], using: &rng)
    assertGradientMatchesFiniteDifferences(at: x) { layer($0) }
    assertModelGradientMatchesFiniteDifferences(at: layer) { $0(x).sum() * 0.5 + ($0(x) * $0(x)).sum() }
}
