import Foundation
import Testing
import LessonRuntime

@Test func concurrentMapReturnsTheResultsInTheOrderOfTheItems() throws {
    // Later items finish first (shorter sleeps), so finishing order differs from item order.
    let items = Array(0..<12)
    let results = try concurrentMap(items, label: "squares") { item in
        usleep(UInt32((12 - item) * 500))
        return item * item
    }
    #expect(results == items.map { $0 * $0 })
}

@Test func concurrentMapRunsCallsAtTheSameTime() throws {
    // Item 0 waits until item 1 has started: that can only happen if the two run side by side.
    // (The course machine, like CI, has two cores.)
    try #require(ProcessInfo.processInfo.activeProcessorCount >= 2)
    let secondStarted = DispatchSemaphore(value: 0)
    let overlapped = try concurrentMap([0, 1], label: "pair") { item -> Bool in
        if item == 1 { secondStarted.signal(); return true }
        return secondStarted.wait(timeout: .now() + 10) == .success
    }
    #expect(overlapped == [true, true])
}

private struct Failure: Error, Equatable { let item: Int }

@Test func concurrentMapRethrowsTheFirstItemsErrorAfterEveryCallHasRun() {
    let calls = NSLock()
    nonisolated(unsafe) var called: Set<Int> = []
    #expect(throws: Failure(item: 1)) {
        _ = try concurrentMap(Array(0..<6), label: "failing") { item -> Int in
            calls.withLock { _ = called.insert(item) }
            if item == 1 || item == 4 { throw Failure(item: item) }
            return item
        }
    }
    #expect(called == Set(0..<6))
}
