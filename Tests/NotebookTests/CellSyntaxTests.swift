import Notebook
import Testing

// One cell's syntax never leaks into the next (issue 11): each cell is parsed on its own, and a
// cell that ends inside a construct is left out of the program with errors at its own lines.

/// A lesson whose second cell (code on lines 8...) is `broken`, between two good cells.
private func lesson(around broken: String) -> String {
    """
    # T

    ```swift
    print("one")
    ```

    ```swift
    \(broken)
    ```

    ```swift
    print("three")
    ```
    """
}

@Test(arguments: [
    ("func f() {\n    print(1)", 8),
    ("/* a comment that never ends\nprint(2)", 8),
    ("#if false\nprint(2)", 8),
    ("let text = \"\"\"\n    never closed", 8),
])
func cellEndingInsideAConstructIsLeftOutWithErrorsAtItsOwnLines(broken: String, firstLine: Int) throws {
    let markdown = lesson(around: broken)
    let program = Program(lesson: try LessonParser.parse(markdown: markdown, path: "Lessons/t.md"))
    #expect(program.runnableCells == [1, 3])
    let errors = try #require(program.cellsWithSyntaxErrors.first { $0.number == 2 }).syntaxErrors
    #expect(!errors.isEmpty)
    let brokenLines = firstLine...(firstLine + broken.split(separator: "\n").count)
    for error in errors {
        let line = Int(error.dropFirst("Lessons/t.md:".count).prefix { $0.isNumber }) ?? 0
        #expect(error.hasPrefix("Lessons/t.md:") && error.contains(": error: ") && brokenLines.contains(line), "\(error)")
    }
    #expect(program.source.contains("print(\"three\")"))
    #expect(!program.source.contains(broken))
}

@Test func cellsThatParseHaveNoSyntaxErrors() throws {
    let markdown = lesson(around: "struct Point { var x = 0.0 }\n@inline(never) func f(_ p: Point) -> Double { p.x }\nprint(f(Point()))")
    let program = Program(lesson: try LessonParser.parse(markdown: markdown, path: "Lessons/t.md"))
    #expect(program.cellsWithSyntaxErrors.isEmpty)
    #expect(program.runnableCells == [1, 2, 3])
}
