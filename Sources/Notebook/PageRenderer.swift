import Foundation
import Plumbing

/// A rendered page: its HTML and the files it refers to (images, animations, large figures),
/// with paths relative to the output folder.
public struct RenderedPage: Equatable, Sendable {
    public var html: String
    public var assets: [(path: String, data: Data)]

    public static func == (a: RenderedPage, b: RenderedPage) -> Bool {
        a.html == b.html && a.assets.map(\.path) == b.assets.map(\.path) && a.assets.map(\.data) == b.assets.map(\.data)
    }
}

/// Links to the neighbouring lessons and to every lesson of the course (the sidebar).
public struct Navigation: Equatable, Sendable {
    public var previous: (slug: String, title: String)?
    public var next: (slug: String, title: String)?
    /// The lessons in the sidebar, in order; the page's own lesson is marked there.
    public var lessons: [LessonLink]

    public init(previous: (slug: String, title: String)? = nil, next: (slug: String, title: String)? = nil,
                lessons: [LessonLink] = []) {
        self.previous = previous
        self.next = next
        self.lessons = lessons
    }

    public static func == (a: Navigation, b: Navigation) -> Bool {
        a.previous?.slug == b.previous?.slug && a.next?.slug == b.next?.slug && a.lessons == b.lessons
    }
}

/// A lesson as the sidebar lists it: its page, title and sections.
public struct LessonLink: Equatable, Sendable {
    public var slug: String
    public var title: String
    public var sections: [Section]

    public init(slug: String, title: String, sections: [Section]) {
        self.slug = slug
        self.title = title
        self.sections = sections
    }

    public init(_ lesson: Lesson) {
        self.init(slug: lesson.slug, title: lesson.title, sections: lesson.sections)
    }
}

/// Renders a lesson and its run into a page: a pure function, checked by golden tests.
public enum PageRenderer {
    /// SVG figures larger than this are written as files rather than inlined.
    public static let inlineSVGLimit = 150_000

    /// Renders `lesson` with the outputs in `result` (nil: the lesson has not run, e.g. a parse error).
    public static func render(_ lesson: Lesson, result: RunResult?, navigation: Navigation = Navigation()) -> RenderedPage {
        var assets: [(path: String, data: Data)] = []
        var body = ""
        for block in lesson.blocks {
            switch block {
            case .prose(let html):
                body += html
            case .code(let language, let text):
                let languageClass = language.isEmpty ? "nohighlight" : "language-\(escapeHTML(language))"
                body += "<pre class=\"code\"><code class=\"\(languageClass)\">\(escapeHTML(text))</code></pre>\n"
            case .cell(let cell):
                body += renderCell(cell, result: result?.cell(cell.number), slug: lesson.slug, assets: &assets)
            }
        }
        let html = PageTemplate.page(lesson: lesson, body: body, navigation: navigation)
        return RenderedPage(html: html, assets: assets)
    }

    private static func renderCell(_ cell: Cell, result: CellResult?, slug: String, assets: inout [(path: String, data: Data)]) -> String {
        var html = "<div class=\"cell\" id=\"cell-\(cell.number)\">\n"
        if !cell.options.hideCode {
            let code = "<pre class=\"cell-code\"><code class=\"language-swift\">\(escapeHTML(cell.displayedSource))</code></pre>\n"
            html += cell.options.fold ? "<details class=\"fold\"><summary>\(escapeHTML(foldSummary(cell)))</summary>\n\(code)</details>\n" : code
        }
        let outputs = cell.options.hideOutput ? [] : (result?.outputs ?? [])
        let caption = cell.figureNumber.map { FigureCaption(number: $0, text: cell.options.caption) }
        if !outputs.isEmpty || caption != nil {
            if caption != nil {
                html += "<figure class=\"cell-figure\"\(cell.options.label.map { " id=\"\(escapeHTML($0))\"" } ?? "")>\n"
            }
            html += "<div class=\"cell-outputs\">\n"
            var counts: [String: Int] = [:]
            for output in outputs {
                html += renderOutput(output, cell: cell.number, slug: slug, caption: caption, counts: &counts, assets: &assets)
            }
            html += "</div>\n"
            if let caption { html += "<figcaption>\(caption.html)</figcaption>\n</figure>\n" }
        }
        html += renderStatus(result?.status ?? .notRun, cell: cell)
        return html + "</div>\n"
    }

    /// The line a folded cell shows closed: its first line when that is a comment, else its size.
    static func foldSummary(_ cell: Cell) -> String {
        let lines = cell.displayedSource.split(separator: "\n")
        if let first = lines.first?.trimmingWhitespace(), first.hasPrefix("//") {
            return first.dropFirst(2).trimmingWhitespace()
        }
        return "Code (\(lines.count) line\(lines.count == 1 ? "" : "s"))"
    }

    /// The `aria-label` of an SVG document's root element, still escaped for an attribute.
    static func accessibleLabel(ofSVG svg: String) -> String? {
        guard let rootEnd = svg.firstIndex(of: ">"),
              let start = svg.range(of: "aria-label=\"", range: svg.startIndex..<rootEnd)?.upperBound,
              let end = svg[start...].firstIndex(of: "\"") else { return nil }
        return String(svg[start..<end])
    }

    private static func renderOutput(_ output: CellOutput, cell: Int, slug: String, caption: FigureCaption?,
                                     counts: inout [String: Int], assets: inout [(path: String, data: Data)]) -> String {
        func assetPath(_ kind: String, _ fileExtension: String) -> String {
            counts[kind, default: 0] += 1
            let number = cell < 10 ? "0\(cell)" : "\(cell)"
            return "\(slug)/cell\(number)-\(kind)\(counts[kind, default: 1]).\(fileExtension)"
        }
        switch output {
        case .stdout(let text):
            return "<pre class=\"output stdout\">\(escapeHTML(text))</pre>\n"
        case .stderr(let text):
            return "<pre class=\"output stderr\">\(escapeHTML(text))</pre>\n"
        case .svg(let svg):
            if svg.utf8.count <= inlineSVGLimit {
                return "<figure class=\"output figure\">\(svg)</figure>\n"
            }
            let path = assetPath("figure", "svg")
            assets.append((path, Data(svg.utf8)))
            let alt = caption.map { escapeHTML($0.plainText) } ?? accessibleLabel(ofSVG: svg) ?? "Figure of cell \(cell)"
            return "<figure class=\"output figure\"><img src=\"\(path)\" alt=\"\(alt)\"></figure>\n"
        case .png(let data):
            let path = assetPath("image", "png")
            assets.append((path, data))
            return "<figure class=\"output image\"><img src=\"\(path)\" alt=\"\(escapeHTML(caption?.plainText ?? "Image \(counts["image", default: 1]) of cell \(cell)"))\"></figure>\n"
        case .gif(let data):
            let path = assetPath("animation", "gif")
            assets.append((path, data))
            return "<figure class=\"output animation\"><img src=\"\(path)\" alt=\"\(escapeHTML(caption?.plainText ?? "Animation \(counts["animation", default: 1]) of cell \(cell)"))\"></figure>\n"
        case .table(let header, let rows):
            var html = "<table class=\"output\">\n<thead><tr>"
            html += header.map { "<th>\(escapeHTML($0))</th>" }.joined()
            html += "</tr></thead>\n<tbody>\n"
            for row in rows {
                html += "<tr>" + row.map { "<td>\(escapeHTML($0))</td>" }.joined() + "</tr>\n"
            }
            return html + "</tbody>\n</table>\n"
        case .note(let text):
            return "<div class=\"output note\">\(escapeHTML(text))</div>\n"
        }
    }

    private static func renderStatus(_ status: CellStatus, cell: Cell) -> String {
        switch status {
        case .succeeded:
            return ""
        case .skipped:
            return "<div class=\"cell-status skipped\">Not run: this cell is marked <code>no-run</code>.</div>\n"
        case .notRun:
            return "<div class=\"cell-status not-run\">Not run: an earlier cell failed.</div>\n"
        case .failedAsExpected(let message):
            return "<div class=\"cell-status expected-error\"><strong>Error, as intended:</strong><pre>\(escapeHTML(message))</pre></div>\n"
        case .failed(let message):
            return "<div class=\"cell-status error\"><strong>Error in cell \(cell.number):</strong><pre>\(escapeHTML(message))</pre></div>\n"
        }
    }
}
