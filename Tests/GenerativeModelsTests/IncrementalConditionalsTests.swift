import Foundation
import GenerativeModels
import NeuralNetworks
import Testing

/// A MADE with random weights and biases (the biases start at zero, which would hide a bias read
/// from the wrong unit), with its ordering `ordering` selected.
private func randomMADE(pixels: Int, hiddenSizes: [Int], ordering: Int, seed: UInt64) -> MADE {
    var rng = RandomGenerator(seed: seed)
    var model = MADE(inputSize: pixels, hiddenSizes: hiddenSizes, orderingCount: 3, rng: &rng)
    for layer in model.network.layers.indices {
        model.network.layers[layer].bias = Tensor(randomNormal: model.network.layers[layer].bias.shape, using: &rng)
    }
    return model.selectingOrdering(ordering)
}

private func randomNADE(pixels: Int, hiddenSize: Int, seed: UInt64) -> NADE {
    var rng = RandomGenerator(seed: seed)
    var model = NADE(inputSize: pixels, hiddenSize: hiddenSize, rng: &rng)
    model.hiddenBias = Tensor(randomNormal: [hiddenSize], using: &rng)
    model.outputBias = Tensor(randomNormal: [pixels], using: &rng)
    return model
}

/// Walks `conditionals` through the pixels of `x` from `start` on, fixing each to its value in `x`,
/// and returns the largest difference between its logits and those of one full pass on `x`.
private func largestLogitDifference<Conditionals: IncrementalConditionals>(
    _ conditionals: Conditionals, on x: Tensor, ordering: [Int], fullLogits: Tensor) -> Float {
    var state = conditionals
    let (count, dimension, full) = (x.shape[0], x.shape[1], fullLogits.scalars)
    var largest: Float = 0
    while state.position < dimension {
        let pixel = ordering[state.position]
        let logits = state.logits().scalars
        for row in 0..<count { largest = max(largest, abs(logits[row] - full[row * dimension + pixel])) }
        state.fix(Tensor((0..<count).map { x.scalars[$0 * dimension + pixel] }))
    }
    return largest
}

@Test func madeIncrementalLogitsEqualTheFullPassAtEveryPixel() {
    var rng = RandomGenerator(seed: 31)
    let x = Tensor(randomBernoulli: Tensor(repeating: 0.5, shape: [6, 14]), using: &rng)
    for (hiddenSizes, ordering) in [([Int](), 0), ([20], 0), ([20], 2), ([18, 11], 1)] {
        let model = randomMADE(pixels: 14, hiddenSizes: hiddenSizes, ordering: ordering, seed: 32)
        for start in [0, 5] {
            let difference = largestLogitDifference(MADEConditionals(model, given: x, from: start), on: x,
                                                    ordering: model.ordering, fullLogits: model(x))
            #expect(difference < 1e-5, "hidden \(hiddenSizes), ordering \(ordering), from \(start): \(difference)")
        }
    }
}

@Test func nadeIncrementalLogitsEqualTheFullPassAtEveryPixel() {
    var rng = RandomGenerator(seed: 33)
    let x = Tensor(randomBernoulli: Tensor(repeating: 0.5, shape: [6, 14]), using: &rng)
    let model = randomNADE(pixels: 14, hiddenSize: 9, seed: 34)
    for start in [0, 5] {
        let difference = largestLogitDifference(NADEConditionals(model, given: x, from: start), on: x,
                                                ordering: model.ordering, fullLogits: model(x))
        #expect(difference < 1e-5, "from \(start): \(difference)")
    }
}

/// From the same uniforms, the incremental samplers draw exactly the images of the definition's
/// sampler (one full pass per pixel), both from scratch and completing known leading pixels.
@Test func incrementalSamplersDrawTheImagesOfTheFullPassSampler() {
    var rng = RandomGenerator(seed: 35)
    let known = Tensor(randomBernoulli: Tensor(repeating: 0.5, shape: [40, 20]), using: &rng)
    let uniforms = Tensor(randomUniform: [40, 20], using: &rng)
    let models: [(String, any AutoregressiveModel)] = [
        ("FVSBN", randomMADE(pixels: 20, hiddenSizes: [], ordering: 0, seed: 36)),
        ("MADE", randomMADE(pixels: 20, hiddenSizes: [30, 25], ordering: 2, seed: 37)),
        ("NADE", randomNADE(pixels: 20, hiddenSize: 12, seed: 38)),
    ]
    for (name, model) in models {
        for start in [0, 7] {
            let pixels = model.ordering[start...]
            let incremental = model.completing(known, pixels: pixels, uniforms: uniforms)
            let byFullPasses = model.completingByFullPasses(known, pixels: pixels, uniforms: uniforms)
            #expect(incremental.scalars == byFullPasses.scalars, "\(name) from \(start)")
            #expect(Set(incremental.scalars) == [0, 1], "\(name) from \(start)")
        }
    }
}

/// Sampling a MADE incrementally counts the operations of one full pass over the batch, by hand
/// `2 · count · Σ in · out`; a NADE's `2H` per logit and `2H` per update, `4 · count · D · H`.
@Test func incrementalSamplingCountsTheOperationsOfOnePass() {
    var rng = RandomGenerator(seed: 39)
    let uniforms = Tensor(randomUniform: [3, 12], using: &rng), zeros = Tensor(zeros: [3, 12])
    let made = randomMADE(pixels: 12, hiddenSizes: [16, 10], ordering: 1, seed: 40)
    let sampled = countingOperations { made.completing(zeros, from: 0, uniforms: uniforms) }.operations
    #expect(sampled == 2 * 3 * (12 * 16 + 16 * 10 + 10 * 12))
    #expect(sampled == countingOperations { made(zeros) }.operations)
    #expect(countingOperations { made.completingByFullPasses(zeros, pixels: made.ordering, uniforms: uniforms) }.operations
            == 12 * sampled)
    let nade = randomNADE(pixels: 12, hiddenSize: 5, seed: 41)
    #expect(countingOperations { nade.completing(zeros, from: 0, uniforms: uniforms) }.operations == 4 * 3 * 12 * 5)
}
