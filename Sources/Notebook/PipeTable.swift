import CCmark
import Foundation

/// GitHub-style pipe tables, which plain cmark parses as paragraphs: a header row, a delimiter row
/// (`|---|:--:|`) and body rows. The lesson parser hands each paragraph's source lines here.
enum PipeTable {
    enum Alignment { case none, left, center, right }

    /// Returns the table's HTML if `lines` form a pipe table, or nil.
    static func html(lines: [String]) -> String? {
        guard lines.count >= 2, lines[0].contains("|"), let alignments = delimiterRow(lines[1]) else { return nil }
        let header = cells(of: lines[0])
        guard header.count == alignments.count else { return nil }
        var html = "<table>\n<thead>\n<tr>"
        for (cell, alignment) in zip(header, alignments) {
            html += "<th\(attribute(alignment))>\(inlineHTML(cell))</th>"
        }
        html += "</tr>\n</thead>\n"
        if lines.count > 2 {
            html += "<tbody>\n"
            for line in lines[2...] {
                var row = cells(of: line)
                row += Array(repeating: "", count: max(0, alignments.count - row.count))
                html += "<tr>"
                for (cell, alignment) in zip(row, alignments) {
                    html += "<td\(attribute(alignment))>\(inlineHTML(cell))</td>"
                }
                html += "</tr>\n"
            }
            html += "</tbody>\n"
        }
        return html + "</table>\n"
    }

    /// The alignments of a delimiter row such as `| :--- | :---: | ---: |`, or nil if it is not one.
    static func delimiterRow(_ line: String) -> [Alignment]? {
        let parts = cells(of: line)
        guard !parts.isEmpty, line.contains("-") else { return nil }
        var alignments: [Alignment] = []
        for part in parts {
            let left = part.hasPrefix(":"), right = part.hasSuffix(":")
            let dashes = part.drop(while: { $0 == ":" }).reversed().drop(while: { $0 == ":" })
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            alignments.append(left && right ? .center : left ? .left : right ? .right : .none)
        }
        return alignments
    }

    /// Splits a row on unescaped pipes, dropping the optional leading and trailing pipe.
    static func cells(of line: String) -> [String] {
        var trimmed = Substring(line.trimmingWhitespace())
        if trimmed.hasPrefix("|") { trimmed = trimmed.dropFirst() }
        if trimmed.hasSuffix("|") && !trimmed.hasSuffix("\\|") { trimmed = trimmed.dropLast() }
        var cells: [String] = []
        var current = ""
        var previous: Character = " "
        var inCode = false
        for character in trimmed {
            if character == "`" { inCode.toggle() }
            if character == "|" && previous != "\\" && !inCode {
                cells.append(current.trimmingWhitespace())
                current = ""
            } else if character == "|" && previous == "\\" {
                current.removeLast()
                current.append("|")
            } else {
                current.append(character)
            }
            previous = character
        }
        cells.append(current.trimmingWhitespace())
        return cells
    }

    private static func attribute(_ alignment: Alignment) -> String {
        switch alignment {
        case .none: ""
        case .left: " style=\"text-align: left\""
        case .center: " style=\"text-align: center\""
        case .right: " style=\"text-align: right\""
        }
    }

    /// A cell's inline Markdown rendered by cmark, without the paragraph around it.
    private static func inlineHTML(_ markdown: String) -> String {
        guard !markdown.isEmpty, let rendered = cmark_markdown_to_html(markdown, markdown.utf8.count, CMARK_OPT_UNSAFE) else {
            return ""
        }
        defer { free(rendered) }
        var html = String(cString: rendered).trimmingWhitespace()
        if html.hasPrefix("<p>") && html.hasSuffix("</p>") {
            html = String(html.dropFirst(3).dropLast(4))
        }
        return html
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        return String(self.drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
