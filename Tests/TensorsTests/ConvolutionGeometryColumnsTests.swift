import Testing
import Tensors
import TestSupport

// The convolutions whose im2col rows are whole shifted (phase) planes: stride 1 with
// `2 · padding = kernel - 1`, and strides that divide the image with `Wo = W / stride`. Each is
// checked against the direct formulas, independent of im2col, col2im and GEMM.

/// Direct evaluation of the input gradient of `conv2D` (the transposed convolution of
/// `upstream`): `dx[n, c, y, z] = Σ filter[o, c, a, b] · upstream[n, o, i, j]` over
/// `y = i s - p + a`, `z = j s - p + b`.
func naiveConv2DInputGradient(_ upstream: Tensor, _ filter: Tensor, inputShape: [Int], stride: Int, padding: Int) -> [Float] {
    let (n, c, h, w) = (inputShape[0], inputShape[1], inputShape[2], inputShape[3])
    let (o, kh, kw) = (filter.shape[0], filter.shape[2], filter.shape[3])
    let (oh, ow) = (upstream.shape[2], upstream.shape[3])
    let u = upstream.scalars, f = filter.scalars
    var out = [Float](repeating: 0, count: n * c * h * w)
    for b in 0..<n {
        for k in 0..<o {
            for i in 0..<oh {
                for j in 0..<ow {
                    for ch in 0..<c {
                        for a in 0..<kh {
                            for d in 0..<kw {
                                let (y, z) = (i * stride - padding + a, j * stride - padding + d)
                                guard y >= 0, y < h, z >= 0, z < w else { continue }
                                out[((b * c + ch) * h + y) * w + z] +=
                                    f[((k * c + ch) * kh + a) * kw + d] * u[((b * o + k) * oh + i) * ow + j]
                            }
                        }
                    }
                }
            }
        }
    }
    return out
}

/// (image height, width, kernel, stride, padding) whose rows move as whole planes.
private let planeShiftCases = [(7, 6, 3, 1, 1), (5, 9, 5, 1, 2), (4, 4, 1, 1, 0), (8, 6, 4, 2, 1),
                               (6, 10, 2, 2, 0), (9, 6, 3, 3, 0), (14, 14, 4, 2, 1)]

@Test func convolutionsOverShiftedPlanesMatchTheDirectFormula() {
    var rng = RandomGenerator(seed: 116)
    for (height, width, kernel, stride, padding) in planeShiftCases {
        let x = Tensor(randomNormal: [2, 3, height, width], using: &rng)
        let f = Tensor(randomNormal: [4, 3, kernel, kernel], using: &rng)
        let y = conv2D(x, filter: f, stride: stride, padding: padding)
        expectClose(y, naiveConv2D(x, f, stride: stride, padding: padding), tolerance: 1e-5)
    }
}

@Test func inputGradientsOverShiftedPlanesMatchTheDirectFormula() {
    var rng = RandomGenerator(seed: 117)
    for (height, width, kernel, stride, padding) in planeShiftCases {
        let x = Tensor(randomNormal: [2, 3, height, width], using: &rng)
        let f = Tensor(randomNormal: [4, 3, kernel, kernel], using: &rng)
        let upstream = Tensor(randomNormal: conv2D(x, filter: f, stride: stride, padding: padding).shape, using: &rng)
        let expected = naiveConv2DInputGradient(upstream, f, inputShape: x.shape, stride: stride, padding: padding)
        let (_, pullback) = valueWithPullback(at: x, f) { conv2D($0, filter: $1, stride: stride, padding: padding) }
        expectClose(pullback(upstream).0, expected, tolerance: 1e-5)
        // The transposed convolution's forward pass is the same col2im.
        expectClose(convTranspose2D(upstream, filter: f, stride: stride, padding: padding), expected, tolerance: 1e-5)
    }
}

@Test func filterGradientsOverShiftedPlanesMatchFiniteDifferences() {
    var rng = RandomGenerator(seed: 118)
    let x = Tensor(randomNormal: [2, 2, 6, 4], using: &rng)
    assertGradientMatchesFiniteDifferences(at: x, Tensor(randomNormal: [3, 2, 4, 4], using: &rng)) {
        conv2D($0, filter: $1, stride: 2, padding: 1)
    }
    assertGradientMatchesFiniteDifferences(at: x, Tensor(randomNormal: [3, 2, 5, 5], using: &rng)) {
        conv2D($0, filter: $1, padding: 2)
    }
    let t = Tensor(randomNormal: [2, 3, 3, 2], using: &rng)
    assertGradientMatchesFiniteDifferences(at: t, Tensor(randomNormal: [3, 2, 4, 4], using: &rng)) {
        convTranspose2D($0, filter: $1, stride: 2, padding: 1)
    }
}

@Test func shiftedPlanesOfALargeBatchAreComputedInChunksConsistently() {
    // 40 images of 16 x 14 x 14 with 4 x 4 kernels, stride 2: 256 x 49 scalars of columns per
    // image, so the batch is split into chunks; so is the 3 x 3 convolution of 28 x 28 images.
    var rng = RandomGenerator(seed: 119)
    for (size, kernel, stride) in [(14, 4, 2), (28, 3, 1)] {
        let x = Tensor(randomNormal: [40, 16, size, size], using: &rng)
        let f = Tensor(randomNormal: [2, 16, kernel, kernel], using: &rng)
        let y = conv2D(x, filter: f, stride: stride, padding: 1)
        expectClose(y, naiveConv2D(x, f, stride: stride, padding: 1), tolerance: 1e-4)
        let upstream = Tensor(randomNormal: y.shape, using: &rng)
        expectClose(convTranspose2D(upstream, filter: f, stride: stride, padding: 1),
                    naiveConv2DInputGradient(upstream, f, inputShape: x.shape, stride: stride, padding: 1), tolerance: 1e-4)
    }
}
