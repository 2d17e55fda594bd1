import Foundation

/// What running a lesson produced, cell by cell. The seam between executing and rendering; it is
/// what the cache stores.
public struct RunResult: Codable, Equatable, Sendable {
    public var cells: [CellResult]
    /// Compiler diagnostics mapped to the lesson, printed by the command line.
    public var diagnostics: String
    /// Seconds spent compiling and running.
    public var seconds: Double
    /// Whether something outside the lesson cut the run short (the compiler or the program killed
    /// by a signal the runner did not send): such a result says nothing about the lesson and is
    /// never cached.
    public var endedByEnvironment: Bool

    /// Whether any cell failed (an expected failure is not a failure).
    public var failed: Bool { cells.contains { $0.status.isFailure } }

    public init(cells: [CellResult], diagnostics: String = "", seconds: Double = 0, endedByEnvironment: Bool = false) {
        self.cells = cells
        self.diagnostics = diagnostics
        self.seconds = seconds
        self.endedByEnvironment = endedByEnvironment
    }

    /// The result of cell `number`, if it has one.
    public func cell(_ number: Int) -> CellResult? { cells.first { $0.number == number } }
}

/// The outcome and outputs of one cell.
public struct CellResult: Codable, Equatable, Sendable {
    public var number: Int
    public var status: CellStatus
    public var outputs: [CellOutput]
    /// Whether the cell started running (a cell that failed to compile, or came after a failure, did not).
    public var ran: Bool
    /// For a cell that crashed: the lesson line it was running when it did (the innermost frame of
    /// the crash's backtrace that is a line of the lesson, even when the trap was inside the library).
    public var failureLine: Int?

    public init(number: Int, status: CellStatus, outputs: [CellOutput] = [], ran: Bool = false) {
        self.number = number
        self.status = status
        self.outputs = outputs
        self.ran = ran
    }
}

/// How a cell ended.
public enum CellStatus: Codable, Equatable, Sendable {
    case succeeded
    /// `no-run`: shown, never executed.
    case skipped
    /// An earlier cell failed, so this one did not run.
    case notRun
    /// An `expect-error` cell that failed, as intended; the message is its error.
    case failedAsExpected(message: String)
    /// The cell did not compile, trapped, timed out, or was meant to fail and did not.
    case failed(message: String)

    public var isFailure: Bool {
        if case .failed = self { true } else { false }
    }
}

/// One thing a cell showed, in the order it was written.
public enum CellOutput: Codable, Equatable, Sendable {
    case stdout(String)
    case stderr(String)
    case svg(String)
    case png(Data)
    case gif(Data)
    case table(header: [String], rows: [[String]])
    /// A remark by the runner, such as "output truncated".
    case note(String)
}
