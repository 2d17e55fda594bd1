import DisplayProtocol
import Foundation
import Plumbing

/// Everything a lesson program did, in the order the executor saw it: each cell's text and
/// records, how its `expect-error` cells ended, and how the program itself ended. The seam between
/// the executor, which fills it, and `CellVerdicts`, which decides each cell's status from it.
public struct Transcript: Equatable, Sendable {
    /// One thing a cell wrote: text on a stream, or a record it showed.
    public enum Item: Equatable, Sendable {
        case text(Stream, [UInt8])
        case output(CellOutput)
    }

    /// How an `expect-error` cell's forked run ended.
    public enum ExpectedFailure: Equatable, Sendable {
        /// It failed; `reason` says how when its stderr does not (a time limit).
        case failed(reason: String)
        case succeeded
    }

    /// The two text streams of a program.
    public enum Stream: Equatable, Sendable { case stdout, stderr }

    /// Bytes of text kept per cell; the rest is counted and cut with a note.
    public static let outputLimit = 200_000

    public private(set) var items: [Int: [Item]] = [:]
    public private(set) var droppedBytes: [Int: Int] = [:]
    private var keptBytes: [Int: Int] = [:]
    public private(set) var expectedFailures: [Int: ExpectedFailure] = [:]
    /// The cells that started, in order.
    public private(set) var startedCells: [Int] = []
    /// Whether the program sent its `end` record.
    public private(set) var reachedEnd = false
    /// What was wrong with the display channel, if a cell broke it.
    public var channelError: String?
    /// How the program ended (set once it has).
    public var end: ProcessEnd?
    /// Whether the runner stopped the program at a cell's time limit.
    public var timedOut = false

    /// The cell that runs now: the last one started.
    public var currentCell: Int? { startedCells.last }

    /// Adds text that cell `cell` wrote to `stream`, up to `outputLimit` bytes per cell.
    public mutating func append(_ bytes: [UInt8], to stream: Stream, cell: Int) {
        let kept = keptBytes[cell, default: 0]
        let room = max(0, Self.outputLimit - kept)
        if room < bytes.count { droppedBytes[cell, default: 0] += bytes.count - room }
        guard room > 0 else { return }
        let accepted = Array(bytes.prefix(room))
        keptBytes[cell] = kept + accepted.count
        var cellItems = items[cell] ?? []
        if case .text(let lastStream, let previous)? = cellItems.last, lastStream == stream {
            cellItems[cellItems.count - 1] = .text(stream, previous + accepted)
        } else {
            cellItems.append(.text(stream, accepted))
        }
        items[cell] = cellItems
    }

    /// Records what a display record says about cell `cell` (the running one).
    public mutating func apply(_ record: DisplayRecord, cell: Int) {
        switch record {
        case .cellStarted(let number): startedCells.append(number)
        case .svg(let text): items[cell, default: []].append(.output(.svg(text)))
        case .png(let bytes): items[cell, default: []].append(.output(.png(Data(bytes))))
        case .gif(let bytes): items[cell, default: []].append(.output(.gif(Data(bytes))))
        case .table(let header, let rows): items[cell, default: []].append(.output(.table(header: header, rows: rows)))
        case .progress: break
        case .failedAsExpected(let number, let reason): expectedFailures[number] = .failed(reason: reason)
        case .succeededUnexpectedly(let number): expectedFailures[number] = .succeeded
        case .end: reachedEnd = true
        }
    }

    public init() {}
}
