import GenerativeModels
import NeuralNetworks
import Testing
import TestSupport

@Test func conditionalDecoderDependsOnTheLabelAndOnNothingElseOfTheRow() {
    var rng = RandomGenerator(seed: 1)
    let model = ConditionalVAE(inputSize: 12, hiddenSizes: [8], latentSize: 3, classCount: 4, rng: &rng)
    let z = Tensor(randomNormal: [1, 3], using: &rng)
    let same = Tensor(concatenating: [z, z, z, z], alongAxis: 0)
    let images = model.decode(same, labels: [0, 1, 0, 2]).scalars
    let rows = (0..<4).map { Array(images[($0 * 12)..<($0 * 12 + 12)]) }
    // The same z and the same label give the same image; another label another image.
    #expect(rows[0] == rows[2])
    let labelEffect = zip(rows[0], rows[1]).map { abs($0 - $1) }.max() ?? 0
    #expect(labelEffect > 1e-3, "label 0 and label 1 decode z to images that differ by at most \(labelEffect)")
    // Changing one row's label changes that row only.
    let relabelled = model.decode(same, labels: [0, 3, 0, 2]).scalars
    #expect(Array(relabelled[0..<12]) == rows[0] && Array(relabelled[24..<48]) == rows[2] + rows[3])
    #expect(Array(relabelled[12..<24]) != rows[1])
}

@Test func conditionalVAEGradientMatchesFiniteDifferences() {
    var rng = RandomGenerator(seed: 2)
    let model = ConditionalVAE(inputSize: 4, hiddenSizes: [3], latentSize: 2, classCount: 3, rng: &rng)
    let x = Tensor(randomUniform: [5, 4], using: &rng), noise = Tensor(randomNormal: [5, 2], using: &rng)
    let condition = model.oneHot([0, 2, 1, 2, 0])
    assertModelGradientMatchesFiniteDifferences(at: model, step: 1e-3, tolerance: 1e-2) { $0.loss(x, condition: condition, noise: noise) }
}

@Test func conditionalElboRisesOnATinyDatasetAndTheModelUsesTheLabel() {
    var rng = RandomGenerator(seed: 3)
    // Three classes, each a prototype pattern of 16 pixels with a little noise.
    let prototypes: [[Float]] = [(0..<16).map { $0 < 8 ? 0.9 : 0.1 }, (0..<16).map { $0 % 2 == 0 ? 0.9 : 0.1 },
                                 (0..<16).map { $0 % 4 < 2 ? 0.1 : 0.9 }]
    let labels = (0..<60).map { $0 % 3 }
    let x = Tensor(shape: [60, 16], scalars: labels.flatMap { label in
        prototypes[label].map { min(1, max(0, $0 + 0.05 * Float(rng.nextNormal()))) }
    })
    var model = ConditionalVAE(inputSize: 16, hiddenSizes: [32], latentSize: 2, classCount: 3, rng: &rng)
    let optimizer = Adam(learningRate: 1e-2)
    let condition = model.oneHot(labels)
    var losses: [Float] = []
    for _ in 0..<80 {
        let noise = Tensor(randomNormal: [60, 2], using: &rng)
        let (loss, gradient) = valueWithGradient(at: model) { $0.loss(x, condition: condition, noise: noise) }
        optimizer.update(&model, along: gradient)
        losses.append(loss.scalar)
    }
    let first = losses.prefix(5).reduce(0, +) / 5, last = losses.suffix(5).reduce(0, +) / 5
    #expect(last < first - 1, "negative ELBO \(first) -> \(last)")
    // Told the wrong class, the trained model explains the images worse.
    let zeros = Tensor(zeros: [60, 2])
    let right = model.loss(x, condition: condition, noise: zeros).scalar
    let wrong = model.loss(x, condition: model.oneHot(labels.map { ($0 + 1) % 3 }), noise: zeros).scalar
    #expect(wrong > right + 1, "negative ELBO with the right labels \(right), with wrong ones \(wrong)")
}
