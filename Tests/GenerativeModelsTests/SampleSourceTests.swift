import Foundation
import GenerativeModels
import Tensors
import Testing

/// A scratch folder for one test's cache files, removed by the caller.
private func scratchFolder(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("samples-\(getpid())-\(name)").path
}

/// A source of `count × 784` uniform values in [-1, 1] that counts how often it is asked to draw.
private final class CountingDraws {
    var calls = 0
    func source(folder: String, checkpoint: String? = nil, seed: UInt64 = 3) -> SampleSource {
        SampleSource(name: "Uniform noise, w = 1", checkpoint: checkpoint, seed: seed, batchSize: 4, range: -1...1,
                     cacheFolder: folder) { count, rng in
            self.calls += 1
            return Tensor(randomUniform: [count, 784], using: &rng) * 2 - 1
        }
    }
}

@Test func samplesAreDrawnOnceThenReadFromTheCache() throws {
    let folder = scratchFolder("once")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let draws = CountingDraws()
    let first = try draws.source(folder: folder).pixels(count: 10)
    #expect(draws.calls == 3)  // batches of 4, 4 and 2
    let second = try draws.source(folder: folder).pixels(count: 10)
    #expect(draws.calls == 3)
    #expect(first == second)
    #expect(first.count == 7840)
}

/// A set of whole batches is read from a larger cached set of the same source, and is the set drawn
/// afresh; a count that ends in a partial batch is drawn, since its last batch draws differently.
@Test func aSmallerSetOfWholeBatchesIsThePrefixOfALargerCachedOne() throws {
    let (folder, fresh) = (scratchFolder("prefix"), scratchFolder("prefix-fresh"))
    defer { for path in [folder, fresh] { try? FileManager.default.removeItem(atPath: path) } }
    let draws = CountingDraws()
    let twelve = try draws.source(folder: folder).pixels(count: 12)
    #expect(draws.calls == 3)
    let eight = try draws.source(folder: folder).pixels(count: 8)
    #expect(draws.calls == 3)
    #expect(eight == Array(twelve.prefix(8 * 784)))
    #expect(eight == (try CountingDraws().source(folder: fresh).pixels(count: 8)))
    _ = try draws.source(folder: folder).pixels(count: 6)
    #expect(draws.calls == 5)
    _ = try draws.source(folder: folder, seed: 4).pixels(count: 8)
    #expect(draws.calls == 7)
}

@Test func cachedPixelsAreTheDrawnOnesMappedToTheUnitRangeAndRoundedToEightBits() throws {
    let folder = scratchFolder("bits")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let pixels = try CountingDraws().source(folder: folder).pixels(count: 2)
    var rng = RandomGenerator(seed: 3)
    let drawn = (Tensor(randomUniform: [2, 784], using: &rng) * 2 - 1).scalars
    for (pixel, value) in zip(pixels, drawn) {
        #expect(abs(pixel - (value + 1) / 2) <= 0.5 / 255 + 1e-6)
        #expect(abs(pixel * 255 - (pixel * 255).rounded()) < 1e-3)
    }
}

@Test func aChangedCheckpointOrSeedDrawsAfresh() throws {
    let folder = scratchFolder("key")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let checkpoint = folder + "/model.bin"
    try Data([1, 2, 3]).write(to: URL(fileURLWithPath: checkpoint))
    let draws = CountingDraws()
    _ = try draws.source(folder: folder, checkpoint: checkpoint).pixels(count: 4)
    _ = try draws.source(folder: folder, checkpoint: checkpoint).pixels(count: 4)
    #expect(draws.calls == 1)
    try Data([1, 2, 4]).write(to: URL(fileURLWithPath: checkpoint))
    _ = try draws.source(folder: folder, checkpoint: checkpoint).pixels(count: 4)
    #expect(draws.calls == 2)
    _ = try draws.source(folder: folder, checkpoint: checkpoint, seed: 4).pixels(count: 4)
    #expect(draws.calls == 3)
}

@Test func aMissingCheckpointIsAnErrorNamingIt() {
    let folder = scratchFolder("missing")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(throws: SampleCacheError.self) {
        try CountingDraws().source(folder: folder, checkpoint: folder + "/absent.safetensors").pixels(count: 1)
    }
}

@Test func operationsPerSampleCountsOneDenseLayerPerImage() {
    var rng = RandomGenerator(seed: 9)
    let weight = Tensor(randomNormal: [16, 784], using: &rng)
    let source = SampleSource(name: "linear decoder", checkpoint: nil, seed: 1) { count, rng in
        matmul(Tensor(randomNormal: [count, 16], using: &rng), weight)
    }
    #expect(source.operationsPerSample() == 2 * 16 * 784)
}

@Test func f1IsTheHarmonicMeanOfPrecisionAndRecall() {
    let quality = SampleQuality(frechetDistance: 1, frechetFloor: 0.5, precision: 0.5, recall: 1, density: 1, coverage: 1)
    #expect(abs(quality.f1 - 2.0 / 3.0) < 1e-12)
    let nothing = SampleQuality(frechetDistance: 1, frechetFloor: 0.5, precision: 0, recall: 0, density: 0, coverage: 0)
    #expect(nothing.f1 == 0)
}
