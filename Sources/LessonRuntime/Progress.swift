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
        var lastReport = Date.distantPast

        public mutating func next() -> Base.Element? {
            let now = Date()
            if completed == 0 || completed == total || now.timeIntervalSince(lastReport) > 0.25 {
                DisplayChannel.send(.progress(label: label, completed: completed, total: total))
                lastReport = now
            }
            guard let element = base.next() else { return nil }
            completed += 1
            return element
        }
    }
}
