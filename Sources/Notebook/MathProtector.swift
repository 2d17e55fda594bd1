import Plumbing

/// Keeps TeX away from Markdown: `$...$`, `$$...$$`, `\(...\)` and `\[...\]` are swapped for
/// placeholders before cmark parses the text, and swapped back (HTML-escaped, inside
/// `<span class="math ...">`) after it renders. Underscores, asterisks, backslashes and the `\\`
/// line breaks of aligned equations therefore reach KaTeX exactly as written.
///
/// A formula lives inside one run of non-blank prose lines: it never crosses a blank line or a
/// line of a code block (`codeLines`, found by parsing the lesson once without protection), so an
/// unclosed `\(` or `$$` stays text and never swallows a cell. Code block lines, inline code spans,
/// link destinations and autolinks are copied verbatim, and `\$` is an escaped dollar, not a
/// delimiter.
///
/// A placeholder is U+E000, the piece's index in decimal, U+E001. Private-use characters typed in
/// the lesson are themselves swapped for placeholders of literal text, so every U+E000 the restore
/// step meets is one of ours. A formula spanning lines leaves an empty placeholder (U+E000 U+E001)
/// on each of its later lines, so cmark's line numbers stay the Markdown's.
struct MathProtector {
    /// What a placeholder stands for.
    enum Piece: Equatable {
        /// TeX between delimiters; `display` for `$$`/`\[`.
        case formula(tex: String, display: Bool)
        /// Text typed in the lesson that looks like a placeholder character.
        case literal(String)
    }

    private(set) var pieces: [Piece] = []

    private static let open: Unicode.Scalar = "\u{E000}"
    private static let close: Unicode.Scalar = "\u{E001}"
    private static let openBytes = Array(String(open).utf8)

    /// The placeholder for piece `index`.
    static func placeholder(_ index: Int) -> String { "\(open)\(index)\(close)" }
    /// The mark left on each later line of a formula that spans lines; it restores to nothing.
    static let lineContinuation = "\(open)\(close)"

    // MARK: - Protecting

    /// Returns `markdown` (LF line endings) with every formula replaced by its placeholder.
    /// - Parameter codeLines: The 1-based lines that belong to code blocks.
    mutating func protect(_ markdown: String, codeLines: Set<Int>) -> String {
        let bytes = Array(markdown.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var segmentStart: Int?
        var lineStart = 0
        var lineNumber = 1
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            let isBlank = bytes[lineStart..<lineEnd].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            if isBlank || codeLines.contains(lineNumber) {
                if let start = segmentStart { protectSegment(bytes, start..<lineStart, into: &output) }
                segmentStart = nil
                appendVerbatim(bytes[lineStart..<min(lineEnd + 1, bytes.count)], to: &output)
            } else if segmentStart == nil {
                segmentStart = lineStart
            }
            lineStart = lineEnd + 1
            lineNumber += 1
        }
        if let start = segmentStart { protectSegment(bytes, start..<bytes.count, into: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    /// Protects the formulas of one run of prose lines, none of which may cross its end.
    private mutating func protectSegment(_ b: [UInt8], _ range: Range<Int>, into output: inout [UInt8]) {
        let end = range.upperBound
        var i = range.lowerBound
        while i < end {
            switch b[i] {
            case UInt8(ascii: "`"):
                let spanEnd = codeSpanEnd(b, from: i, limit: end)
                appendVerbatim(b[i..<spanEnd], to: &output)
                i = spanEnd
            case UInt8(ascii: "\\"):
                if let math = bracketedMath(b, from: i, limit: end) {
                    record(math, source: b[i..<math.end], into: &output)
                    i = math.end
                } else {
                    // An escaped ASCII character stays escaped; anything else is copied on its own.
                    let next = i + 1 < end && b[i + 1] < 0x80 ? i + 2 : i + 1
                    output += b[i..<next]
                    i = next
                }
            case UInt8(ascii: "$"):
                if let math = dollarMath(b, from: i, limit: end) {
                    record(math, source: b[i..<math.end], into: &output)
                    i = math.end
                } else {
                    output.append(b[i])
                    i += 1
                }
            case UInt8(ascii: "<"):
                let autolinkEnd = self.autolinkEnd(b, from: i, limit: end)
                appendVerbatim(b[i..<autolinkEnd], to: &output)
                i = autolinkEnd
            case UInt8(ascii: "]") where i + 1 < end && b[i + 1] == UInt8(ascii: "("):
                let destinationEnd = linkDestinationEnd(b, from: i + 1, limit: end)
                appendVerbatim(b[i..<destinationEnd], to: &output)
                i = destinationEnd
            default:
                let next = startsPrivateUse(b[range], at: i) ? i + MathProtector.openBytes.count : i + 1
                appendVerbatim(b[i..<next], to: &output)
                i = next
            }
        }
    }

    /// Copies `bytes`, swapping each typed U+E000 for a placeholder of literal text.
    private mutating func appendVerbatim(_ bytes: ArraySlice<UInt8>, to output: inout [UInt8]) {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if startsPrivateUse(bytes, at: i) {
                output += Array(add(.literal(String(MathProtector.open))).utf8)
                i += MathProtector.openBytes.count
            } else {
                output.append(bytes[i])
                i += 1
            }
        }
    }

    /// Whether the UTF-8 encoding of U+E000 starts at `i` (slices share their base's indices).
    private func startsPrivateUse(_ b: ArraySlice<UInt8>, at i: Int) -> Bool {
        MathProtector.openBytes.indices.allSatisfy { k in i + k < b.endIndex && b[i + k] == MathProtector.openBytes[k] }
    }

    private mutating func add(_ piece: Piece) -> String {
        pieces.append(piece)
        return MathProtector.placeholder(pieces.count - 1)
    }

    /// Writes a formula's placeholder, plus a continuation mark for each line break in its source.
    private mutating func record(_ math: (tex: String, end: Int, display: Bool), source: ArraySlice<UInt8>, into output: inout [UInt8]) {
        output += Array(add(.formula(tex: math.tex, display: math.display)).utf8)
        for byte in source where byte == UInt8(ascii: "\n") {
            output += Array(("\n" + MathProtector.lineContinuation).utf8)
        }
    }

    // MARK: - Restoring

    /// Replaces the placeholders in rendered HTML: formulas become spans ready for KaTeX, except
    /// inside a tag (an image's `alt`), where they become their escaped TeX. One pass: linear.
    func restore(_ html: String) -> String {
        restore(html) { piece, insideTag in
            switch piece {
            case .formula(let tex, let display):
                insideTag ? escapeHTML(tex) : "<span class=\"math \(display ? "display" : "inline")\">\(escapeHTML(tex))</span>"
            case .literal(let text):
                escapeHTML(text)
            }
        }
    }

    /// Replaces the placeholders with the raw TeX or text, for plain-text contexts such as `<title>`
    /// and code.
    func restorePlain(_ text: String) -> String {
        restore(text) { piece, _ in
            switch piece {
            case .formula(let tex, _): tex
            case .literal(let text): text
            }
        }
    }

    private func restore(_ text: String, replacement: (Piece, Bool) -> String) -> String {
        guard text.unicodeScalars.contains(MathProtector.open) else { return text }
        var result = String.UnicodeScalarView()
        var insideTag = false
        var scalars = text.unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            if scalar == "<" { insideTag = true } else if scalar == ">" { insideTag = false }
            guard scalar == MathProtector.open else { result.append(scalar); continue }
            let digits = scalars.prefix { ("0"..."9").contains($0) }
            scalars = scalars.dropFirst(digits.count)
            guard scalars.first == MathProtector.close else { continue }
            scalars = scalars.dropFirst()
            if let index = Int(String(String.UnicodeScalarView(digits))), pieces.indices.contains(index) {
                result.append(contentsOf: replacement(pieces[index], insideTag).unicodeScalars)
            }
        }
        return String(result)
    }

    // MARK: - Scanning

    /// The end of an inline code span opened by the backtick run at `start`, or the end of the run
    /// when no closing run of the same length follows before `limit`.
    private func codeSpanEnd(_ b: [UInt8], from start: Int, limit: Int) -> Int {
        var runEnd = start
        while runEnd < limit, b[runEnd] == UInt8(ascii: "`") { runEnd += 1 }
        let length = runEnd - start
        var i = runEnd
        while i < limit {
            guard b[i] == UInt8(ascii: "`") else { i += 1; continue }
            var j = i
            while j < limit, b[j] == UInt8(ascii: "`") { j += 1 }
            if j - i == length { return j }
            i = j
        }
        return runEnd
    }

    /// The end of a link destination `(url "title")` opening at `start`, with balanced parentheses,
    /// on the same line; just past `(` when it does not close there.
    private func linkDestinationEnd(_ b: [UInt8], from start: Int, limit: Int) -> Int {
        var depth = 0
        var i = start
        while i < limit, b[i] != UInt8(ascii: "\n") {
            if b[i] == UInt8(ascii: "\\") { i += 2; continue }
            if b[i] == UInt8(ascii: "(") { depth += 1 }
            if b[i] == UInt8(ascii: ")") {
                depth -= 1
                if depth == 0 { return i + 1 }
            }
            i += 1
        }
        return start + 1
    }

    /// The end of an autolink `<scheme:address>` opening at `start` (no spaces, a colon inside),
    /// or just past `<` when there is none.
    private func autolinkEnd(_ b: [UInt8], from start: Int, limit: Int) -> Int {
        var i = start + 1
        var hasColon = false
        while i < limit, b[i] != UInt8(ascii: ">") {
            if b[i] == UInt8(ascii: " ") || b[i] == UInt8(ascii: "\n") || b[i] == UInt8(ascii: "<") { return start + 1 }
            if b[i] == UInt8(ascii: ":") { hasColon = true }
            i += 1
        }
        return i < limit && hasColon ? i + 1 : start + 1
    }

    /// `\( ... \)` or `\[ ... \]` starting at `start`, closing before `limit`.
    private func bracketedMath(_ b: [UInt8], from start: Int, limit: Int) -> (tex: String, end: Int, display: Bool)? {
        guard start + 1 < limit else { return nil }
        let open = b[start + 1]
        let close: UInt8
        switch open {
        case UInt8(ascii: "("): close = UInt8(ascii: ")")
        case UInt8(ascii: "["): close = UInt8(ascii: "]")
        default: return nil
        }
        var i = start + 2
        while i + 1 < limit {
            if b[i] == UInt8(ascii: "\\"), b[i + 1] == close {
                let tex = String(decoding: b[(start + 2)..<i], as: UTF8.self)
                return (tex, i + 2, open == UInt8(ascii: "["))
            }
            i += b[i] == UInt8(ascii: "\\") ? 2 : 1
        }
        return nil
    }

    /// `$$ ... $$` (display, may span lines) or `$...$` (inline: no space just inside the dollars,
    /// no digit just after the closing one) starting at `start`, closing before `limit`.
    private func dollarMath(_ b: [UInt8], from start: Int, limit: Int) -> (tex: String, end: Int, display: Bool)? {
        let isDisplay = start + 1 < limit && b[start + 1] == UInt8(ascii: "$")
        let contentStart = start + (isDisplay ? 2 : 1)
        guard contentStart < limit else { return nil }
        if !isDisplay, b[contentStart] == UInt8(ascii: " ") || b[contentStart] == UInt8(ascii: "\n") { return nil }
        var i = contentStart
        while i < limit {
            let byte = b[i]
            if byte == UInt8(ascii: "\\") { i += 2; continue }
            if byte == UInt8(ascii: "$") {
                if isDisplay {
                    guard i + 1 < limit, b[i + 1] == UInt8(ascii: "$") else { i += 1; continue }
                    return (String(decoding: b[contentStart..<i], as: UTF8.self), i + 2, true)
                }
                let spaceBefore = b[i - 1] == UInt8(ascii: " ")
                let digitAfter = i + 1 < limit && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b[i + 1])
                if spaceBefore || digitAfter || i == contentStart { return nil }
                return (String(decoding: b[contentStart..<i], as: UTF8.self), i + 1, false)
            }
            i += 1
        }
        return nil
    }
}
