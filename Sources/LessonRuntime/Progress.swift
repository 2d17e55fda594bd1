import Foundation

/// Wraps a sequence so that iterating it reports progress to the runner's terminal: the runner
/// shows a bar with the rate and the time left (a few plain lines on a non-terminal).
///
/// ```swift
/// for step in progress(0..<5000, label: "training") { ... }
/// ```
/// Progress does not appear on the page, which stays the same from run to run.
public func progress<Base: Collection>(_ base: Base, label: String) -> ProgressSequence<Base> {
    ProgressSequence(base: base, label: label)
}

/// A collection's elements, reporting how many have been taken. See `progress(_:label:)`.
public struct ProgressSequence<Base: Collection>: Sequence {
    let base: Base
    let label: String

    public func makeIterator() -> Iterator {
        Iterator(base: base.makeIterator(), label: label, total: base.count)
    }

    public struct Iterator: IteratorProtocol {
        var base: Base.Iterator
        let label: String
        let total: Int
        var completed = 0
        var throttle = ProgressThrottle()

        public mutating func next() -> Base.Element? {
            throttle.report(label: label, completed: completed, total: total)
            guard let element = base.next() else { return nil }
            completed += 1
            return element
        }
    }
}

/// A progress bar for a loop that runs inside the library, such as `CourseModels`' training
/// functions: they call the returned closure with the steps completed so far and the total.
///
/// ```swift
/// let losses = vae.fit(train, epochs: 2, seed: 1, progress: progressReporter(label: "VAE"))
/// ```
public func progressReporter(label: String) -> (_ completed: Int, _ total: Int) -> Void {
    final class State { var throttle = ProgressThrottle() }
    let state = State()
    return { completed, total in state.throttle.report(label: label, completed: completed, total: total) }
}

/// Sends progress to the runner at most four times a second, and always at the start and the end.
struct ProgressThrottle {
    private var lastReport = Date.distantPast

    mutating func report(label: String, completed: Int, total: Int) {
        let now = Date()
        guard completed == 0 || completed == total || now.timeIntervalSince(lastReport) > 0.25 else { return }
        DisplayChannel.send(.progress(label: label, completed: completed, total: total))
        lastReport = now
    }
}
