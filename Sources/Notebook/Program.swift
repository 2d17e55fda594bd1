/// One Swift source for a whole lesson: its runnable cells in order, each preceded by a runtime call
/// that marks the cell's start and a `#sourceLocation` line that points at the Markdown, so that
/// compiler diagnostics and trap messages name the lesson's own lines.
public struct Program: Equatable, Sendable {
    /// The lesson path that `#sourceLocation` names.
    public var lessonPath: String
    /// The generated Swift source.
    public var source: String
    /// The cells the program runs, in order.
    public var runnableCells: [Int]

    /// Plans the program for `lesson`, leaving out `no-run` cells and the cells in `excluded`
    /// (expect-error cells whose compile error has already been recorded).
    public init(lesson: Lesson, excluding excluded: Set<Int> = []) {
        lessonPath = lesson.path
        runnableCells = []
        var source = "import LessonRuntime\nLessonSession.start()\n"
        let file = Program.stringLiteral(lesson.path)
        for cell in lesson.cells where !cell.options.noRun && !excluded.contains(cell.number) {
            runnableCells.append(cell.number)
            source += "LessonSession.beginCell(\(cell.number))\n"
            if cell.options.expectError {
                source += "LessonSession.expectFailure(cell: \(cell.number), timeout: \(cell.options.timeout)) {\n"
            }
            source += "#sourceLocation(file: \(file), line: \(cell.firstLine))\n"
            source += cell.source + "\n"
            source += "#sourceLocation()\n"
            if cell.options.expectError { source += "}\n" }
        }
        source += "LessonSession.finish()\n"
        self.source = source
    }

    private static func stringLiteral(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
