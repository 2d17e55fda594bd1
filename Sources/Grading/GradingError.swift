/// A problem that stops grading or releasing, located at a file and line where there is one.
///
/// Printed as `Sources/Exercises/Lesson01.swift:12: error: ...` so that editors can jump to it,
/// followed by any tool output (for example the compiler's lines).
public struct GradingError: Error, CustomStringConvertible, Sendable {
    /// The file the problem is in, relative to the working copy when it is inside it.
    public var file: String?
    /// The 1-based line in `file`.
    public var line: Int?
    /// One line saying what went wrong.
    public var summary: String
    /// Further lines, for example the compiler's diagnostics or the checks that failed.
    public var details: String

    /// Creates an error at `file:line` (either may be absent).
    public init(file: String? = nil, line: Int? = nil, _ summary: String, details: String = "") {
        self.file = file
        self.line = line
        self.summary = summary
        self.details = details
    }

    /// `file:line: error: summary`, then the details.
    public var description: String {
        var location = ""
        if let file { location = line.map { "\(file):\($0): " } ?? "\(file): " }
        let head = "\(location)error: \(summary)"
        return details.isEmpty ? head : head + "\n" + details
    }
}
