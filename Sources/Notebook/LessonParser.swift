import CCmark
import Foundation

/// Parses a lesson's Markdown with cmark into a `Lesson`: ```` ```swift ```` fences become cells,
/// other fences stay code, everything else is prose rendered to HTML (math protected, pipe tables
/// rendered on top of cmark's paragraphs).
public enum LessonParser {
    /// Parses `markdown`, read from `path`. Line endings may be LF, CRLF or CR, mixed, and the
    /// text may start with a UTF-8 byte-order mark: all read as LF, with the same line numbers.
    /// - Throws: `RunnerError` at the fence's line and column for an unknown cell option or a
    ///   ```` ```swift ```` fence inside a list or block quote; at the declaration for a file-scope
    ///   declaration (`import`) in an `expect-error` cell; at line 1 for a lesson named `index`.
    ///   An unknown citation key or cross-reference label is an error at its line; so is a bad
    ///   line of the front matter (`FrontMatter`).
    /// - Parameter bibliography: The course's references, for citations (`[@key]`).
    public static func parse(markdown: String, path: String, bibliography: Bibliography? = nil) throws -> Lesson {
        let slug = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        guard slug != "index" else {
            throw RunnerError(file: path, line: 1, stage: .parse,
                              summary: "a lesson cannot be named 'index': the contents page Output/index.html would overwrite its page; rename the file")
        }
        let (frontMatter, text) = try FrontMatter.split(normalizedLineEndings(markdown), path: path)
        let sourceLines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var math = MathProtector()
        let protected = math.protect(text, codeLines: try codeBlockLines(of: text, path: path))
        let document = try parseDocument(protected, path: path)
        defer { cmark_node_free(document) }

        var builder = Builder(path: path, sourceLines: sourceLines,
                              lines: protected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), math: math)
        try builder.checkNestedCodeBlocks(in: document)
        var node = cmark_node_first_child(document)
        while let current = node {
            try builder.add(current)
            node = cmark_node_next(current)
        }
        builder.flushProse()
        var citations = Citations(bibliography: bibliography)
        var blocks = try builder.blocks.map { block -> Block in
            guard case .prose(let html) = block else { return block }
            let referenced = try builder.references.resolve(html, path: path, sourceLines: sourceLines)
            return .prose(html: try citations.resolve(referenced, path: path, sourceLines: sourceLines))
        }
        var sections = builder.sections
        if !citations.cited.isEmpty {
            let anchor = builder.anchors.anchor(for: "References")
            blocks.append(.prose(html: citations.referenceList(anchor: anchor)))
            sections.append(Section(level: 2, anchor: anchor, titleHTML: "References"))
        }
        var lesson = Lesson(path: path, slug: slug, title: builder.title ?? slug,
                            summaryHTML: builder.summaryHTML ?? "", families: frontMatter.families, blocks: blocks,
                            sections: sections)
        lesson.warnings = builder.warnings.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
        return lesson
    }

    /// `text` with its byte-order mark removed and CRLF and CR line endings turned into LF; each
    /// line ending stays one line ending, so line numbers do not move.
    static func normalizedLineEndings(_ text: String) -> String {
        var bytes = Array(text.utf8)[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard bytes.contains(UInt8(ascii: "\r")) || bytes.startIndex > 0 else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == UInt8(ascii: "\r") {
                output.append(UInt8(ascii: "\n"))
            } else if !(byte == UInt8(ascii: "\n") && previous == UInt8(ascii: "\r")) {
                output.append(byte)
            }
            previous = byte
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The lines of every code block (fenced or indented, at any depth), from a parse of the text
    /// as written: math protection leaves them alone.
    private static func codeBlockLines(of text: String, path: String) throws -> Set<Int> {
        let document = try parseDocument(text, path: path)
        defer { cmark_node_free(document) }
        var lines: Set<Int> = []
        forEachNode(in: document) { node in
            guard cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK else { return }
            let first = Int(cmark_node_get_start_line(node)), last = Int(cmark_node_get_end_line(node))
            if first <= last { lines.formUnion(first...last) }
        }
        return lines
    }

    private static func parseDocument(_ text: String, path: String) throws -> OpaquePointer {
        guard let document = cmark_parse_document(text, text.utf8.count, CMARK_OPT_UNSAFE) else {
            throw RunnerError(file: path, stage: .parse, summary: "cmark could not parse the file")
        }
        return document
    }

    /// Calls `body` with every node under `root`, in document order.
    fileprivate static func forEachNode(in root: OpaquePointer, _ body: (OpaquePointer) throws -> Void) rethrows {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            try body(node)
        }
    }

    /// Walks the top-level nodes, gathering prose until a code block interrupts it.
    private struct Builder {
        let path: String
        /// The lesson's lines as written (LF endings), for fence info strings.
        let sourceLines: [String]
        /// The lines with math protected, as cmark parsed them, for pipe tables.
        let lines: [String]
        let math: MathProtector
        var blocks: [Block] = []
        var warnings: [LessonWarning] = []
        var pendingProse = ""
        var title: String?
        var summaryHTML: String?
        var sections: [Section] = []
        var anchors = HeadingAnchors()
        var references = CrossReferences()
        var cellCount = 0
        var figureCount = 0

        init(path: String, sourceLines: [String], lines: [String], math: MathProtector) {
            self.path = path
            self.sourceLines = sourceLines
            self.lines = lines
            self.math = math
        }

        /// Rejects ```` ```swift ```` fences inside lists and block quotes: they would render
        /// inside the list's HTML with no place for outputs, so they do not run, and a cell that
        /// silently does not run is worse than an error. Warns about near-miss languages there.
        mutating func checkNestedCodeBlocks(in document: OpaquePointer) throws {
            try LessonParser.forEachNode(in: document) { node in
                guard cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK, cmark_node_parent(node) != document,
                      let info = fenceInfo(of: node) else { return }
                let line = Int(cmark_node_get_start_line(node))
                if info.isSwift {
                    throw RunnerError(file: path, line: line, column: info.language?.column, stage: .parse,
                                      summary: "a swift cell inside a list or block quote does not run; move its fence to the start of a line, outside the list or quote")
                }
                warnIfNearMiss(info, line: line)
            }
        }

        mutating func add(_ node: OpaquePointer) throws {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_CODE_BLOCK:
                flushProse()
                try addCode(node)
            case CMARK_NODE_HEADING:
                addHeading(node)
            case CMARK_NODE_BLOCK_QUOTE:
                if let admonition = admonition(of: node) {
                    pendingProse += admonition.html(wrapping: render(node))
                } else {
                    pendingProse += render(node)
                }
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

        /// A heading with its anchor; the first level-1 heading is the title, levels 2 and 3 are sections.
        private mutating func addHeading(_ node: OpaquePointer) {
            let level = Int(cmark_node_get_heading_level(node))
            let text = math.restorePlain(plainText(of: node))
            if title == nil && level == 1 { title = text }
            var inner = render(node).trimmingWhitespace()
            if inner.hasPrefix("<h\(level)>") && inner.hasSuffix("</h\(level)>") { inner = String(inner.dropFirst(4).dropLast(5)) }
            let anchor = anchors.anchor(for: text)
            if level == 2 || level == 3 {
                sections.append(Section(level: level, anchor: anchor, titleHTML: math.restore(inner)))
                _ = references.define(anchor, as: math.restore(inner))
            }
            pendingProse += HeadingAnchors.headingHTML(level: level, anchor: anchor, innerHTML: inner)
        }

        /// The box a block quote becomes, from the bold text that opens its first paragraph.
        private func admonition(of node: OpaquePointer) -> Admonition? {
            guard let paragraph = cmark_node_first_child(node), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
                  let strong = cmark_node_first_child(paragraph), cmark_node_get_type(strong) == CMARK_NODE_STRONG else { return nil }
            return Admonition(label: math.restorePlain(plainText(of: strong)))
        }

        mutating func flushProse() {
            guard !pendingProse.isEmpty else { return }
            blocks.append(.prose(html: math.restore(pendingProse)))
            pendingProse = ""
        }

        private mutating func addCode(_ node: OpaquePointer) throws {
            let literal = math.restorePlain(cmark_node_get_literal(node).map { String(cString: $0) } ?? "")
            let text = literal.hasSuffix("\n") ? String(literal.dropLast()) : literal
            let fenceLine = Int(cmark_node_get_start_line(node))
            let info = fenceInfo(of: node)
            guard let info, info.isSwift else {
                if let info { warnIfNearMiss(info, line: fenceLine) }
                blocks.append(.code(language: info?.language?.text ?? "", text: text))
                return
            }
            let options = try CellOptions(words: info.options, file: path, line: fenceLine)
            if options.expectError, let declaration = CellSyntax.fileScopeDeclarations(in: text).first {
                // The runner wraps an expect-error cell in a closure to catch its failure; the
                // compiler's complaint about the wrapper must not pass for the intended error.
                throw RunnerError(file: path, line: fenceLine + declaration.line, column: declaration.column, stage: .parse,
                                  summary: "'\(declaration.keyword)' is only valid at file scope, and an expect-error cell runs inside a closure; move it to a cell without expect-error")
            }
            cellCount += 1
            var figureNumber: Int?
            if options.caption != nil || options.label != nil {
                figureCount += 1
                figureNumber = figureCount
                if let label = options.label, !references.define(label, as: "Figure \(figureCount)") {
                    throw RunnerError(file: path, line: fenceLine, column: info.language?.column, stage: .parse,
                                      summary: "the label '\(label)' is already used in this lesson; labels name one figure or section")
                }
            }
            let shown = text.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.trimmingWhitespace().hasSuffix("// hide") }
                .joined(separator: "\n")
            blocks.append(.cell(Cell(number: cellCount, firstLine: fenceLine + 1, source: text,
                                     displayedSource: shown, options: options, figureNumber: figureNumber)))
        }

        /// The info string of a fenced code block; nil for an indented block or a bare fence.
        private func fenceInfo(of node: OpaquePointer) -> FenceInfo? {
            guard let info = cmark_node_get_fence_info(node), info.pointee != 0 else { return nil }
            let line = Int(cmark_node_get_start_line(node))
            guard sourceLines.indices.contains(line - 1) else { return nil }
            return FenceInfo(line: sourceLines[line - 1], column: Int(cmark_node_get_start_column(node)))
        }

        private mutating func warnIfNearMiss(_ info: FenceInfo, line: Int) {
            guard info.isNearMissSwift, let language = info.language else { return }
            warnings.append(LessonWarning(file: path, line: line, column: language.column,
                                          message: "the fence language '\(language.text)' is not 'swift', so this block is shown but not run; write ```swift to run it (```swift no-run shows Swift without running it)"))
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
            LessonParser.forEachNode(in: node) { current in
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
