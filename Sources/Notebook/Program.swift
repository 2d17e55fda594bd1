/// One Swift source for a whole lesson: its runnable cells in order, each preceded by a runtime call
/// that marks the cell's start and a `#sourceLocation` line that points at the Markdown, so that
/// compiler diagnostics and trap messages name the lesson's own lines.
///
/// The seam between the lesson and the stages that compile and run it: a `Program` carries every
/// cell's options and the map between generated lines, Markdown lines and cells, so those stages
/// never look back into the `Lesson`.
public struct Program: Equatable, Sendable {
    /// A cell of the lesson as the program plans it.
    public struct PlannedCell: Equatable, Sendable {
        /// The position among the lesson's cells, from 1.
        public var number: Int
        /// The Markdown lines the cell's code occupies.
        public var lessonLines: ClosedRange<Int>
        /// The lines (from 1) of the generated source that hold the cell's code and its wrapper;
        /// nil when the cell is not in the program (`no-run`, left out, or a syntax error).
        public var generatedLines: ClosedRange<Int>?
        public var options: CellOptions
        /// The cell's own syntax errors, as compiler diagnostics at its Markdown lines; a cell
        /// with any is left out of the program, so it cannot swallow the cells after it.
        public var syntaxErrors: [String] = []
    }

    /// The lesson path that `#sourceLocation` names.
    public var lessonPath: String
    /// The generated Swift source.
    public var source: String
    /// Every cell of the lesson, in order, whether it runs or not.
    public var cells: [PlannedCell]

    /// The numbers of the cells the program runs, in order.
    public var runnableCells: [Int] {
        cells.filter { $0.generatedLines != nil }.map(\.number)
    }

    /// The cells whose code does not parse on its own.
    public var cellsWithSyntaxErrors: [PlannedCell] {
        cells.filter { !$0.syntaxErrors.isEmpty }
    }

    /// Plans the program for `lesson`, leaving out `no-run` cells, the cells in `excluded`
    /// (expect-error cells whose compile error has already been recorded) and cells whose code
    /// does not parse on its own (see `CellSyntax`).
    public init(lesson: Lesson, excluding excluded: Set<Int> = []) {
        lessonPath = lesson.path
        cells = []
        var lines = ["import LessonRuntime", "LessonSession.start()"]
        let file = Program.stringLiteral(lesson.path)
        for cell in lesson.cells {
            var planned = PlannedCell(number: cell.number, lessonLines: cell.lineRange, generatedLines: nil, options: cell.options)
            let wanted = !cell.options.noRun && !excluded.contains(cell.number)
            if wanted {
                planned.syntaxErrors = CellSyntax.errors(in: cell.source, firstLine: cell.firstLine, path: lesson.path)
            }
            if wanted && planned.syntaxErrors.isEmpty {
                let first = lines.count + 1
                lines.append("LessonSession.beginCell(\(cell.number))")
                if cell.options.expectError { lines.append("LessonSession.expectFailure(cell: \(cell.number), timeout: \(cell.options.timeout)) {") }
                lines.append("#sourceLocation(file: \(file), line: \(cell.firstLine))")
                lines += cell.source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                lines.append("#sourceLocation()")
                if cell.options.expectError { lines.append("}") }
                planned.generatedLines = first...lines.count
            }
            cells.append(planned)
        }
        lines.append("LessonSession.finish()")
        source = lines.joined(separator: "\n") + "\n"
    }

    /// The cell whose code occupies Markdown line `line`, if any.
    public func cell(atLessonLine line: Int) -> PlannedCell? {
        cells.first { $0.lessonLines.contains(line) }
    }

    /// The runnable cell whose code or wrapper occupies line `line` of the generated source, if any.
    public func cell(atGeneratedLine line: Int) -> PlannedCell? {
        cells.first { $0.generatedLines?.contains(line) == true }
    }

    /// The cell numbered `number`, if the lesson has one.
    public func cell(number: Int) -> PlannedCell? {
        cells.first { $0.number == number }
    }

    private static func stringLiteral(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
