import Testing
import Tensors
import TestSupport

/// Direct evaluation of the cross-correlation formula, independent of im2col and GEMM.
func naiveConv2D(_ input: Tensor, _ filter: Tensor, stride: Int, padding: Int) -> [Float] {
    naiveConv2D(input, filter, stride: stride, padding: ConvolutionPadding(padding))
}

/// The cross-correlation formula with `padding.top` zero rows above the image, `padding.left`
/// zero columns left of it, and an output of `(H + top + bottom - kh) / stride + 1` rows.
func naiveConv2D(_ input: Tensor, _ filter: Tensor, stride: Int, padding: ConvolutionPadding) -> [Float] {
    let (n, c, h, w) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
    let (o, kh, kw) = (filter.shape[0], filter.shape[2], filter.shape[3])
    let oh = (h + padding.top + padding.bottom - kh) / stride + 1
    let ow = (w + padding.left + padding.right - kw) / stride + 1
    let x = input.scalars, f = filter.scalars
    var out: [Float] = []
    for b in 0..<n {
        for k in 0..<o {
            for i in 0..<oh {
                for j in 0..<ow {
                    var total: Float = 0
                    for ch in 0..<c {
                        for a in 0..<kh {
                            for d in 0..<kw {
                                let (y, z) = (i * stride - padding.top + a, j * stride - padding.left + d)
                                guard y >= 0, y < h, z >= 0, z < w else { continue }
                                total += f[((k * c + ch) * kh + a) * kw + d] * x[((b * c + ch) * h + y) * w + z]
                            }
                        }
                    }
                    out.append(total)
                }
            }
        }
    }
    return out
}

@Test func convolutionByHand() {
    // 3x3 input, 2x2 filter [[1, 0], [0, -1]]: each output is x[i, j] - x[i+1, j+1].
    let x = Tensor(shape: [1, 1, 3, 3], scalars: [1, 2, 3, 4, 5, 6, 7, 8, 9])
    let f = Tensor(shape: [1, 1, 2, 2], scalars: [1, 0, 0, -1])
    let y = conv2D(x, filter: f)
    #expect(y.shape == [1, 1, 2, 2])
    #expect(y.scalars == [-4, -4, -4, -4])
}

@Test func convolutionMatchesTheDirectFormula() {
    var rng = RandomGenerator(seed: 111)
    let x = Tensor(randomNormal: [2, 3, 7, 6], using: &rng)
    let f = Tensor(randomNormal: [4, 3, 3, 3], using: &rng)
    for (stride, padding) in [(1, 0), (1, 1), (2, 1), (2, 0)] {
        let y = conv2D(x, filter: f, stride: stride, padding: padding)
        expectClose(y, naiveConv2D(x, f, stride: stride, padding: padding), tolerance: 1e-5)
    }
}

/// Kernels, strides and per-side paddings: the gated PixelCNN's windows (above the row, left of
/// the pixel, strictly above with the bottom cropped by a negative padding), which take the
/// whole-plane copies, and uneven paddings whose rows are copied one by one.
private let asymmetricCases: [(kernel: (Int, Int), stride: Int, padding: ConvolutionPadding)] = [
    ((2, 3), 1, ConvolutionPadding(top: 1, bottom: 0, left: 1, right: 1)),
    ((1, 2), 1, ConvolutionPadding(top: 0, bottom: 0, left: 1, right: 0)),
    ((3, 7), 1, ConvolutionPadding(top: 3, bottom: -1, left: 3, right: 3)),
    ((3, 3), 1, ConvolutionPadding(top: 0, bottom: 2, left: 2, right: 1)),
    ((4, 4), 2, ConvolutionPadding(top: 1, bottom: 1, left: 2, right: 0)),
    ((3, 3), 2, ConvolutionPadding(top: 2, bottom: 0, left: 0, right: 1)),
]

@Test func asymmetricPaddingMatchesTheDirectFormula() {
    var rng = RandomGenerator(seed: 116)
    let x = Tensor(randomNormal: [2, 3, 6, 8], using: &rng)
    for (kernel, stride, padding) in asymmetricCases {
        let f = Tensor(randomNormal: [4, 3, kernel.0, kernel.1], using: &rng)
        let y = conv2D(x, filter: f, stride: stride, padding: padding)
        let height = (6 + padding.top + padding.bottom - kernel.0) / stride + 1
        let width = (8 + padding.left + padding.right - kernel.1) / stride + 1
        expectClose(y, naiveConv2D(x, f, stride: stride, padding: padding), shape: [2, 4, height, width], tolerance: 1e-5)
    }
}

@Test func asymmetricPaddingGradientsMatchFiniteDifferences() {
    var rng = RandomGenerator(seed: 117)
    let x = Tensor(randomNormal: [2, 2, 4, 6], using: &rng)
    for (kernel, stride, padding) in asymmetricCases {
        let f = Tensor(randomNormal: [2, 2, kernel.0, kernel.1], using: &rng)
        assertGradientMatchesFiniteDifferences(at: x, f) { conv2D($0, filter: $1, stride: stride, padding: padding) }
    }
}

/// The fused bias against the direct formula plus the bias added by hand, on a geometry whose
/// planes are not a multiple of the eight lanes the bias gradient sums in.
@Test func convolutionWithBiasAddsTheBiasToEveryPixelOfItsChannel() {
    var rng = RandomGenerator(seed: 118)
    let x = Tensor(randomNormal: [2, 3, 5, 6], using: &rng)
    let f = Tensor(randomNormal: [4, 3, 3, 3], using: &rng)
    let bias: [Float] = [0.5, -1, 2, 0.25]
    let padding = ConvolutionPadding(top: 1, bottom: 0, left: 1, right: 1)
    let expected = naiveConv2D(x, f, stride: 1, padding: padding).enumerated().map { index, value in
        value + bias[(index / (4 * 6)) % 4]
    }
    expectClose(conv2D(x, filter: f, bias: Tensor(bias), padding: padding), expected, shape: [2, 4, 4, 6], tolerance: 1e-5)
}

@Test func convolutionWithBiasGradientsMatchFiniteDifferences() {
    var rng = RandomGenerator(seed: 119)
    let x = Tensor(randomNormal: [3, 2, 5, 5], using: &rng)
    let f = Tensor(randomNormal: [3, 2, 3, 3], using: &rng)
    let b = Tensor(randomNormal: [3], using: &rng)
    let weights = Tensor(randomNormal: [3, 3, 5, 5], using: &rng)
    assertGradientMatchesFiniteDifferences(at: x, f) { conv2D($0, filter: $1, bias: b, padding: ConvolutionPadding(1)) }
    assertGradientMatchesFiniteDifferences(at: b) { (conv2D(x, filter: f, bias: $0, padding: ConvolutionPadding(1)) * weights).sum() }
    assertGradientMatchesFiniteDifferences(at: x, b) { conv2D($0, filter: f, bias: $1, stride: 2, padding: ConvolutionPadding(0)) }
}

@Test func transposedConvolutionByHand() {
    // Stride 2 with a 2x2 filter of ones copies each input value into its own 2x2 block.
    let x = Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4])
    let y = convTranspose2D(x, filter: Tensor(ones: [1, 1, 2, 2]), stride: 2)
    #expect(y.shape == [1, 1, 4, 4])
    #expect(y.scalars == [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4])
}

@Test func transposedConvolutionIsTheAdjointOfConvolution() {
    // ⟨conv(a, f), b⟩ = ⟨a, convT(b, f)⟩ for the same filter, stride and padding.
    var rng = RandomGenerator(seed: 112)
    let f = Tensor(randomNormal: [3, 2, 4, 4], using: &rng)        // conv: 2 -> 3 channels
    let a = Tensor(randomNormal: [2, 2, 8, 8], using: &rng)
    let b = Tensor(randomNormal: [2, 3, 4, 4], using: &rng)
    let lhs = (conv2D(a, filter: f, stride: 2, padding: 1) * b).sum().scalar
    let rhs = (a * convTranspose2D(b, filter: f, stride: 2, padding: 1)).sum().scalar
    #expect(abs(lhs - rhs) < 1e-3 * max(1, abs(lhs)))
}

@Test func convolutionGradientsMatchFiniteDifferences() {
    var rng = RandomGenerator(seed: 113)
    let x = Tensor(randomNormal: [2, 2, 5, 5], using: &rng)
    let f = Tensor(randomNormal: [3, 2, 3, 3], using: &rng)
    assertGradientMatchesFiniteDifferences(at: x, f) { conv2D($0, filter: $1, stride: 2, padding: 1) }
    assertGradientMatchesFiniteDifferences(at: x, f) { conv2D($0, filter: $1) }
    let t = Tensor(randomNormal: [2, 3, 3, 3], using: &rng)
    assertGradientMatchesFiniteDifferences(at: t, f) { convTranspose2D($0, filter: $1, stride: 2, padding: 1) }
}

@Test func poolingAndUpsamplingByHand() {
    let x = Tensor(shape: [1, 1, 2, 4], scalars: [1, 2, 3, 4, 5, 6, 7, 8])
    #expect(averagePool2D(x, size: 2).scalars == [3.5, 5.5])
    let up = upsampleNearest2D(Tensor(shape: [1, 1, 1, 2], scalars: [1, 2]), factor: 2)
    #expect(up.shape == [1, 1, 2, 4])
    #expect(up.scalars == [1, 1, 2, 2, 1, 1, 2, 2])
}

@Test func poolingGradientsMatchFiniteDifferences() {
    var rng = RandomGenerator(seed: 114)
    let x = Tensor(randomNormal: [2, 2, 4, 6], using: &rng)
    assertGradientMatchesFiniteDifferences(at: x) { averagePool2D($0, size: 2) }
    assertGradientMatchesFiniteDifferences(at: x) { averagePool2D($0, size: 3, stride: 1) }
    assertGradientMatchesFiniteDifferences(at: x) { upsampleNearest2D($0, factor: 2) }
}

@Test func convolutionOfALargeBatchIsComputedInChunksConsistently() {
    // 20 images of 8 x 30 x 30 with a 3 x 3 filter: 72 x 784 scalars of columns per image, more
    // than the column scratch holds for the whole batch, so the batch is split.
    var rng = RandomGenerator(seed: 115)
    let x = Tensor(randomNormal: [20, 8, 30, 30], using: &rng)
    let f = Tensor(randomNormal: [2, 8, 3, 3], using: &rng)
    let y = conv2D(x, filter: f, padding: 0)
    expectClose(y, naiveConv2D(x, f, stride: 1, padding: 0), tolerance: 1e-4)
    // Input gradient: ⟨conv(x, f), b⟩ = ⟨x, convT(b, f)⟩.
    let b = Tensor(randomNormal: y.shape, using: &rng)
    let lhs = Double((y * b).sum().scalar), rhs = Double((x * convTranspose2D(b, filter: f)).sum().scalar)
    #expect(abs(lhs - rhs) < 1e-3 * max(1, abs(lhs)))
    // Filter gradient: the whole batch's equals the sum over its two halves.
    let whole = gradient(at: f) { (conv2D(x, filter: $0) * b).sum() }
    let first = gradient(at: f) { (conv2D(x[0..<10], filter: $0) * b[0..<10]).sum() }
    let second = gradient(at: f) { (conv2D(x[10..<20], filter: $0) * b[10..<20]).sum() }
    expectClose(whole, (first + second).scalars, tolerance: 1e-3)
}

/// The columns `[C kh kw, Ho Wo]` of image `n` for a stride-1 convolution with `padding` on
/// every side, by the definition: row `(c, a, b)`, column `(i, j)` holds `x[n, c, i - p + a, j - p + b]`.
func naiveColumns(_ input: Tensor, image n: Int, kernel: Int, padding p: Int) -> Tensor {
    let (c, h, w) = (input.shape[1], input.shape[2], input.shape[3])
    let (oh, ow) = (h + 2 * p - kernel + 1, w + 2 * p - kernel + 1)
    let x = input.scalars
    var columns = [Float](repeating: 0, count: c * kernel * kernel * oh * ow)
    for ch in 0..<c {
        for a in 0..<kernel {
            for b in 0..<kernel {
                for i in 0..<oh {
                    for j in 0..<ow {
                        let (y, z) = (i - p + a, j - p + b)
                        guard y >= 0, y < h, z >= 0, z < w else { continue }
                        columns[((ch * kernel + a) * kernel + b) * oh * ow + i * ow + j] = x[((n * c + ch) * h + y) * w + z]
                    }
                }
            }
        }
    }
    return Tensor(shape: [c * kernel * kernel, oh * ow], scalars: columns)
}

/// The adjoint of `naiveColumns`: each column entry added into its input pixel, in the order of
/// the rows `(c, a, b)` (the order in which the library's col2im adds into every pixel).
func naiveAddColumns(_ columns: Tensor, channels c: Int, height h: Int, width w: Int, kernel: Int, padding p: Int) -> [Float] {
    let (oh, ow) = (h + 2 * p - kernel + 1, w + 2 * p - kernel + 1)
    let values = columns.scalars
    var image = [Float](repeating: 0, count: c * h * w)
    for ch in 0..<c {
        for a in 0..<kernel {
            for b in 0..<kernel {
                for i in 0..<oh {
                    for j in 0..<ow {
                        let (y, z) = (i - p + a, j - p + b)
                        guard y >= 0, y < h, z >= 0, z < w else { continue }
                        image[(ch * h + y) * w + z] += values[((ch * kernel + a) * kernel + b) * oh * ow + i * ow + j]
                    }
                }
            }
        }
    }
    return image
}

/// `conv2D` with a bias and one zero on every side.
@differentiable(reverse)
func samePaddedConvolution(_ x: Tensor, _ filter: Tensor, _ bias: Tensor) -> Tensor {
    conv2D(x, filter: filter, bias: bias, padding: ConvolutionPadding(1))
}

@Test func convolutionOfSingleImageChunksIsTheColumnProductBitForBit() {
    // 32 channels of 28 x 28 with a 3 x 3 filter: 288 x 784 scalars of columns per image, so every
    // chunk is one image, whose product is written into the output (and upstream read) in place.
    // Each result must be bit for bit the product of the columns through `matmul`, as one GEMM of
    // the same shape, plus the bias.
    var rng = RandomGenerator(seed: 116)
    let (channels, filters) = (32, 4)
    let x = Tensor(randomNormal: [2, channels, 28, 28], using: &rng)
    let f = Tensor(randomNormal: [filters, channels, 3, 3], using: &rng)
    let bias = Tensor(randomNormal: [filters], using: &rng)
    let upstream = Tensor(randomNormal: [2, filters, 28, 28], using: &rng)
    let (value, pullback) = valueWithPullback(at: x, f, bias, of: samePaddedConvolution)
    let gradients = pullback(upstream)
    let weight = f.reshaped(to: [filters, channels * 9])
    var filterGradients: [Tensor] = []
    for n in 0..<2 {
        let columns = naiveColumns(x, image: n, kernel: 3, padding: 1)
        let image = upstream[n].reshaped(to: [filters, 784])
        #expect(value[n].reshaped(to: [filters, 784]) == matmul(weight, columns) + bias.reshaped(to: [filters, 1]))
        let inputGradient = naiveAddColumns(matmul(weight, image, transposeA: true), channels: channels, height: 28,
                                            width: 28, kernel: 3, padding: 1)
        #expect(gradients.0[n].scalars == inputGradient)
        filterGradients.append(matmul(image, columns, transposeB: true))
    }
    // The filter gradient of one image is one GEMM; over the batch OpenBLAS adds each image's
    // product into the running sum block by block, which `+` does not reproduce bit for bit.
    let (_, firstPullback) = valueWithPullback(at: x[0..<1], f, bias, of: samePaddedConvolution)
    #expect(firstPullback(upstream[0..<1]).1.scalars == filterGradients[0].scalars)
    expectClose(gradients.1, (filterGradients[0] + filterGradients[1]).scalars, tolerance: 1e-4)
}
