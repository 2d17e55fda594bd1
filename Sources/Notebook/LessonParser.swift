import CCmark
import Foundation

/// Parses a lesson's Markdown with cmark into a `Lesson`: ```` ```swift ```` fences become cells,
/// other fences stay code, everything else is prose rendered to HTML (math protected, pipe tables
/// rendered on top of cmark's paragraphs).
public enum LessonParser {
    /// Parses `markdown`, read from `path`.
    /// - Throws: `RunnerError` at the fence's line and column for an unknown cell option.
    public static func parse(markdown: String, path: String) throws -> Lesson {
        var math = MathProtector()
        let protected = math.protect(markdown)
        let lines = protected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let document = cmark_parse_document(protected, protected.utf8.count, CMARK_OPT_UNSAFE) else {
            throw RunnerError(file: path, stage: .parse, summary: "cmark could not parse the file")
        }
        defer { cmark_node_free(document) }

        var builder = Builder(path: path, lines: lines, math: math)
        var node = cmark_node_first_child(document)
        while let current = node {
            try builder.add(current)
            node = cmark_node_next(current)
        }
        builder.flushProse()
        let slug = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return Lesson(path: path, slug: slug, title: builder.title ?? slug,
                      summaryHTML: builder.summaryHTML ?? "", blocks: builder.blocks)
    }

    /// Walks the top-level nodes, gathering prose until a code block interrupts it.
    private struct Builder {
        let path: String
        let lines: [String]
        let math: MathProtector
        var blocks: [Block] = []
        var pendingProse = ""
        var title: String?
        var summaryHTML: String?
        var cellCount = 0

        init(path: String, lines: [String], math: MathProtector) {
            self.path = path
            self.lines = lines
            self.math = math
        }

        mutating func add(_ node: OpaquePointer) throws {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_CODE_BLOCK:
                flushProse()
                try addCode(node)
            case CMARK_NODE_HEADING where title == nil && cmark_node_get_heading_level(node) == 1:
                title = math.restorePlain(plainText(of: node))
                pendingProse += render(node)
            case CMARK_NODE_PARAGRAPH:
                let first = Int(cmark_node_get_start_line(node)), last = Int(cmark_node_get_end_line(node))
                if let table = PipeTable.html(lines: Array(lines[(first - 1)..<min(last, lines.count)])) {
                    pendingProse += table
                } else {
                    let html = render(node)
                    if summaryHTML == nil && title != nil { summaryHTML = paragraphContent(html) }
                    pendingProse += html
                }
            default:
                pendingProse += render(node)
            }
        }

        mutating func flushProse() {
            guard !pendingProse.isEmpty else { return }
            blocks.append(.prose(html: math.restore(pendingProse)))
            pendingProse = ""
        }

        private mutating func addCode(_ node: OpaquePointer) throws {
            let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            let text = literal.hasSuffix("\n") ? String(literal.dropLast()) : literal
            let fenceLine = Int(cmark_node_get_start_line(node))
            let words = infoWords(fenceLine: fenceLine)
            guard words.first?.text == "swift" else {
                blocks.append(.code(language: words.first?.text ?? "", text: text))
                return
            }
            let options = try CellOptions(words: Array(words.dropFirst()), file: path, line: fenceLine)
            cellCount += 1
            let shown = text.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.trimmingWhitespace().hasSuffix("// hide") }
                .joined(separator: "\n")
            blocks.append(.cell(Cell(number: cellCount, firstLine: fenceLine + 1, source: text,
                                     displayedSource: shown, options: options)))
        }

        /// The words of the fence's info string with their 1-based columns in the source line.
        private func infoWords(fenceLine: Int) -> [(text: String, column: Int)] {
            guard fenceLine - 1 < lines.count else { return [] }
            let characters = Array(lines[fenceLine - 1])
            var i = 0
            while i < characters.count, characters[i] == " " { i += 1 }
            let fenceCharacter = i < characters.count ? characters[i] : "`"
            while i < characters.count, characters[i] == fenceCharacter { i += 1 }
            var words: [(text: String, column: Int)] = []
            while i < characters.count {
                if characters[i] == " " || characters[i] == "\t" { i += 1; continue }
                let start = i
                while i < characters.count, characters[i] != " ", characters[i] != "\t" { i += 1 }
                words.append((String(characters[start..<i]), start + 1))
            }
            return words
        }

        private func render(_ node: OpaquePointer) -> String {
            guard let html = cmark_render_html(node, CMARK_OPT_UNSAFE) else { return "" }
            defer { free(html) }
            return String(cString: html)
        }

        private func paragraphContent(_ html: String) -> String {
            var content = html.trimmingWhitespace()
            if content.hasPrefix("<p>") && content.hasSuffix("</p>") { content = String(content.dropFirst(3).dropLast(4)) }
            return math.restore(content)
        }

        /// The text of a node's descendants, soft breaks as spaces.
        private func plainText(of node: OpaquePointer) -> String {
            var text = ""
            guard let iterator = cmark_iter_new(node) else { return text }
            defer { cmark_iter_free(iterator) }
            while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
                guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else { continue }
                switch cmark_node_get_type(current) {
                case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                    text += cmark_node_get_literal(current).map { String(cString: $0) } ?? ""
                case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                    text += " "
                default: break
                }
            }
            return text
        }
    }
}

extension MathProtector {
    /// Replaces placeholders with the raw TeX, for plain-text contexts such as `<title>`.
    func restorePlain(_ text: String) -> String {
        var result = text
        for index in formulas.indices.reversed() {
            result = result.replacingOccurrences(of: MathProtector.placeholder(index), with: formulas[index].tex)
        }
        return result
    }
}
