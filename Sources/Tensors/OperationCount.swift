import Foundation

/// Counts the floating-point operations of the matrix products (and so of dense layers and
/// convolutions, which run as im2col + GEMM) that `body` performs, and returns them with its result.
///
/// A product `[m, k] • [k, n]` counts `2 m n k` operations: one multiply and one add per term,
/// the usual convention. A dense layer on a batch `B` thus counts `2 B · in · out`, a convolution
/// `2 B · C_in k_h k_w · C_out · H_out W_out` (padding zeros included, as GEMM multiplies them).
/// Element-wise work (activations, normalisation, bias additions) is not counted: it is a small
/// share of these models' cost. Products computed on other threads during `body` are counted too,
/// so count one computation at a time.
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

/// The running total behind `countingOperations`; `sgemm` adds to it while a count is open.
/// Counts nest: each returns the operations performed since it began.
final class OperationCounter: @unchecked Sendable {
    static let shared = OperationCounter()
    private let lock = NSLock()
    private var startTotals: [Int] = []
    private var total = 0

    /// Whether any count is open: read without the lock, so products pay nothing when none is.
    private(set) var isCounting = false

    func begin() {
        lock.lock()
        defer { lock.unlock() }
        startTotals.append(total)
        isCounting = true
    }

    /// Closes the innermost count and returns the operations performed since it began.
    func end() -> Int {
        lock.lock()
        defer { lock.unlock() }
        let start = startTotals.removeLast()
        isCounting = !startTotals.isEmpty
        return total - start
    }

    func add(_ operations: Int) {
        lock.lock()
        defer { lock.unlock() }
        total += operations
    }
}
