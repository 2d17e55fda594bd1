/// The info string of a fenced code block, read from the Markdown line that opens it: the
/// language and the option words, each with its 1-based column for error messages.
struct FenceInfo {
    /// One word of the info string and the column (in bytes, as compilers count) where it starts.
    typealias Word = (text: String, column: Int)

    /// The first word: `swift` for a cell.
    var language: Word?
    /// The words after the language.
    var options: [Word]

    /// Reads the fence that starts at byte column `column` of `line` (after any block quote or
    /// list marker): the fence's backticks or tildes, then the words.
    init(line: String, column: Int) {
        let bytes = Array(line.utf8)
        var i = max(0, column - 1)
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") { i += 1 }
        let fence = i < bytes.count ? bytes[i] : UInt8(ascii: "`")
        while i < bytes.count, bytes[i] == fence { i += 1 }
        var words: [Word] = []
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1; continue }
            let start = i
            // A quoted value (`caption="Two moons"`) is one word, spaces and all.
            var quoted = false
            while i < bytes.count, quoted || (bytes[i] != UInt8(ascii: " ") && bytes[i] != UInt8(ascii: "\t")) {
                if bytes[i] == UInt8(ascii: "\"") { quoted.toggle() }
                i += 1
            }
            words.append((String(decoding: bytes[start..<i], as: UTF8.self), start + 1))
        }
        language = words.first
        options = Array(words.dropFirst())
    }

    /// Whether the block is a cell: its language is exactly `swift`.
    var isSwift: Bool { language?.text == "swift" }

    /// Whether the language looks like Swift but is not exactly `swift` (`Swift`, `swift5`,
    /// `swift{.class}`): such a block is shown, not run, and the author is warned.
    var isNearMissSwift: Bool {
        guard let text = language?.text else { return false }
        return !isSwift && text.lowercased().contains("swift")
    }
}
