import Foundation
import GenerativeModels
import NeuralNetworks
import Testing
import TestSupport

/// A small class-conditional PixelCNN (3 classes, so label 3 is "no class") whose pixel biases
/// differ by class, row and column, so that a guided logit that read the wrong pass would show.
private func smallConditionalPixelCNN(height: Int, width: Int, seed: UInt64) -> PixelCNN {
    var rng = RandomGenerator(seed: seed)
    var model = PixelCNN(height: height, width: width, channels: 4, layers: 2, classCount: 3, rng: &rng)
    model.pixelBiases.weight = Tensor(randomNormal: [4, height * width], using: &rng)
    return model
}

/// The guided logits are `l_∅ + w (l_y - l_∅)` of the conditional and the unconditional pass
/// computed separately: `w = 1` gives the conditional logits, `w = 0` the unconditional ones; the
/// cropped per-pixel pass of sampling gives the same probabilities.
@Test func guidedLogitsCombineTheConditionalAndTheUnconditionalPass() {
    let model = smallConditionalPixelCNN(height: 5, width: 4, seed: 150)
    var rng = RandomGenerator(seed: 151)
    let labels = [2, 0, 1]
    let x = Tensor(randomBernoulli: Tensor(repeating: 0.5, shape: [3, 20]), using: &rng)
    let conditional = model.conditioned(on: labels)(x).scalars
    let unconditional = model.conditioned(on: [3, 3, 3])(x).scalars
    #expect(conditional != unconditional)
    for scale in [0, 1, 2.5] {
        let guided = model.guided(on: labels, scale: scale)
        let logits = guided(x).scalars
        let expected = zip(conditional, unconditional).map { $1 + Float(scale) * ($0 - $1) }
        for (value, reference) in zip(logits, expected) { #expect(abs(value - reference) < 1e-5, "w = \(scale)") }
        for pixel in 0..<20 {
            let probabilities = guided.pixelProbabilities(x, pixel: pixel)
            for row in 0..<3 {
                let reference = 1 / (1 + exp(-expected[row * 20 + pixel]))
                #expect(abs(probabilities[row] - reference) < 1e-5, "w = \(scale), pixel \(pixel), row \(row)")
            }
        }
    }
    let atOne = model.guided(on: labels, scale: 1)(x).scalars, atZero = model.guided(on: labels, scale: 0)(x).scalars
    for index in conditional.indices {
        #expect(abs(atOne[index] - conditional[index]) < 1e-5 && abs(atZero[index] - unconditional[index]) < 1e-5)
    }
}

/// Each guided logit depends only on earlier pixels, so the guided model is a normalised
/// distribution: its probabilities sum to one over all 2^6 images of a 2×3 canvas, at any scale,
/// scored directly and by `negativeLogLikelihoods(_:labels:guidanceScale:)` in batches of 20.
@Test func guidedPixelCNNIsNormalisedOverAllImages() {
    let model = smallConditionalPixelCNN(height: 2, width: 3, seed: 152)
    let all = Tensor((0..<64).map { code in (0..<6).map { Float((code >> $0) & 1) } })
    for scale in [0.5, 3] {
        for label in 0..<3 {
            let logLikelihoods = model.guided(on: Array(repeating: label, count: 64), scale: scale).logLikelihood(all)
            #expect(abs(logLikelihoods.scalars.reduce(0) { $0 + exp(Double($1)) } - 1) < 1e-4, "w = \(scale), class \(label)")
            let batched = model.negativeLogLikelihoods(all, labels: Array(repeating: label, count: 64), guidanceScale: scale, batchSize: 20)
            for (value, direct) in zip(batched, logLikelihoods.scalars) { #expect(abs(value + Double(direct)) < 1e-4) }
        }
    }
}

/// The guided sampler keeps the autoregressive property: in a drawn image every pixel is 1 exactly
/// when its uniform lies below the guided probability computed from the finished image (the
/// later pixels, drawn after it, cannot change it), and the Jacobian of the guided logits with
/// respect to the input is zero at and after each pixel.
@Test func guidedSamplesAgreeWithTheGuidedConditionalsOfTheFinishedImage() {
    let model = smallConditionalPixelCNN(height: 4, width: 4, seed: 153)
    var rng = RandomGenerator(seed: 154)
    let guided = model.guided(on: [0, 1, 2, 1], scale: 3)
    let uniforms = Tensor(randomUniform: [4, 16], using: &rng)
    let drawn = guided.completing(Tensor(zeros: [4, 16]), from: 0, uniforms: uniforms)
    let probabilities = sigmoid(guided(drawn)).scalars
    for index in 0..<64 {
        #expect(drawn.scalars[index] == (uniforms.scalars[index] < probabilities[index] ? 1 : 0), "entry \(index)")
    }
    let x = Tensor(randomUniform: [4, 16], using: &rng)
    for i in 0..<16 {
        let selector = Tensor(oneHotAtIndices: [i], depth: 16).reshaped(to: [1, 16])
        let row = gradient(at: x) { x in (guided(x) * selector).sum() }.scalars
        for image in 0..<4 {
            for j in i..<16 { #expect(row[image * 16 + j] == 0, "guided logit \(i) depends on pixel \(j)") }
        }
    }
}

/// The guided model's gradient reaches the shared weights as the formula says: the guided logits
/// are `(1 - w) l_∅ + w l_y`, so their gradient is `(1 - w)` times that of the unconditional pass
/// plus `w` times that of the conditional pass, each computed separately on the plain network, in
/// every parameter (checked on the pixel biases, the "no class" rows included, the first filter
/// and the gated layer's class biases). Finite differences check each pass's own gradients
/// (`gatedLayerGradientsMatchFiniteDifferences` and the layers' tests).
@Test func guidedGradientIsTheWeightedSumOfTheTwoPasses() {
    let model = smallConditionalPixelCNN(height: 3, width: 4, seed: 155)
    var rng = RandomGenerator(seed: 160)
    let x = Tensor(randomBernoulli: Tensor(repeating: 0.5, shape: [2, 12]), using: &rng)
    let weights = Tensor(randomUniform: [2, 12], lowerBound: -1, upperBound: 1, using: &rng)
    let (labels, scale) = ([1, 0], Float(2.5))
    let guided = gradient(at: model.guided(on: labels, scale: Double(scale))) { (($0(x)) * weights).sum() }.model
    let conditional = gradient(at: model) { ($0.conditioned(on: labels)(x) * weights).sum() }
    let unconditional = gradient(at: model) { ($0.conditioned(on: [3, 3])(x) * weights).sum() }
    let pairs = [(guided.pixelBiases.weight, conditional.pixelBiases.weight, unconditional.pixelBiases.weight),
                 (guided.firstHorizontal.weight, conditional.firstHorizontal.weight, unconditional.firstHorizontal.weight),
                 (guided.layers[0].classBias.weight, conditional.layers[0].classBias.weight, unconditional.layers[0].classBias.weight)]
    for (value, fromConditional, fromUnconditional) in pairs {
        let expected = zip(fromConditional.scalars, fromUnconditional.scalars).map { (1 - scale) * $1 + scale * $0 }
        for (computed, reference) in zip(value.scalars, expected) {
            #expect(abs(computed - reference) < 1e-4 * max(1, abs(reference)), "\(computed) against \(reference)")
        }
    }
    // The "no class" row of the pixel biases is reached only through the unconditional pass.
    #expect(guided.pixelBiases.weight.scalars[36..<48].contains { $0 != 0 })
}

/// `droppingLabels` replaces labels at the rate asked for (10,000 labels at 0.2: within four
/// standard deviations, 160, of 2,000) and leaves the others as they were.
@Test func droppingLabelsDropsAtTheRateAskedFor() {
    var rng = RandomGenerator(seed: 156)
    let labels = (0..<10_000).map { $0 % 10 }
    let dropped = droppingLabels(labels, to: 10, probability: 0.2, using: &rng)
    #expect(abs(dropped.filter { $0 == 10 }.count - 2000) < 160)
    #expect(zip(labels, dropped).allSatisfy { $1 == 10 || $1 == $0 })
}

/// Trained with labels dropped half the time on two 2×2 patterns, one per class, the network
/// learns both: each class puts nearly all its mass on its pattern, and the "no class" entry
/// learns the mixture, nearly all its mass on the two patterns and a fair share on each (the
/// dropped labels of a short run need not split evenly), so its logits differ from every class's.
@Test func theNoClassEntryLearnsTheMixtureOfTheClasses() {
    var rng = RandomGenerator(seed: 157)
    var model = PixelCNN(height: 2, width: 2, channels: 4, layers: 1, classCount: 2, rng: &rng)
    let patterns: [[Float]] = [[1, 0, 1, 0], [0, 1, 1, 0]]
    let images = Tensor(shape: [8, 4], scalars: (0..<8).flatMap { patterns[$0 % 2] })
    var dropRNG = RandomGenerator(seed: 158)
    model.fit(on: images, steps: 600, batchSize: 8, learningRate: 2e-2, seed: 159, prepare: { model, _, rows in
        model.conditioned(on: droppingLabels(rows.map { $0 % 2 }, to: 2, probability: 0.5, using: &dropRNG))
    })
    let both = Tensor(patterns)
    let ownClass = model.negativeLogLikelihoods(both, labels: [0, 1])
    let noClass = model.negativeLogLikelihoods(both, labels: [2, 2])
    for row in 0..<2 {
        #expect(ownClass[row] < 0.05, "−log p(pattern \(row) | class \(row)) = \(ownClass[row])")
        #expect(exp(-noClass[row]) > 0.3 && exp(-noClass[row]) < 0.7, "−log p(pattern \(row) | no class) = \(noClass[row])")
    }
    #expect(exp(-noClass[0]) + exp(-noClass[1]) > 0.98)
}
