import Foundation
import Notebook
import Testing

// Regression tests for what authors and students actually write (issue 11): line endings, fences
// that are not cells, file names. Each input is the minimal one from the issue.

private func parse(_ markdown: String, path: String = "Lessons/t.md") throws -> Lesson {
    try LessonParser.parse(markdown: markdown, path: path)
}

/// The error `markdown` fails to parse with, as printed.
private func parseError(_ markdown: String, path: String = "Lessons/t.md") -> String? {
    do {
        _ = try parse(markdown, path: path)
        return nil
    } catch {
        return "\(error)"
    }
}

private let lfLesson = "# T\n\n```swift\nprint(\"x\")\n```\n"

// MARK: - Line endings

@Test func crlfLessonParsesLikeTheLFOne() throws {
    let lesson = try parse("# T\r\n\r\n```swift\r\nprint(\"x\")\r\n```\r\n")
    #expect(lesson == (try parse(lfLesson)))
    #expect(lesson.cells.map(\.source) == ["print(\"x\")"])
    #expect(lesson.cells.map(\.firstLine) == [4])
}

@Test(arguments: ["# T\r\r```swift\rprint(\"x\")\r```\r", "# T\r\n\n```swift\rprint(\"x\")\n```\r\n"])
func crOnlyAndMixedEndingsParseLikeLF(markdown: String) throws {
    #expect(try parse(markdown) == (try parse(lfLesson)))
}

@Test func byteOrderMarkBeforeAFirstLineFenceStillMakesACell() throws {
    let lesson = try parse("\u{FEFF}```swift\nprint(\"x\")\n```\n")
    #expect(lesson.cells.map(\.source) == ["print(\"x\")"])
    #expect(lesson.cells.map(\.firstLine) == [2])
    #expect(lesson.blocks.count == 1)
}

// MARK: - Code blocks that are not cells

@Test func indentedCodeFirstLineIsNeverAFenceLine() throws {
    let lesson = try parse("Text.\n\n    //swift\n    print(\"leak\")\n")
    #expect(lesson.cells.isEmpty)
    #expect(lesson.blocks.last == .code(language: "", text: "//swift\nprint(\"leak\")"))
}

@Test func indentedCodeKeepsDollarsAsWritten() throws {
    let lesson = try parse("Text.\n\n    let price = $x$ + $y$\n")
    #expect(lesson.blocks.last == .code(language: "", text: "let price = $x$ + $y$"))
}

@Test func swiftFenceInAListIsAnErrorAtItsLine() {
    let error = parseError("- item\n\n  ```swift\n  print(1)\n  ```\n")
    #expect(error?.hasPrefix("Lessons/t.md:3:6: error: a swift cell inside a list or block quote does not run") == true, "\(error ?? "no error")")
}

@Test func swiftFenceInABlockQuoteIsAnErrorAtItsLine() {
    let error = parseError("Intro.\n\n> ```swift\n> print(1)\n> ```\n")
    #expect(error?.hasPrefix("Lessons/t.md:3:6: error: a swift cell inside a list or block quote does not run") == true, "\(error ?? "no error")")
}

@Test(arguments: ["Swift", "SWIFT", "swift5", "swift{.class}"])
func nearMissLanguageIsShownWithAWarningAtItsLine(language: String) throws {
    let lesson = try parse("# T\n\n```\(language)\nprint(1)\n```\n")
    #expect(lesson.cells.isEmpty)
    #expect(lesson.blocks.last == .code(language: language, text: "print(1)"))
    #expect(lesson.warnings.map(\.description) == [
        "Lessons/t.md:3:4: warning: the fence language '\(language)' is not 'swift', so this block is shown but not run; write ```swift to run it (```swift no-run shows Swift without running it)",
    ])
}

@Test func nearMissLanguageInsideAListIsWarnedToo() throws {
    let lesson = try parse("- item\n\n  ```Swift\n  print(1)\n  ```\n")
    #expect(lesson.warnings.map { "\($0.line):\($0.column)" } == ["3:6"])
}

@Test func otherLanguagesGetNoWarning() throws {
    #expect(try parse("```python\nprint(1)\n```\n\n```\nplain\n```\n").warnings.isEmpty)
}

// MARK: - Authoring errors

@Test func expectErrorCellWithAnImportIsAnAuthoringErrorAtTheImport() {
    let error = parseError("# T\n\n```swift expect-error\nimport Foundation\nkill(getpid(), SIGKILL)\n```\n")
    #expect(error == "Lessons/t.md:4:1: error: 'import' is only valid at file scope, and an expect-error cell runs inside a closure; move it to a cell without expect-error")
}

@Test func importInAnOrdinaryCellIsFine() throws {
    #expect(try parse("```swift\nimport Foundation\n```\n").cells.count == 1)
}

@Test func lessonNamedIndexIsRejected() {
    let error = parseError(lfLesson, path: "Lessons/index.md")
    #expect(error == "Lessons/index.md:1: error: a lesson cannot be named 'index': the contents page Output/index.html would overwrite its page; rename the file")
}

// MARK: - The course itself

@Test func everyCourseLessonParsesWithoutWarningsAndEveryCellParsesOnItsOwn() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let folder = root.appendingPathComponent("Lessons")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }.sorted()
    #expect(!names.isEmpty)
    // Lessons cite the course's references, as `lessons build` reads them.
    let bibtex = try String(contentsOf: folder.appendingPathComponent("references.bib"), encoding: .utf8)
    let bibliography = try Bibliography(bibtex: bibtex, path: "Lessons/references.bib")
    for name in names {
        let markdown = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        let lesson = try LessonParser.parse(markdown: markdown, path: "Lessons/\(name)", bibliography: bibliography)
        #expect(lesson.warnings.isEmpty, "\(lesson.warnings)")
        #expect(!lesson.families.isEmpty || CourseBuilder.isDeveloperPage(lesson.slug),
                "\(name): the contents page lists a lesson's model families; add a front matter 'families: ...'")
        let program = Program(lesson: lesson)
        #expect(program.cellsWithSyntaxErrors.isEmpty, "\(program.cellsWithSyntaxErrors.flatMap(\.syntaxErrors))")
        #expect(program.runnableCells.count == lesson.cells.filter { !$0.options.noRun }.count)
    }
}
