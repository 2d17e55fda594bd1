import Foundation

/// Counts the floating-point operations of the matrix products (and so of dense layers and
/// convolutions, which run as im2col + GEMM) that `body` performs, and returns them with its result.
///
/// A product `[m, k] • [k, n]` counts `2 m n k` operations: one multiply and one add per term,
/// the usual convention. A dense layer on a batch `B` thus counts `2 B · in · out`, a convolution
/// `2 B · C_in k_h k_w · C_out · H_out W_out` (padding zeros included, as GEMM multiplies them).
/// Element-wise work (activations, normalisation, bias additions) is not counted: it is a small
/// share of these models' cost. Only products requested by the calling thread are counted (every
/// layer calls the product routine from its own thread), so computations on other threads, such as
/// tests running in parallel, do not leak into the count.
///
/// ```swift
/// let (output, operations) = countingOperations { model(batch) }
/// ```
public func countingOperations<Result>(_ body: () throws -> Result) rethrows -> (result: Result, operations: Int) {
    OperationCounter.shared.begin()
    let result: Result
    do {
        result = try body()
    } catch {
        _ = OperationCounter.shared.end()
        throw error
    }
    return (result, OperationCounter.shared.end())
}

/// The running totals behind `countingOperations`, one per thread (kept in the thread's
/// dictionary), so counts on different threads never mix; `sgemm` adds to its thread's total while
/// any count is open. Counts nest: each returns the operations performed since it began.
final class OperationCounter: @unchecked Sendable {
    static let shared = OperationCounter()
    private let lock = NSLock()
    private var openCounts = 0
    private static let key = "OperationCounter.state"

    /// Whether any count is open on any thread: read without the lock, so products pay nothing when none is.
    private(set) var isCounting = false

    /// This thread's total and the totals at which its open counts began.
    private final class ThreadState {
        var total = 0
        var starts: [Int] = []
    }

    private var state: ThreadState {
        let dictionary = Thread.current.threadDictionary
        if let state = dictionary[Self.key] as? ThreadState { return state }
        let state = ThreadState()
        dictionary[Self.key] = state
        return state
    }

    func begin() {
        state.starts.append(state.total)
        lock.lock()
        defer { lock.unlock() }
        openCounts += 1
        isCounting = true
    }

    /// Closes this thread's innermost count and returns the operations performed since it began.
    func end() -> Int {
        let state = state
        let start = state.starts.removeLast()
        lock.lock()
        defer { lock.unlock() }
        openCounts -= 1
        isCounting = openCounts > 0
        return state.total - start
    }

    func add(_ operations: Int) {
        let state = state
        if !state.starts.isEmpty { state.total += operations }
    }
}
