import Datasets
import Foundation
import GenerativeModels
import NeuralNetworks
import Tensors
import Testing

/// Two 4-pixel patterns, each half of the data: the data's entropy is log 2 nats per image.
private let twoPatterns = Tensor(shape: [8, 4], scalars: (0..<8).flatMap { $0 % 2 == 0 ? [1, 0, 1, 0] : [0, 1, 1, 0] as [Float] })

@Test func fittingAMADEBringsItsLikelihoodToTheEntropyOfTheData() {
    var rng = RandomGenerator(seed: 3)
    var model = MADE(inputSize: 4, hiddenSizes: [16], rng: &rng)
    let before = model.negativeLogLikelihoods(twoPatterns).reduce(0, +) / 8
    model.fit(on: twoPatterns, steps: 1000, batchSize: 4, learningRate: 2e-2, seed: 1)
    let after = model.negativeLogLikelihoods(twoPatterns).reduce(0, +) / 8
    // An untrained model is near 4 log 2 ≈ 2.77 nats; the best any model can do is log 2 ≈ 0.693.
    #expect(before > 2)
    let entropy = Foundation.log(2.0)
    #expect(after > entropy - 1e-3 && after < entropy + 0.1, "NLL \(after) nats, entropy \(entropy)")
}

@Test func fittingTakesExactlyTheStepsAskedForAcrossEpochs() {
    var rng = RandomGenerator(seed: 4)
    var model = MADE(inputSize: 4, hiddenSizes: [], rng: &rng)
    var seen: [(step: Int, rows: [Int])] = []
    var reported: [(Int, Int)] = []
    // 8 rows in batches of 3: 3 batches an epoch (the last of 2 rows), so 7 steps run into a third epoch.
    let losses = model.fit(on: twoPatterns, steps: 7, batchSize: 3, seed: 9, progress: { reported.append(($0, $1)) }) { model, step, rows in
        seen.append((step, rows))
        return model
    }
    #expect(losses.count == 7)
    #expect(seen.map(\.step) == Array(0..<7))
    #expect(seen.map(\.rows.count) == [3, 3, 2, 3, 3, 2, 3])
    // Every epoch shows each row exactly once.
    #expect(Set(seen[0..<3].flatMap(\.rows)) == Set(0..<8) && Set(seen[3..<6].flatMap(\.rows)) == Set(0..<8))
    #expect(reported.first! == (0, 7) && reported.last! == (7, 7) && reported.count == 8)
}
