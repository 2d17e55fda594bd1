import Foundation
import GenerativeModels
import NeuralNetworks
import Testing
import TestSupport

/// A small class-conditional PixelCNN (3 classes, label 3 "no class") with nonzero pixel and output
/// biases, so that a cached term read at the wrong row, column or layer would show.
private func smallPixelCNN(height: Int, width: Int, layers: Int = 3, seed: UInt64) -> PixelCNN {
    var rng = RandomGenerator(seed: seed)
    var model = PixelCNN(height: height, width: width, channels: 4, layers: layers, classCount: 3, rng: &rng)
    model.pixelBiases.weight = Tensor(randomNormal: [4, height * width], using: &rng)
    model.output.bias = Tensor(randomNormal: [1], using: &rng)
    return model
}

/// The full-pass reference: pixel `pixel` of each row of `x` sampled with uniforms a hair below and
/// a hair above its probability under `logits(x)` must come out 1 and 0. Checks the cached
/// sampler's probability of every pixel, given the image's own earlier pixels, to `margin`.
private func expectCachedProbabilitiesMatch(_ model: some AutoregressiveModel, x: Tensor, logits: Tensor,
                                            margin: Float = 2e-5, _ context: String) {
    let (count, dimension) = (x.shape[0], x.shape[1])
    let probabilities = sigmoid(logits).scalars
    for pixel in 0..<dimension {
        for (shift, expected) in [(-margin, Float(1)), (margin, Float(0))] {
            let uniforms = Tensor(shape: x.shape, scalars: probabilities.map { $0 + shift })
            let drawn = model.completing(x, pixels: [pixel], uniforms: uniforms).scalars
            for row in 0..<count {
                let index = row * dimension + pixel
                #expect(drawn[index] == expected, "\(context): pixel \(pixel), row \(row), p = \(probabilities[index])")
                // The other pixels of x stay as they were.
                #expect(Array(drawn[(row * dimension)..<index]) == Array(x.scalars[(row * dimension)..<index]))
            }
        }
    }
}

/// Given any image, the cached sampler's probability of each pixel is the full pass's: for the
/// conditional model, the "no class" label, a canvas of fewer rows (pixel biases of its top rows)
/// and a wider one (no pixel biases).
@Test func cachedPixelCNNProbabilitiesEqualTheFullPass() {
    let model = smallPixelCNN(height: 6, width: 5, seed: 160)
    var rng = RandomGenerator(seed: 161)
    for (name, network) in [("conditional", model.conditioned(on: [0, 2, 1, 3])),
                            ("3 rows", model.resized(height: 3, width: 5).conditioned(on: [1, 1, 0, 2])),
                            ("wider", model.resized(height: 4, width: 9).conditioned(on: [2, 3, 0, 1]))] {
        let x = Tensor(randomBernoulli: Tensor(repeating: 0.5, shape: [4, network.height * network.width]), using: &rng)
        expectCachedProbabilitiesMatch(network, x: x, logits: network(x), name)
    }
}

/// The guided sampler's probabilities are those of the guided full pass, `l_∅ + w (l_y - l_∅)`.
@Test func cachedGuidedPixelCNNProbabilitiesEqualTheFullPass() {
    let model = smallPixelCNN(height: 5, width: 6, layers: 2, seed: 162)
    var rng = RandomGenerator(seed: 163)
    let x = Tensor(randomBernoulli: Tensor(repeating: 0.5, shape: [3, 30]), using: &rng)
    for scale in [0, 1, 2.5] {
        let guided = model.guided(on: [2, 0, 1], scale: scale)
        expectCachedProbabilitiesMatch(guided, x: x, logits: guided(x), "w = \(scale)")
    }
}

/// Sampling from scratch with the cached sampler gives, with the same uniforms, the images of the
/// definition run with a full pass per pixel: pixel `i` is 1 exactly when `u_i < σ(l_i(x_<i))`.
@Test func cachedPixelCNNSamplesTheImagesOfAFullPassPerPixel() {
    let model = smallPixelCNN(height: 7, width: 6, seed: 164).conditioned(on: [0, 1, 2, 3, 0, 1, 2, 3])
    var rng = RandomGenerator(seed: 165)
    let uniforms = Tensor(randomUniform: [8, 42], using: &rng)
    var reference = Tensor(zeros: [8, 42])
    for pixel in 0..<42 {
        let probabilities = sigmoid(model(reference)).scalars
        reference = Tensor(shape: [8, 42], scalars: reference.scalars.enumerated().map { index, value in
            index % 42 == pixel ? (uniforms.scalars[index] < probabilities[index] ? 1 : 0) : value
        })
    }
    let sampled = model.sample(count: 8, using: &rng)
    let completed = model.completing(Tensor(zeros: [8, 42]), from: 0, uniforms: uniforms)
    #expect(completed.scalars == reference.scalars)
    #expect(sampled.shape == [8, 42] && Set(sampled.scalars).isSubset(of: [0, 1]))
}

/// The cached sampler does the arithmetic of one full pass, each layer at each position once: its
/// counted operations equal the full pass's (a 7 × 6 canvas, 3 images, 2 gated layers of 4 channels).
@Test func cachedPixelCNNSamplingCountsTheOperationsOfOnePass() {
    let model = smallPixelCNN(height: 7, width: 6, layers: 2, seed: 167).conditioned(on: [0, 1, 2])
    var rng = RandomGenerator(seed: 168)
    let uniforms = Tensor(randomUniform: [3, 42], using: &rng), zeros = Tensor(zeros: [3, 42])
    let sampled = countingOperations { model.completing(zeros, pixels: 0..<42, uniforms: uniforms) }.operations
    // Per pixel and image, by hand: the masked 7×7 window (49 taps, 4 channels), each layer's 2×3
    // vertical window (4 → 8), 1×1 vertical-to-horizontal (8 → 8), 1×2 horizontal window (4 → 8) and
    // 1×1 output (4 → 4), the 3×7 first vertical window (1 → 4), the head (4 → 4) and the logit (4 → 1).
    let perPixel = 49 * 4 + 2 * (6 * 4 * 8 + 8 * 8 + 2 * 4 * 8 + 4 * 4) + 21 * 4 + 4 * 4 + 4
    #expect(sampled == 2 * 3 * 42 * perPixel)
    #expect(sampled == countingOperations { model(zeros) }.operations)
}

/// A conditional model without labels is refused, with the counts in the message.
@Test func cachedPixelCNNNeedsItsLabels() async {
    await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
        let model = smallPixelCNN(height: 3, width: 3, seed: 166)
        _ = model.completing(Tensor(zeros: [2, 9]), pixels: 0..<9, uniforms: Tensor(zeros: [2, 9]))
    }.map { result in
        let message = String(decoding: result.standardErrorContent, as: UTF8.self)
        #expect(message.contains("completing: 0 labels for 2 images"), "stderr: \(message)")
    }
}
