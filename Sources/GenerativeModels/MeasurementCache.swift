import Foundation

/// Numbers about a model that take minutes to compute (a likelihood integrated along an ODE, say),
/// kept in a folder under the model's checkpoint and the measurement's settings, so that every page
/// asking for the same measurement of the same model prints the same numbers and only the first pays
/// for them: what `SampleSource` does for images, for per-image values.
///
/// The values are stored as 64-bit floats, bit for bit, in `<settings>-<checkpoint hash>.f64`.
public struct MeasurementCache {
    /// Where values are kept by default, relative to the package root (git-ignored, like the checkpoints).
    public static let defaultFolder = "Checkpoints/measurements"

    /// The folder of the cached values.
    public let folder: String

    /// A cache in `folder`.
    public init(folder: String = defaultFolder) {
        self.folder = folder
    }

    /// The values measured as `name` on the model saved at `checkpoint`: read when a page measured
    /// them before, computed by `compute` and kept otherwise.
    /// - Parameter name: Everything that fixes the values besides the model: the measurement, its
    ///   settings, the data and the seed (e.g. `flow-matching bits, 16 midpoint steps, 1000 test images, seed 12`).
    /// - Throws: File-system errors; `SampleCacheError.missingCheckpoint` when `checkpoint` does not
    ///   exist; `SampleCacheError.wrongSize` for a cache file whose size is not a whole number of values.
    public func values(named name: String, checkpoint: String, compute: () throws -> [Double]) throws -> [Double] {
        let key = try CacheKey(name: name, checkpoint: checkpoint, extension: "f64")
        let file = "\(folder)/\(key.head)\(key.tail)"
        if let data = FileManager.default.contents(atPath: file) {
            guard data.count % 8 == 0 else { throw SampleCacheError.wrongSize(file: file, bytes: data.count, expected: data.count / 8 * 8) }
            return data.withUnsafeBytes { raw in
                (0..<(data.count / 8)).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self))) }
            }
        }
        let values = try compute()
        var bytes = Data(capacity: values.count * 8)
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try bytes.write(to: URL(fileURLWithPath: file), options: .atomic)
        return values
    }
}
