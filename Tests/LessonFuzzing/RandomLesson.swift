/// A random lesson for fuzzing the parser and the program writer, with what a correct runner must
/// make of it: the generator controls the block structure (blocks apart by blank lines, prose
/// lines that start with a word), so it knows every fence's line and fate without parsing.
public struct RandomLesson {
    /// A cell the lesson must have: the Markdown line of its first code line and its code.
    public struct ExpectedCell: Equatable {
        public var firstLine: Int
        public var source: String
    }

    /// The lesson text, with the chosen line endings (and maybe a byte-order mark).
    public var markdown: String
    /// The cells, in order, when the lesson parses.
    public var cells: [ExpectedCell] = []
    /// Fence lines that must be reported as errors (a swift fence in a list, a bad option, an
    /// import in an expect-error cell): when there is one, parsing must fail at one of them.
    public var errorLines: Set<Int> = []
    /// Fence lines of near-miss languages (`Swift`, `swift5`), each warned about.
    public var warningLines: [Int] = []
    /// Whether the text contains U+E000 as typed (otherwise no page may contain one).
    public var typesPrivateUse = false

    private var lines: [String] = []

    /// Generates a lesson from `random`.
    public init(using random: inout SplitMix64) {
        markdown = ""
        lines.append("# " + prose(&random))
        for _ in 0..<random.next(below: 12) {
            lines.append("")
            switch random.next(below: 6) {
            case 0, 1: addParagraph(&random)
            case 2, 3: addFence(&random, prefix: "", nested: false)
            case 4: addIndentedCode(&random)
            default: addNested(&random)
            }
        }
        markdown = joined(&random)
    }

    // MARK: - Blocks

    private mutating func addParagraph(_ random: inout SplitMix64) {
        for _ in 0...random.next(below: 3) { lines.append(prose(&random)) }
    }

    private mutating func addFence(_ random: inout SplitMix64, prefix: String, nested: Bool) {
        let fence = random.pick(["```", "````", "~~~"])
        let info = random.pick(RandomLesson.infoStrings)
        let fenceLine = lines.count + 1
        lines.append(prefix + fence + info)
        var picked: [String] = []
        for _ in 0...random.next(below: 3) {
            let line = random.pick(RandomLesson.codeLines)
            // After an opener the import is no longer at the cell's top level: it would be a syntax
            // error or a comment, and whether that is reported depends on more than the fence.
            let opened = picked.contains { RandomLesson.openers.contains($0) }
            picked.append(line.hasPrefix("import ") && opened ? "print(\"x\")" : line)
        }
        let code = picked.joined(separator: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines += code.map { prefix + $0 }
        lines.append(prefix + fence)

        let words = info.split(separator: " ").map(String.init)
        let language = words.first ?? ""
        if language == "swift" {
            let badOption = words.dropFirst().contains { !RandomLesson.validOptions.contains($0) }
            let importLines = code.indices.filter { code[$0].hasPrefix("import ") }.map { fenceLine + 1 + $0 }
            if nested || badOption {
                errorLines.insert(fenceLine)
            } else if words.contains("expect-error") && !importLines.isEmpty {
                errorLines.formUnion(importLines)
            } else {
                cells.append(ExpectedCell(firstLine: fenceLine + 1, source: code.joined(separator: "\n")))
            }
        } else if language.lowercased().contains("swift") {
            warningLines.append(fenceLine)
        }
    }

    /// A paragraph, a blank line, then an indented code block (which cannot interrupt a
    /// paragraph, and after a list would belong to its item).
    private mutating func addIndentedCode(_ random: inout SplitMix64) {
        lines += [prose(&random), ""]
        for _ in 0...random.next(below: 2) { lines.append("    " + random.pick(["//swift", "```swift", "print(\"leak\")", "let x = $x$", "\\(value) $$"])) }
    }

    private mutating func addNested(_ random: inout SplitMix64) {
        if random.next(below: 2) == 0 {
            lines.append("- " + prose(&random))
            lines.append("")
            addFence(&random, prefix: "  ", nested: true)
        } else {
            lines.append("> " + prose(&random))
            addFence(&random, prefix: "> ", nested: true)
        }
    }

    // MARK: - Text

    static let validOptions: Set<String> = ["hide-code", "hide-output", "no-run", "expect-error", "timeout=3"]
    static let infoStrings = [
        "swift", "swift", "swift", "swift hide-code", "swift no-run", "swift expect-error", "swift timeout=3",
        "swift hide-output expect-error", "swift bogus", "Swift", "SWIFT", "swift5", "swift{.class}", "python", "", "text",
    ]
    static let codeLines = [
        "print(\"x\")", "let value = 1\nprint(\"\\(value)\")", "let s = \"$x$ and \\\\(1)\"", "// $$", "func f() {", "}",
        "/*", "*/", "#if false", "#endif", "let t = \"\"\"", "\"\"\"", "import Foundation", "    indented()",
        "let p = \"\u{E000}0\u{E001}\"", "", "  `` `x` ``", "let price = $5 + $6",
    ]
    static let openers: Set<String> = ["func f() {", "/*", "#if false", "let t = \"\"\"", "\"\"\""]
    static let proseWords = [
        "word", "$x$", "$$", "$$a$$", "\\(", "\\)", "\\[", "\\]", "\\(value)", "$5", "`code $x$`", "[link]($u$)",
        "![alt $a$](p.png)", "<https://x/$a$>", "KATEXMATH0X", "\u{E000}1\u{E001}", "*emph*", "_x_", "|", "\\\\", "$$ (1)", "\\(2\\)", "``",
    ]

    /// A prose line: starts with a word, so it never opens a block of its own.
    private mutating func prose(_ random: inout SplitMix64) -> String {
        var words = ["Text"]
        for _ in 0..<random.next(below: 8) { words.append(random.pick(RandomLesson.proseWords)) }
        let line = words.joined(separator: " ")
        if line.unicodeScalars.contains("\u{E000}") { typesPrivateUse = true }
        return line
    }

    /// The lines with random endings: LF, CRLF, CR or a mix, and sometimes a byte-order mark.
    private mutating func joined(_ random: inout SplitMix64) -> String {
        if lines.contains(where: { $0.unicodeScalars.contains("\u{E000}") }) { typesPrivateUse = true }
        let style = random.next(below: 4)
        var text = random.next(below: 5) == 0 ? "\u{FEFF}" : ""
        var previous = ""
        for line in lines {
            var ending = ["\n", "\r\n", "\r", random.pick(["\n", "\r\n", "\r"])][style]
            // A CR and then an LF read as one CRLF, so an empty line between them must not happen.
            if line.isEmpty, previous == "\r", ending == "\n" { ending = "\r" }
            text += line + ending
            previous = ending
        }
        return text
    }
}

/// A small seeded generator (SplitMix64): the same seed gives the same lessons.
public struct SplitMix64 {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound`.
    public mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }

    public mutating func pick<T>(_ items: [T]) -> T { items[next(below: items.count)] }
}
