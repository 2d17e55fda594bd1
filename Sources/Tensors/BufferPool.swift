import Foundation

/// A cache of freed tensor buffers, reused by later tensors of the same size.
///
/// A training loop allocates the same large buffers every step. Returning them to the system
/// and asking again costs a page fault per 4 KB touched (the C allocator serves large requests
/// with fresh pages), which made convolution steps a third slower. Buffers of at least
/// `minimumCount` scalars are kept here instead, up to `limit` scalars in all; smaller ones go
/// straight to the allocator, which keeps them cheap already.
final class BufferPool: @unchecked Sendable {
    /// The pool shared by all tensors.
    static let shared = BufferPool()

    /// Buffers smaller than this (64 KB) are not cached.
    let minimumCount = 1 << 14
    /// The most scalars kept in the cache (256 MB).
    let limit = 1 << 26
    private let lock = NSLock()
    private var buffers: [Int: [UnsafeMutablePointer<Float>]] = [:]
    private var cachedCount = 0

    /// Returns an uninitialised buffer of `count` scalars, reused if one is cached.
    func take(count: Int) -> UnsafeMutablePointer<Float> {
        if count >= minimumCount {
            let reused: UnsafeMutablePointer<Float>? = lock.withLock {
                guard let buffer = buffers[count]?.popLast() else { return nil }
                cachedCount -= count
                return buffer
            }
            if let reused { return reused }
        }
        return .allocate(capacity: Swift.max(count, 1))
    }

    /// Takes back a buffer of `count` scalars obtained from `take(count:)`.
    func give(_ buffer: UnsafeMutablePointer<Float>, count: Int) {
        if count >= minimumCount {
            let kept = lock.withLock {
                guard cachedCount + count <= limit else { return false }
                buffers[count, default: []].append(buffer)
                cachedCount += count
                return true
            }
            if kept { return }
        }
        buffer.deallocate()
    }
}
