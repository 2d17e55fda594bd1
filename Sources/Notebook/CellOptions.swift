/// The options of a cell, written after `swift` in the fence's info string:
/// ```` ```swift hide-code timeout=30 ````.
public struct CellOptions: Equatable, Hashable, Sendable {
    /// Run the cell, show only its output.
    public var hideCode = false
    /// Run the cell, show only its code.
    public var hideOutput = false
    /// Show the cell, do not run it.
    public var noRun = false
    /// Show the code closed, behind a one-line summary (for helper code); the output stays open.
    public var fold = false
    /// The caption under the cell's outputs, which makes them a numbered figure:
    /// `caption="Samples of the trained GAN"`.
    public var caption: String?
    /// The name cross-references use for the cell's figure: `label=fig-samples`, cited `[](#fig-samples)`.
    public var label: String?
    /// The cell must fail (compile error or trap); its error is shown as intended.
    public var expectError = false
    /// Seconds the cell may run before it is stopped.
    public var timeout: Double = CellOptions.defaultTimeout

    /// Ten minutes: a generous bound for a training cell on two cores.
    public static let defaultTimeout: Double = 600

    /// Every option a fence may carry, for error messages.
    public static let validOptions = ["hide-code", "hide-output", "no-run", "expect-error", "timeout=SECONDS", "fold",
                                      "caption=\"TEXT\"", "label=NAME"]

    public init() {}

    /// Parses the words after `swift`; throws at the word's own column for an unknown option.
    ///
    /// - Parameters:
    ///   - words: The info string's words after the language, with their 1-based columns.
    ///   - file: The lesson path, for the error.
    ///   - line: The fence's line, for the error.
    public init(words: [(text: String, column: Int)], file: String, line: Int) throws {
        for (word, column) in words {
            switch word {
            case "hide-code": hideCode = true
            case "hide-output": hideOutput = true
            case "fold": fold = true
            case "no-run": noRun = true
            case "expect-error": expectError = true
            default:
                if word.hasPrefix("timeout="), let seconds = Double(word.dropFirst("timeout=".count)), seconds > 0 {
                    timeout = seconds
                } else if word.hasPrefix("caption=") {
                    let value = word.dropFirst("caption=".count)
                    guard value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") else {
                        throw RunnerError(file: file, line: line, column: column, stage: .parse,
                                          summary: "a caption is written in double quotes: caption=\"Samples after training\"")
                    }
                    caption = String(value.dropFirst().dropLast())
                } else if word.hasPrefix("label="), case let name = word.dropFirst("label=".count),
                          !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
                    label = String(name)
                } else {
                    let valid = CellOptions.validOptions.joined(separator: ", ")
                    throw RunnerError(file: file, line: line, column: column, stage: .parse,
                                      summary: "unknown cell option '\(word)'; valid options are: \(valid)")
                }
            }
        }
    }
}
