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
    let parts = min(parallelParts, count)
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

