import Tensors

/// Seeded, shuffled mini-batches of indices `0..<count`, epoch after epoch.
///
/// Epoch `e` is a permutation drawn by Fisher-Yates from a generator derived from `seed` and `e`
/// alone, so the same seed gives the same order on every run and epochs can be replayed in any
/// order. Every index appears exactly once per epoch; the last, shorter batch is kept or dropped.
/// ```swift
/// let batches = MiniBatches(count: train.count, batchSize: 128, seed: 1)
/// for epoch in 0..<5 {
///     for indices in batches.epoch(epoch) { let batch = train.batch(indices) ... }
/// }
/// ```
public struct MiniBatches: Sendable {
    /// The number of examples to draw indices from.
    public let count: Int
    /// The number of indices per batch.
    public let batchSize: Int
    /// Whether the last batch, shorter than `batchSize`, is dropped.
    public let dropsLastPartialBatch: Bool
    /// The seed every epoch's permutation derives from.
    public let seed: UInt64

    /// Creates a batch schedule.
    /// - Precondition: `count >= 0`, `batchSize >= 1`.
    public init(count: Int, batchSize: Int, dropsLastPartialBatch: Bool = false, seed: UInt64) {
        precondition(count >= 0 && batchSize >= 1, "MiniBatches: count \(count) and batchSize \(batchSize) are invalid")
        self.count = count
        self.batchSize = batchSize
        self.dropsLastPartialBatch = dropsLastPartialBatch
        self.seed = seed
    }

    /// The number of batches in one epoch: `⌈count / batchSize⌉`, or `⌊count / batchSize⌋` when dropping.
    public var batchesPerEpoch: Int {
        dropsLastPartialBatch ? count / batchSize : (count + batchSize - 1) / batchSize
    }

    /// The batches of epoch `epoch`, in order.
    /// - Precondition: `epoch >= 0`.
    public func epoch(_ epoch: Int) -> [[Int]] {
        precondition(epoch >= 0, "MiniBatches.epoch: epoch \(epoch) must be non-negative")
        var generator = RandomGenerator(seed: seed)
        var epochGenerator = generator.split()
        for _ in 0..<epoch { epochGenerator = generator.split() }
        let order = Self.shuffledIndices(count, using: &epochGenerator)
        return (0..<batchesPerEpoch).map { b in
            Array(order[(b * batchSize)..<min((b + 1) * batchSize, count)])
        }
    }

    /// The first `steps` batches, epoch after epoch in order: what a training loop of `steps` steps sees.
    /// - Precondition: `steps >= 0`, and the epochs are not empty when `steps > 0`.
    public func first(_ steps: Int) -> [[Int]] {
        precondition(steps >= 0 && (steps == 0 || batchesPerEpoch > 0),
                     "MiniBatches.first: \(steps) steps from epochs of \(batchesPerEpoch) batches")
        guard steps > 0 else { return [] }
        return Array((0...((steps - 1) / batchesPerEpoch)).flatMap { epoch($0) }.prefix(steps))
    }

    /// A uniformly random permutation of `0..<count` (Fisher-Yates).
    public static func shuffledIndices(_ count: Int, using generator: inout RandomGenerator) -> [Int] {
        var order = Array(0..<count)
        for i in stride(from: count - 1, to: 0, by: -1) {
            order.swapAt(i, generator.nextInt(below: i + 1))
        }
        return order
    }
}
