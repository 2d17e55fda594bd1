/// Rewrites the lesson locations in a run result (`Lessons/x.md:42:7` in a diagnostic or a trap
/// message) between the lesson's lines and positions relative to their cell, so that a cached
/// result stays right when prose above a cell moves it.
///
/// An anchored location reads `Lessons/x.md:\u{1}3+2\u{1}:7`: line 2 of cell 3's code, counted from 0.
struct LessonLocations {
    let lesson: Lesson

    private static let delimiter: Character = "\u{1}"

    /// The result with every lesson line inside a cell written relative to that cell.
    func anchored(_ result: RunResult) -> RunResult {
        rewritingText(of: result) { text in
            rewriteLines(in: text) { line in
                guard let number = Int(line), let cell = lesson.cells.first(where: { $0.lineRange.contains(number) }) else { return nil }
                return "\(Self.delimiter)\(cell.number)+\(number - cell.firstLine)\(Self.delimiter)"
            }
        }
    }

    /// The result with every anchored location turned back into a line of the lesson as it is now.
    func resolved(_ result: RunResult) -> RunResult {
        rewritingText(of: result) { text in
            rewriteLines(in: text) { anchor in
                guard anchor.first == Self.delimiter, anchor.last == Self.delimiter else { return nil }
                let parts = anchor.dropFirst().dropLast().split(separator: "+")
                guard parts.count == 2, let number = Int(parts[0]), let offset = Int(parts[1]),
                      let cell = lesson.cells.first(where: { $0.number == number }) else { return nil }
                return "\(cell.firstLine + offset)"
            }
        }
    }

    /// Replaces what follows each `path:` in `text` (a line number, or an anchor) by `replacement(it)`
    /// when that gives one.
    private func rewriteLines(in text: String, _ replacement: (String) -> String?) -> String {
        let prefix = lesson.path + ":"
        guard text.contains(prefix) else { return text }
        var output = ""
        var rest = Substring(text)
        while let range = rest.range(of: prefix) {
            output += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            let token: Substring
            if rest.first == Self.delimiter, let close = rest.dropFirst().firstIndex(of: Self.delimiter) {
                token = rest[...close]
            } else {
                token = rest.prefix { $0.isASCII && $0.isNumber }
            }
            if !token.isEmpty, let replaced = replacement(String(token)) {
                output += replaced
                rest = rest[token.endIndex...]
            }
        }
        return output + rest
    }

    private func rewritingText(of result: RunResult, _ rewrite: (String) -> String) -> RunResult {
        var copy = result
        copy.diagnostics = rewrite(result.diagnostics)
        copy.cells = result.cells.map { cell in
            var cell = cell
            cell.status = switch cell.status {
            case .failed(let message): .failed(message: rewrite(message))
            case .failedAsExpected(let message): .failedAsExpected(message: rewrite(message))
            default: cell.status
            }
            cell.outputs = cell.outputs.map { output in
                switch output {
                case .stdout(let text): .stdout(rewrite(text))
                case .stderr(let text): .stderr(rewrite(text))
                case .note(let text): .note(rewrite(text))
                default: output
                }
            }
            return cell
        }
        return copy
    }
}
