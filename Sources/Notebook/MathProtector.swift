import Foundation
import Plumbing

/// Keeps TeX away from Markdown: `$...$`, `$$...$$`, `\(...\)` and `\[...\]` are swapped for plain
/// placeholder words before cmark parses the text, and swapped back (HTML-escaped, inside
/// `<span class="math ...">`) after it renders. Underscores, asterisks, backslashes and the `\\`
/// line breaks of aligned equations therefore reach KaTeX exactly as written.
///
/// Code is left alone: fenced code blocks and inline code spans are copied verbatim, and `\$` is
/// an escaped dollar, not a delimiter.
struct MathProtector {
    /// One formula found in the source.
    struct Formula: Equatable {
        var tex: String
        var display: Bool
    }

    private(set) var formulas: [Formula] = []

    /// The placeholder for formula `index`: a word cmark passes through untouched.
    static func placeholder(_ index: Int) -> String { "KATEXMATH\(index)X" }

    /// Returns `markdown` with every formula replaced by its placeholder.
    mutating func protect(_ markdown: String) -> String {
        let bytes = Array(markdown.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var i = 0
        var atLineStart = true
        while i < bytes.count {
            if atLineStart, let end = fencedBlockEnd(bytes, from: i) {
                output += bytes[i..<end]
                i = end
                continue
            }
            let byte = bytes[i]
            atLineStart = byte == UInt8(ascii: "\n")
            switch byte {
            case UInt8(ascii: "`"):
                let end = codeSpanEnd(bytes, from: i)
                output += bytes[i..<end]
                i = end
            case UInt8(ascii: "\\"):
                if let (tex, end, display) = bracketedMath(bytes, from: i) {
                    output += Array(record(tex, display: display).utf8)
                    i = end
                } else {
                    output += bytes[i..<min(i + 2, bytes.count)]
                    i += 2
                }
            case UInt8(ascii: "$"):
                if let (tex, end, display) = dollarMath(bytes, from: i) {
                    output += Array(record(tex, display: display).utf8)
                    i = end
                } else {
                    output.append(byte)
                    i += 1
                }
            default:
                output.append(byte)
                i += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Replaces the placeholders in rendered HTML with the formulas, ready for KaTeX.
    func restore(_ html: String) -> String {
        guard !formulas.isEmpty, html.contains("KATEXMATH") else { return html }
        var result = html
        // Longest indices first, so that KATEXMATH1X is never replaced inside KATEXMATH11X.
        for index in formulas.indices.reversed() {
            let formula = formulas[index]
            let kind = formula.display ? "display" : "inline"
            let span = "<span class=\"math \(kind)\">\(escapeHTML(formula.tex))</span>"
            result = result.replacingOccurrences(of: MathProtector.placeholder(index), with: span)
        }
        return result
    }

    private mutating func record(_ tex: String, display: Bool) -> String {
        formulas.append(Formula(tex: tex, display: display))
        return MathProtector.placeholder(formulas.count - 1)
    }

    /// If a code fence (up to three spaces, then three or more backticks or tildes) opens at
    /// `start`, returns the index just past its closing fence line (or the end of the text).
    private func fencedBlockEnd(_ b: [UInt8], from start: Int) -> Int? {
        guard let (fenceChar, fenceLength) = fence(b, at: start) else { return nil }
        var lineStart = nextLine(b, from: start)
        while lineStart < b.count {
            if let (char, length) = fence(b, at: lineStart), char == fenceChar, length >= fenceLength {
                return nextLine(b, from: lineStart)
            }
            lineStart = nextLine(b, from: lineStart)
        }
        return b.count
    }

    private func fence(_ b: [UInt8], at start: Int) -> (UInt8, Int)? {
        var i = start
        while i < b.count, b[i] == UInt8(ascii: " "), i - start < 3 { i += 1 }
        guard i < b.count, b[i] == UInt8(ascii: "`") || b[i] == UInt8(ascii: "~") else { return nil }
        let char = b[i]
        var length = 0
        while i < b.count, b[i] == char { i += 1; length += 1 }
        return length >= 3 ? (char, length) : nil
    }

    private func nextLine(_ b: [UInt8], from start: Int) -> Int {
        var i = start
        while i < b.count, b[i] != UInt8(ascii: "\n") { i += 1 }
        return min(i + 1, b.count)
    }

    /// The end of an inline code span opened by the backtick run at `start`, or the end of the run
    /// when no closing run of the same length follows.
    private func codeSpanEnd(_ b: [UInt8], from start: Int) -> Int {
        var runEnd = start
        while runEnd < b.count, b[runEnd] == UInt8(ascii: "`") { runEnd += 1 }
        let length = runEnd - start
        var i = runEnd
        while i < b.count {
            if b[i] == UInt8(ascii: "`") {
                var j = i
                while j < b.count, b[j] == UInt8(ascii: "`") { j += 1 }
                if j - i == length { return j }
                i = j
            } else {
                i += 1
            }
        }
        return runEnd
    }

    /// `\( ... \)` or `\[ ... \]` starting at `start`.
    private func bracketedMath(_ b: [UInt8], from start: Int) -> (String, Int, Bool)? {
        guard start + 1 < b.count else { return nil }
        let open = b[start + 1]
        let close: UInt8
        switch open {
        case UInt8(ascii: "("): close = UInt8(ascii: ")")
        case UInt8(ascii: "["): close = UInt8(ascii: "]")
        default: return nil
        }
        var i = start + 2
        while i + 1 < b.count {
            if b[i] == UInt8(ascii: "\\"), b[i + 1] == close {
                let tex = String(decoding: b[(start + 2)..<i], as: UTF8.self)
                return (tex, i + 2, open == UInt8(ascii: "["))
            }
            i += b[i] == UInt8(ascii: "\\") ? 2 : 1
        }
        return nil
    }

    /// `$$ ... $$` (display, may span lines) or `$...$` (inline: no space just inside the dollars,
    /// no digit just after the closing one, no blank line inside) starting at `start`.
    private func dollarMath(_ b: [UInt8], from start: Int) -> (String, Int, Bool)? {
        let isDisplay = start + 1 < b.count && b[start + 1] == UInt8(ascii: "$")
        let contentStart = start + (isDisplay ? 2 : 1)
        guard contentStart < b.count else { return nil }
        if !isDisplay, b[contentStart] == UInt8(ascii: " ") || b[contentStart] == UInt8(ascii: "\n") { return nil }
        var i = contentStart
        while i < b.count {
            let byte = b[i]
            if byte == UInt8(ascii: "\\") { i += 2; continue }
            if byte == UInt8(ascii: "\n"), i + 1 < b.count, b[i + 1] == UInt8(ascii: "\n") { return nil }
            if byte == UInt8(ascii: "$") {
                if isDisplay {
                    guard i + 1 < b.count, b[i + 1] == UInt8(ascii: "$") else { i += 1; continue }
                    return (String(decoding: b[contentStart..<i], as: UTF8.self), i + 2, true)
                }
                let spaceBefore = b[i - 1] == UInt8(ascii: " ")
                let digitAfter = i + 1 < b.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b[i + 1])
                if spaceBefore || digitAfter || i == contentStart { return nil }
                return (String(decoding: b[contentStart..<i], as: UTF8.self), i + 1, false)
            }
            i += 1
        }
        return nil
    }
}
