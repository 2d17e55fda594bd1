/// An error that the user of the runner can cause: a bad Markdown file, a compile error, a lesson
/// that crashes, an unwritable output. It names the file and line, so editors can jump to it.
///
/// Printed as `Lessons/x.md:12:3: error: unknown cell option 'hide-cod'`, followed by any tool output.
public struct RunnerError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The stage of the pipeline that failed.
    public enum Stage: String, Sendable {
        case parse, compile, run, render, io
    }

    public var file: String
    public var line: Int?
    public var column: Int?
    public var stage: Stage
    /// A one-line summary of what went wrong.
    public var summary: String
    /// Tool output that explains the error (compiler diagnostics, for example), if any.
    public var details: String

    public init(file: String, line: Int? = nil, column: Int? = nil, stage: Stage, summary: String, details: String = "") {
        self.file = file
        self.line = line
        self.column = column
        self.stage = stage
        self.summary = summary
        self.details = details
    }

    /// `file:line:column: error: summary`, then the details on the following lines.
    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        let head = "\(location): error: \(summary)"
        return details.isEmpty ? head : head + "\n" + details
    }
}
