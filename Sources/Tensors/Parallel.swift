import Foundation

/// The number of parts `parallelForEach` splits work into: the cores this process may use.
let parallelParts = max(1, ProcessInfo.processInfo.activeProcessorCount)

/// Calls `body` on consecutive, disjoint parts of `0..<count`, one part per core (fewer when there
/// are fewer items), in parallel; a single part runs on this thread.
///
/// The parts must write disjoint memory. Results do not depend on how the range is split, so
/// every caller stays deterministic across machines: reductions inside `body` must be over items,
/// never across parts.
func parallelForEach(_ count: Int, _ body: (Range<Int>) -> Void) {
    parallelChunks(count, minimumPart: 1, body)
}

/// `parallelForEach` for elementwise work on `count` scalars: each part gets at least
/// `minimumPart` of them, so that small tensors stay on this thread and do not pay for waking others.
///
/// The same contract: the parts write disjoint memory, and the result does not depend on the split.
public func parallelChunks(_ count: Int, minimumPart: Int = 1 << 15, _ body: (Range<Int>) -> Void) {
    let parts = min(parallelParts, count / max(minimumPart, 1))
    guard parts > 1 else {
        if count > 0 { body(0..<count) }
        return
    }
    // The parts touch disjoint memory (the caller's contract), so sharing `body` is safe.
    nonisolated(unsafe) let body = body
    DispatchQueue.concurrentPerform(iterations: parts) { part in
        body((part * count / parts)..<((part + 1) * count / parts))
    }
}
