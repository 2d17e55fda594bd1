import Foundation

/// Applies `transform` to every element of `items` on all the machine's cores at once, reporting
/// progress to the runner as the calls finish, and returns the results in the order of `items`.
///
/// For independent experiments too small to keep two cores busy alone, such as the five seeds of
/// a toy GAN: each call must be independent of the others (its own random generator, no shared
/// mutable state), so that the results do not depend on which call finishes first and the page
/// stays the same from run to run.
///
/// ```swift
/// let runs = concurrentMap([0, 1, 2, 3, 4], label: "ring, 5 seeds") { experiment.run(.nonSaturating, seed: $0) }
/// ```
/// If calls throw, the error of the first item (in the order of `items`) that threw is rethrown
/// once every call has ended.
public func concurrentMap<Element, Result>(_ items: [Element], label: String,
                                           _ transform: (Element) throws -> Result) throws -> [Result] {
    let reporter = ConcurrentProgress(label: label, total: items.count)
    var outcomes = [Swift.Result<Result, Error>?](repeating: nil, count: items.count)
    outcomes.withUnsafeMutableBufferPointer { buffer in
        // Each call writes only its own slot of `buffer`, and `transform` must be safe to call
        // concurrently (the function's contract).
        nonisolated(unsafe) let (buffer, transform) = (buffer, transform)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            buffer[index] = Swift.Result { try transform(items[index]) }
            reporter.completeOne()
        }
    }
    return try outcomes.map { outcome in
        guard let outcome else { preconditionFailure("concurrentMap: a call did not run") }
        return try outcome.get()
    }
}

/// Counts finished calls of `concurrentMap` under a lock and reports them, one record at a time.
private final class ConcurrentProgress: @unchecked Sendable {
    private let label: String
    private let total: Int
    private let lock = NSLock()
    private var completed = 0

    init(label: String, total: Int) {
        self.label = label
        self.total = total
        DisplayChannel.send(.progress(label: label, completed: 0, total: total))
    }

    /// Records one finished call and sends the new count to the runner.
    func completeOne() {
        lock.withLock {
            completed += 1
            DisplayChannel.send(.progress(label: label, completed: completed, total: total))
        }
    }
}
