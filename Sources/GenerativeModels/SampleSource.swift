import Foundation
import Tensors

/// A way to draw Fashion-MNIST images from a trained model, with everything that fixes the
/// images: the model's checkpoint, the sampler's settings (in `name`), the seed and the batch size.
///
/// `FashionMNISTFeatures.quality(of:count:reporting:)` measures a source; the images it draws are
/// kept in `cacheFolder` (`Checkpoints/samples` by default) as 8-bit pixels, so that every page measuring the same
/// source with the same count reads the same images and prints the same numbers.
///
/// ```swift
/// let gan = SampleSource(name: "GAN", checkpoint: "Checkpoints/gan-fashion-mnist-generator.safetensors",
///                        seed: 1, range: -1...1) { count, rng in model.generate(count: count, using: &rng) }
/// ```
public struct SampleSource {
    /// Where drawn images are kept by default, relative to the package root (git-ignored, like the checkpoints).
    public static let defaultCacheFolder = "Checkpoints/samples"

    /// The model and sampler settings, e.g. `DDIM, 20 steps, w = 0, η = 1`: part of the cache key.
    public let name: String
    /// The checkpoint file of the model: its bytes are part of the cache key, so a model trained
    /// again gets fresh samples. `nil` for a model with no file.
    public let checkpoint: String?
    /// The seed of the random generator the images are drawn with.
    public let seed: UInt64
    /// Images drawn per call of `draw`; part of the key, since batches can consume randomness differently.
    public let batchSize: Int
    /// The range of the model's pixel values, mapped to `0...1`.
    public let range: ClosedRange<Float>
    /// The folder of the cached images.
    public let cacheFolder: String
    /// Draws `count` images (any shape with `count` rows of 784 values) with `rng`.
    public let draw: (_ count: Int, _ rng: inout RandomGenerator) -> Tensor

    /// Creates a source; see the properties for the arguments.
    public init(name: String, checkpoint: String?, seed: UInt64, batchSize: Int = 500, range: ClosedRange<Float> = 0...1,
                cacheFolder: String = defaultCacheFolder, draw: @escaping (_ count: Int, _ rng: inout RandomGenerator) -> Tensor) {
        precondition(batchSize > 0, "SampleSource: batch size \(batchSize) must be positive")
        (self.name, self.checkpoint, self.seed, self.batchSize, self.range) = (name, checkpoint, seed, batchSize, range)
        (self.cacheFolder, self.draw) = (cacheFolder, draw)
    }

    /// `count` images as `count × 784` pixels in `0...1`, rounded to 8 bits: read from the cache
    /// when an earlier run drew them, or drew more of them (see `cachedPrefix(count:)`), drawn (and
    /// cached) otherwise.
    /// - Parameter reporting: Wraps the list of batches to draw, with a label, so that a lesson can
    ///   show progress (`{ progress($0, label: $1) }`); called only when images are drawn.
    /// - Throws: File-system errors of the cache; `SampleCacheError` for a cache file of the wrong size.
    public func pixels(count: Int, reporting: ([Range<Int>], String) -> any Sequence<Range<Int>> = { batches, _ in batches })
        throws -> [Float] {
        let file = try cacheFile(count: count)
        if let data = FileManager.default.contents(atPath: file) {
            guard data.count == count * 784 else { throw SampleCacheError.wrongSize(file: file, bytes: data.count, expected: count * 784) }
            return data.map { Float($0) / 255 }
        }
        if let prefix = try cachedPrefix(count: count) { return prefix.map { Float($0) / 255 } }
        let bytes = drawnBytes(count: count, reporting: reporting)
        try FileManager.default.createDirectory(atPath: cacheFolder, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: file), options: .atomic)
        return bytes.map { Float($0) / 255 }
    }

    /// `count` freshly drawn images as `count × 784` bytes (`0...255`, the pixels mapped from `range`
    /// and rounded): what `pixels(count:reporting:)` caches, drawn with a generator of `seed` and
    /// never read from or written to the cache (for models that change, such as one in training).
    public func drawnBytes(count: Int, reporting: ([Range<Int>], String) -> any Sequence<Range<Int>> = { batches, _ in batches })
        -> [UInt8] {
        var rng = RandomGenerator(seed: seed)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * 784)
        let batches = stride(from: 0, to: count, by: batchSize).map { $0..<min($0 + batchSize, count) }
        let (lower, span) = (range.lowerBound, range.upperBound - range.lowerBound)
        for batch in reporting(batches, "\(name): \(count) samples") {
            let images = draw(batch.count, &rng)
            precondition(images.scalarCount == batch.count * 784,
                         "SampleSource \(name): drew shape \(images.shape) for \(batch.count) images of 784 pixels")
            bytes += images.scalars.map { UInt8((Swift.min(Swift.max(($0 - lower) / span, 0), 1) * 255).rounded()) }
        }
        return bytes
    }

    /// Floating-point operations of matrix products and convolutions per image (`countingOperations`),
    /// counted on a batch of two images: the same network passes as any batch.
    public func operationsPerSample() -> Int {
        var rng = RandomGenerator(seed: seed)
        return countingOperations { draw(2, &rng) }.operations / 2
    }

    /// The first `count` images of the smallest larger set of this source in the cache, as bytes, or
    /// nil when there is none. They are the images `count` would draw when `count` is a whole number
    /// of batches: the generator, seeded alike, gives the first batches the same draws either way.
    func cachedPrefix(count: Int) throws -> [UInt8]? {
        guard count % batchSize == 0 else { return nil }
        let (head, tail) = try cacheFileParts()
        let files = (try? FileManager.default.contentsOfDirectory(atPath: cacheFolder)) ?? []
        let larger = files.compactMap { file -> Int? in
            guard file.hasPrefix(head), file.hasSuffix(tail), file.count > head.count + tail.count else { return nil }
            return Int(file.dropFirst(head.count).dropLast(tail.count)).flatMap { $0 > count ? $0 : nil }
        }
        guard let size = larger.min(), let data = FileManager.default.contents(atPath: "\(cacheFolder)/\(head)\(size)\(tail)"),
              data.count == size * 784 else { return nil }
        return Array(data.prefix(count * 784))
    }

    /// The cache file for `count` images: name, seed, batch size, count and a hash of the checkpoint.
    func cacheFile(count: Int) throws -> String {
        let (head, tail) = try cacheFileParts()
        return "\(cacheFolder)/\(head)\(count)\(tail)"
    }

    /// The name of a cache file before and after its count.
    private func cacheFileParts() throws -> (head: String, tail: String) {
        let key = try CacheKey(name: name, checkpoint: checkpoint, extension: "u8")
        return ("\(key.head)-seed\(seed)-batch\(batchSize)-", key.tail)
    }
}

/// A cache file (`SampleSource`'s images, `MeasurementCache`'s values) that cannot be used.
public enum SampleCacheError: Error, CustomStringConvertible {
    case missingCheckpoint(String)
    case wrongSize(file: String, bytes: Int, expected: Int)

    public var description: String {
        switch self {
        case .missingCheckpoint(let path): "\(path): no such checkpoint; run the lesson that trains this model first"
        case .wrongSize(let file, let bytes, let expected): "\(file): \(bytes) bytes, expected \(expected); delete the file to make it again"
        }
    }
}
