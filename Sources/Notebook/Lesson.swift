/// A parsed lesson: its title, summary and blocks in order. The seam between parsing and the rest.
public struct Lesson: Equatable, Sendable {
    /// The path of the Markdown file as the user named it, e.g. `Lessons/03-vae.md`.
    public var path: String
    /// The file name without extension, e.g. `03-vae`; names the page and its asset folder.
    public var slug: String
    /// The text of the first level-1 heading, or the slug when there is none.
    public var title: String
    /// The first paragraph after the title, as inline HTML (for the index page).
    public var summaryHTML: String
    /// The model families the lesson teaches, from its front matter (`families: GANs, ...`).
    public var families: [String] = []
    public var blocks: [Block]
    /// The level-2 and level-3 headings, in order, for the page's table of contents and the sidebar.
    public var sections: [Section] = []
    /// What the author probably did not mean (a fence in `Swift` rather than `swift`), in order.
    public var warnings: [LessonWarning] = []

    /// The executable cells in order.
    public var cells: [Cell] {
        blocks.compactMap { if case .cell(let cell) = $0 { cell } else { nil } }
    }
}

/// A heading of a lesson, with the anchor the page gives it.
public struct Section: Equatable, Sendable {
    /// 2 for `##`, 3 for `###`.
    public var level: Int
    /// The heading's `id` on the page: its text in lower case, words joined by `-`, unique in the lesson.
    public var anchor: String
    /// The heading's inline HTML (math left for KaTeX).
    public var titleHTML: String
}

/// One part of a lesson page.
public enum Block: Equatable, Sendable {
    /// Markdown rendered to HTML, with math left for KaTeX.
    case prose(html: String)
    /// A fenced block in another language (or a non-executable one): shown, not run.
    case code(language: String, text: String)
    /// A ```` ```swift ```` block that runs.
    case cell(Cell)
}

/// An executable Swift block of a lesson.
public struct Cell: Equatable, Sendable {
    /// The position among the lesson's cells, from 1.
    public var number: Int
    /// The Markdown line of the first line of code (the line after the opening fence).
    public var firstLine: Int
    /// The code as it runs, `// hide` lines included.
    public var source: String
    /// The code as the page shows it: without the lines that end in `// hide`.
    public var displayedSource: String
    public var options: CellOptions
    /// The cell's number among the lesson's figures, when it has a caption or a label.
    public var figureNumber: Int?

    /// The Markdown lines this cell's code occupies.
    public var lineRange: ClosedRange<Int> {
        let count = max(1, source.split(separator: "\n", omittingEmptySubsequences: false).count)
        return firstLine...(firstLine + count - 1)
    }
}

/// A questionable line of a lesson that does not stop it from running, printed like a compiler
/// warning: `Lessons/x.md:12:4: warning: ...`.
public struct LessonWarning: Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public var description: String { "\(file):\(line):\(column): warning: \(message)" }
}
