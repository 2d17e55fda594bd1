/// One compiler error: `file:line:column: error: message`.
public struct CompilerDiagnostic: Codable, Equatable, Sendable, CustomStringConvertible {
    /// The file as the compiler named it (or relative to a working copy, once made so).
    public var file: String
    /// The 1-based line.
    public var line: Int
    /// The 1-based column.
    public var column: Int
    /// The compiler's message.
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// Reads one line of compiler output in the LLVM style, `file:line:column: error: message`;
    /// `nil` for any other line (warnings, notes, source excerpts).
    public init?(parsing text: Substring) {
        let parts = text.split(separator: ":", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, !parts[0].isEmpty, let line = Int(parts[1]), let column = Int(parts[2]),
              parts[3].trimmingCharacters(in: " ") == "error" else { return nil }
        self.init(file: String(parts[0]), line: line, column: column, message: parts[4].trimmingCharacters(in: " "))
    }

    /// `file:line:column: error: message`, the form editors jump to.
    public var description: String { "\(file):\(line):\(column): error: \(message)" }
}

extension Substring {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        String(drop { $0 == character }.reversed().drop { $0 == character }.reversed())
    }
}
