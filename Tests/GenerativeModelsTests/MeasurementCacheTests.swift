import Foundation
import GenerativeModels
import Testing

/// A scratch folder with a small "checkpoint" file, removed by the caller.
private func scratch(_ name: String, checkpoint bytes: [UInt8]) throws -> (folder: String, checkpoint: String) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("measurements-\(getpid())-\(name)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let checkpoint = folder + "/model.safetensors"
    try Data(bytes).write(to: URL(fileURLWithPath: checkpoint))
    return (folder, checkpoint)
}

@Test func measuredValuesAreComputedOnceAndReadBackBitForBit() throws {
    let (folder, checkpoint) = try scratch("once", checkpoint: [1, 2, 3])
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // Values whose bits a decimal round trip could lose: a third, a subnormal, a negative zero, an infinity.
    let values = [1.0 / 3, 5e-324, -0.0, .infinity, -2.5e300]
    var calls = 0
    let cache = MeasurementCache(folder: folder + "/cache")
    let first = try cache.values(named: "bits, 16 steps", checkpoint: checkpoint) { calls += 1; return values }
    let second = try cache.values(named: "bits, 16 steps", checkpoint: checkpoint) { calls += 1; return [] }
    #expect(calls == 1)
    #expect(first.map(\.bitPattern) == values.map(\.bitPattern) && second.map(\.bitPattern) == values.map(\.bitPattern))
    // Other settings are another measurement.
    _ = try cache.values(named: "bits, 32 steps", checkpoint: checkpoint) { calls += 1; return [1] }
    #expect(calls == 2)
}

@Test func aModelTrainedAgainIsMeasuredAgain() throws {
    let (folder, checkpoint) = try scratch("retrained", checkpoint: [1, 2, 3])
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let cache = MeasurementCache(folder: folder + "/cache")
    #expect(try cache.values(named: "bits", checkpoint: checkpoint) { [1] } == [1])
    try Data([1, 2, 4]).write(to: URL(fileURLWithPath: checkpoint))
    #expect(try cache.values(named: "bits", checkpoint: checkpoint) { [2] } == [2])
}

@Test func aMissingCheckpointSaysWhichLessonToRun() throws {
    let cache = MeasurementCache(folder: FileManager.default.temporaryDirectory.path + "/measurements-\(getpid())-missing")
    #expect(throws: SampleCacheError.self) { try cache.values(named: "bits", checkpoint: "/nonexistent/model.safetensors") { [1] } }
}
