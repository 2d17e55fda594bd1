import Notebook
import Testing

private let lesson = """
    # T

    ```swift
    let first = 1
    let second = 2
    ```

    ```swift no-run
    let skipped = 3
    ```

    ```swift expect-error
    let boom = [Int]()[1]
    ```
    """

/// The 1-based line of the generated source that reads `text`.
private func generatedLine(of text: String, in program: Program) -> Int? {
    program.source.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == text }.map { $0 + 1 }
}

@Test func programMapsGeneratedLinesAndMarkdownLinesToTheirCells() throws {
    let program = Program(lesson: try LessonParser.parse(markdown: lesson, path: "Lessons/t.md"))
    #expect(program.runnableCells == [1, 3])
    #expect(program.cells.map(\.number) == [1, 2, 3])
    #expect(program.cells[1].generatedLines == nil)

    let second = try #require(generatedLine(of: "let second = 2", in: program))
    let boom = try #require(generatedLine(of: "let boom = [Int]()[1]", in: program))
    #expect(program.cell(atGeneratedLine: second)?.number == 1)
    #expect(program.cell(atGeneratedLine: boom)?.number == 3)
    #expect(program.cell(atGeneratedLine: 1) == nil)

    #expect(program.cell(atLessonLine: 5)?.number == 1)
    #expect(program.cell(atLessonLine: 9)?.number == 2)
    #expect(program.cell(atLessonLine: 13)?.number == 3)
    #expect(program.cell(atLessonLine: 7) == nil)
    #expect(program.cell(number: 3)?.options.expectError == true)
}

@Test func excludedCellsStayPlannedButOutOfTheSource() throws {
    let program = Program(lesson: try LessonParser.parse(markdown: lesson, path: "Lessons/t.md"), excluding: [3])
    #expect(program.runnableCells == [1])
    #expect(!program.source.contains("boom"))
    #expect(program.cells.count == 3)
}
