import Foundation
import GenerativeModels
import NeuralNetworks
import Testing

/// A 3-pixel fully visible sigmoid belief net (a MADE without hidden layers) with hand-set
/// conditionals: `p(x0 = 1) = 3/4`, `p(x1 = 1 | x0) = 1/2` if `x0 = 1` else `3/4`, and
/// `p(x2 = 1 | x0, x1)` with logit `l2 = log 4 - log 4 x1` if `x0 = 1` (4/5 or 1/2), and
/// `l2 = 0` (1/2) if `x0 = 0` and `x1 = 0`, `l2 = -log 4` (1/5) if `x0 = 0`, `x1 = 1`.
func handSetBeliefNet() -> MADE {
    var rng = RandomGenerator(seed: 0)
    var model = MADE(inputSize: 3, hiddenSizes: [], rng: &rng)
    let log3 = Float(log(3.0)), log4 = Float(log(4.0))
    // weight[j, i] is the weight of input j in the logit of pixel i; the mask zeroes j >= i.
    model.network.layers[0].weight = Tensor([[9, -log3, log4], [9, 9, -log4], [9, 9, 9]])
    model.network.layers[0].bias = Tensor([log3, log3, 0])
    return model
}

/// The joint of `handSetBeliefNet` by the chain rule, written out by hand for all eight vectors
/// (index `x0 + 2 x1 + 4 x2`).
let handSetJoint: [Double] = {
    func conditional2(_ x0: Int, _ x1: Int) -> Double { [[0.5, 0.2], [0.8, 0.5]][x0][x1] }
    return (0..<8).map { code in
        let (x0, x1, x2) = (code & 1, (code >> 1) & 1, (code >> 2) & 1)
        let p0 = x0 == 1 ? 0.75 : 0.25
        let p1given = x0 == 1 ? 0.5 : 0.75
        let p1 = x1 == 1 ? p1given : 1 - p1given
        let p2 = x2 == 1 ? conditional2(x0, x1) : 1 - conditional2(x0, x1)
        return p0 * p1 * p2
    }
}()

@Test func logLikelihoodMatchesTheChainRuleByHand() {
    let model = handSetBeliefNet()
    // p(1, 0, 1) = 3/4 · 1/2 · 4/5 = 0.3
    let logP = model.logLikelihood(Tensor([[1, 0, 1]])).scalars[0]
    #expect(abs(Double(logP) - log(0.3)) < 1e-5)
    let all = Tensor((0..<8).map { code in (0..<3).map { Float((code >> $0) & 1) } })
    let probabilities = model.logLikelihood(all).scalars.map { exp(Double($0)) }
    for (computed, expected) in zip(probabilities, handSetJoint) { #expect(abs(computed - expected) < 1e-5) }
    let perImage = model.negativeLogLikelihoods(Tensor([[1, 0, 1], [0, 0, 0], [1, 0, 1]]), batchSize: 2)
    #expect(perImage.count == 3)
    for (computed, expected) in zip(perImage, [-log(0.3), -log(0.25 * 0.25 * 0.5), -log(0.3)]) {
        #expect(abs(computed - expected) < 1e-5)
    }
}

/// 40,000 samples of the hand-set net fall into the eight outcomes as its joint says: the
/// chi-squared statistic stays below the 0.1% critical value for 7 degrees of freedom (24.32).
@Test func samplesMatchTheKnownConditionals() {
    var rng = RandomGenerator(seed: 11)
    let count = 40_000
    let samples = handSetBeliefNet().sample(count: count, using: &rng).scalars
    var observed = [Double](repeating: 0, count: 8)
    for row in 0..<count {
        observed[Int(samples[3 * row]) + 2 * Int(samples[3 * row + 1]) + 4 * Int(samples[3 * row + 2])] += 1
    }
    let chiSquared = zip(observed, handSetJoint).map { ($0 - Double(count) * $1) * ($0 - Double(count) * $1) / (Double(count) * $1) }
        .reduce(0, +)
    #expect(chiSquared < 24.32, "chi-squared \(chiSquared), observed \(observed)")
}

@Test func completionKeepsTheKnownPixels() {
    var rng = RandomGenerator(seed: 12)
    let known = Tensor([[1, 0, 0], [0, 1, 0]])
    let completed = handSetBeliefNet().completing(known, from: 2, uniforms: Tensor(randomUniform: [2, 3], using: &rng))
    #expect(Array(completed.scalars[0..<2]) == [1, 0])
    #expect(Array(completed.scalars[3..<5]) == [0, 1])
}

/// Every model of the family is normalised: the probabilities of all `2^D` binary vectors sum to 1.
@Test func everyModelIsNormalisedOverAllBinaryVectors() {
    var rng = RandomGenerator(seed: 13)
    let all = Tensor((0..<64).map { code in (0..<6).map { Float((code >> $0) & 1) } })
    func total(_ logLikelihoods: Tensor) -> Double { logLikelihoods.scalars.reduce(0) { $0 + exp(Double($1)) } }
    let made = MADE(inputSize: 6, hiddenSizes: [12, 12], orderingCount: 3, rng: &rng)
    #expect(abs(total(made.logLikelihood(all)) - 1) < 1e-4)
    #expect(abs(total(made.selectingOrdering(2).logLikelihood(all)) - 1) < 1e-4)
    #expect(abs(total(made.orderEnsembleLogLikelihood(all)) - 1) < 1e-4)
    #expect(abs(total(NADE(inputSize: 6, hiddenSize: 5, rng: &rng).logLikelihood(all)) - 1) < 1e-4)
    #expect(abs(total(PixelCNN(height: 2, width: 3, channels: 4, layers: 1, rng: &rng).logLikelihood(all)) - 1) < 1e-4)
}

/// NADE's running-sum implementation against the definition, one pixel at a time:
/// `h_i = σ(c + Σ_(j<i) W_j x_j)`, `logit_i = b_i + V_i · h_i`.
@Test func nadeMatchesItsDefinitionPixelByPixel() {
    var rng = RandomGenerator(seed: 14)
    var model = NADE(inputSize: 4, hiddenSize: 3, rng: &rng)
    model.hiddenBias = Tensor([0.3, -0.2, 0.1])
    model.outputBias = Tensor([0.5, -0.5, 0.25, 0])
    let x: [Float] = [1, 0, 1, 1]
    let (w, v, c, b) = (model.inputWeight.scalars, model.outputWeight.scalars, model.hiddenBias.scalars, model.outputBias.scalars)
    let expected = (0..<4).map { i -> Float in
        let hidden = (0..<3).map { k in
            1 / (1 + exp(-(c[k] + (0..<i).reduce(Float(0)) { $0 + w[$1 * 3 + k] * x[$1] })))
        }
        return b[i] + (0..<3).reduce(Float(0)) { $0 + v[i * 3 + $1] * hidden[$1] }
    }
    let logits = model(Tensor([x])).scalars
    for (computed, reference) in zip(logits, expected) { #expect(abs(computed - reference) < 1e-5) }
}

@Test func madeOrderingsKeepTheirMasks() {
    var rng = RandomGenerator(seed: 15)
    let model = MADE(inputSize: 5, hiddenSizes: [8], orderingCount: 3, maskSeed: 2, rng: &rng)
    let there = model.selectingOrdering(2), back = there.selectingOrdering(0)
    #expect(model.ordering == [0, 1, 2, 3, 4])
    #expect(there.ordering != model.ordering && there.ordering.sorted() == [0, 1, 2, 3, 4])
    #expect(back.network.layers.map(\.mask) == model.network.layers.map(\.mask))
}

/// A class-conditional PixelCNN with residual blocks is autoregressive in raster order: flipping
/// pixel `j` changes no logit at or before `j`, and changes some logit after it.
@Test func conditionalPixelCNNLogitsSeeOnlyEarlierPixels() {
    var rng = RandomGenerator(seed: 16)
    var model = PixelCNN(height: 4, width: 4, channels: 6, layers: 3, classCount: 3, rng: &rng)
        .conditioned(on: [0, 2])
    model.pixelBiases.weight = Tensor(randomNormal: [4, 16], using: &rng)
    let x = Tensor(randomBernoulli: Tensor(repeating: 0.5, shape: [2, 16]), using: &rng)
    let logits = model(x).scalars
    for pixel in 0..<16 {
        var flipped = x.scalars
        for row in 0..<2 { flipped[row * 16 + pixel] = 1 - flipped[row * 16 + pixel] }
        let changed = model(Tensor(shape: [2, 16], scalars: flipped)).scalars
        for row in 0..<2 {
            for i in 0...pixel { #expect(changed[row * 16 + i] == logits[row * 16 + i], "pixel \(pixel) reaches logit \(i)") }
        }
        if pixel < 15 { #expect(zip(changed, logits).contains { $0 != $1 }, "pixel \(pixel) reaches no later logit") }
    }
}

/// `p(x | y)` sums to one over all 2^6 images for every class and for "no class" (label 3), so
/// does the marginal over classes, and different classes give different conditionals.
@Test func conditionalPixelCNNIsNormalisedForEveryClass() {
    var rng = RandomGenerator(seed: 17)
    var model = PixelCNN(height: 2, width: 3, channels: 4, layers: 2, classCount: 3, rng: &rng)
    model.pixelBiases.weight = Tensor(randomNormal: [4, 6], using: &rng)
    let all = Tensor((0..<64).map { code in (0..<6).map { Float((code >> $0) & 1) } })
    var perClass: [[Double]] = []
    for label in 0...3 {
        let nll = model.negativeLogLikelihoods(all, labels: Array(repeating: label, count: 64), batchSize: 20)
        #expect(abs(nll.reduce(0) { $0 + exp(-$1) } - 1) < 1e-4, "label \(label)")
        perClass.append(nll)
    }
    #expect(perClass[0] != perClass[1] && perClass[3] != perClass[0])
    perClass.removeLast()
    let marginal = model.marginalNegativeLogLikelihoods(all, batchSize: 20)
    #expect(abs(marginal.reduce(0) { $0 + exp(-$1) } - 1) < 1e-4)
    // A mixture lies between its components.
    for row in 0..<64 {
        #expect(marginal[row] >= perClass.map { $0[row] }.min()! - 1e-6 && marginal[row] <= perClass.map { $0[row] }.max()! + 1e-6)
    }
}

/// The PixelCNN's cropped per-pixel pass gives the probabilities of the full pass at every pixel.
@Test func pixelCNNCroppedPassMatchesTheFullPass() {
    var rng = RandomGenerator(seed: 18)
    var model = PixelCNN(height: 12, width: 5, channels: 4, layers: 2, classCount: 2, rng: &rng).conditioned(on: [1, 0, 1])
    // Biases that differ by class and row, so a crop that read the wrong rows of them would show.
    model.pixelBiases.weight = Tensor(randomNormal: [3, 60], using: &rng)
    let x = Tensor(randomBernoulli: Tensor(repeating: 0.5, shape: [3, 60]), using: &rng)
    let full = sigmoid(model(x)).scalars
    for pixel in 0..<60 {
        let cropped = model.pixelProbabilities(x, pixel: pixel)
        for row in 0..<3 { #expect(abs(cropped[row] - full[row * 60 + pixel]) < 1e-5, "pixel \(pixel), row \(row)") }
    }
}

/// The gradient of the mean `-log p(x | y)` with respect to the pixel biases is, in closed form,
/// `σ(logit) - x` summed over the images of class `y` over the batch size, and zero in the rows of
/// classes absent from the batch (class 1 and "no class", 3).
@Test func pixelCNNPixelBiasGradientIsTheBernoulliResidual() {
    var rng = RandomGenerator(seed: 19)
    let model = PixelCNN(height: 3, width: 4, channels: 4, layers: 2, classCount: 3, rng: &rng).conditioned(on: [2, 0, 2])
    let x = Tensor(randomBernoulli: Tensor(repeating: 0.5, shape: [3, 12]), using: &rng)
    let gradient = Tensors.gradient(at: model) { $0.negativeLogLikelihood(x) }.pixelBiases.weight.scalars
    let residual = zip(sigmoid(model(x)).scalars, x.scalars).map { ($0 - $1) / 3 }
    for pixel in 0..<12 {
        #expect(abs(gradient[2 * 12 + pixel] - (residual[pixel] + residual[2 * 12 + pixel])) < 1e-5)
        #expect(abs(gradient[0 * 12 + pixel] - residual[12 + pixel]) < 1e-5)
        #expect(gradient[1 * 12 + pixel] == 0 && gradient[3 * 12 + pixel] == 0)
    }
}
