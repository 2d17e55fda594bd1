import Foundation
import Datasets
import GenerativeModels
import Tensors
import Testing

/// Trains the feature classifier once (about half a minute) into a scratch checkpoint.
nonisolated(unsafe) private let scratchFeatures: Result<FashionMNISTFeatures, Error> = Result {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("features-\(getpid())/classifier.safetensors").path
    defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
    return try FashionMNISTFeatures.loadOrTrain(checkpoint: path)
}

@Test func featureClassifierLearnsFashionMNIST() throws {
    let features = try scratchFeatures.get()
    #expect(features.testAccuracy > 0.83)
}

@Test func realImagesAgainstThemselvesScorePerfectly() throws {
    let features = try scratchFeatures.get()
    let test = try FashionMNIST.load(split: .test)
    let quality = features.quality(generated: Array(test.pixels.prefix(500 * 784)), count: 500)
    #expect(abs(quality.frechetDistance) < 1e-6)
    #expect(quality.precision == 1 && quality.recall == 1 && quality.coverage == 1)
    #expect(quality.frechetFloor > 0)
}

@Test func noiseScoresFarWorseThanRealTrainingImages() throws {
    let features = try scratchFeatures.get()
    let train = try FashionMNIST.load(split: .train)
    let real = features.quality(generated: Array(train.pixels.suffix(500 * 784)), count: 500)
    var rng = RandomGenerator(seed: 5)
    let noise = features.quality(generated: (0..<(500 * 784)).map { _ in rng.nextUniformFloat() }, count: 500)
    #expect(noise.frechetDistance > 10 * real.frechetDistance)
    #expect(noise.precision < real.precision / 4)
    #expect(noise.recall < real.recall / 4)
}
