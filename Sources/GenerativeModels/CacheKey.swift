import Foundation

/// The name of a file kept for a model in a cache folder (`SampleSource`'s images, `MeasurementCache`'s
/// numbers): a slug of the settings, then a hash of the model's checkpoint, so that a model trained
/// again gets fresh files. `head` goes before a count where the file has one, `tail` after it.
struct CacheKey {
    let head: String
    let tail: String

    /// The key of `name` (the model and its settings) for `checkpoint` (nil for a model with no file).
    /// - Throws: `SampleCacheError.missingCheckpoint` when the checkpoint does not exist.
    init(name: String, checkpoint: String?, extension fileExtension: String) throws {
        head = name.lowercased().unicodeScalars.map { CharacterSet.alphanumerics.contains($0) && $0.isASCII ? String($0) : "-" }
            .joined().split(separator: "-").joined(separator: "-")
        guard let checkpoint else {
            tail = "." + fileExtension
            return
        }
        guard let data = FileManager.default.contents(atPath: checkpoint) else { throw SampleCacheError.missingCheckpoint(checkpoint) }
        tail = "-" + String(fnv1a(data), radix: 16) + "." + fileExtension
    }
}

/// The 64-bit FNV-1a hash of `data`: enough to tell two checkpoints apart.
private func fnv1a(_ data: Data) -> UInt64 {
    data.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
}
