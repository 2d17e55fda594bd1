import Foundation
import Notebook
import Testing

/// Runs lessons for real: against the release-built library (`swift build -c release` first, as
/// `make test` does).
@Suite(.serialized) struct ExecutionTests {
    let toolchain: Toolchain
    let scratch: URL

    init() throws {
        toolchain = try builtToolchain()
        scratch = try scratchFolder("notebook-tests")
    }

    func run(_ markdown: String, path: String = "Lessons/t.md") throws -> RunResult {
        let lesson = try LessonParser.parse(markdown: markdown, path: path)
        return try LessonRunner(toolchain: toolchain, workDirectory: scratch).run(lesson)
    }

    @Test func cellsShareStateAndOutputsLandInTheirCells() throws {
        let result = try run("""
            ```swift
            import LessonRuntime
            var total = 1
            print("one")
            ```

            ```swift
            total += 41
            print("total", total)
            show(svg: "<svg/>")
            print("after figure")
            ```
            """)
        #expect(result.cells.map(\.status) == [.succeeded, .succeeded])
        #expect(result.cells[0].outputs == [.stdout("one\n")])
        #expect(result.cells[1].outputs == [.stdout("total 42\n"), .svg("<svg/>"), .stdout("after figure\n")])
    }

    @Test func typeErrorMapsToTheExactMarkdownLine() throws {
        let result = try run("""
            # Bad

            ```swift
            let a = 1
            ```

            ```swift
            let b: Int = "text"
            ```
            """, path: "Lessons/bad.md")
        #expect(result.diagnostics.hasPrefix("Lessons/bad.md:8:14: error: cannot convert value of type 'String' to specified type 'Int'"))
        #expect(result.cells[0].status == .notRun)
        guard case .failed(let message) = result.cells[1].status else { Issue.record("cell 2 did not fail"); return }
        #expect(message.contains("Lessons/bad.md:8:14: error:"))
    }

    @Test func trapIsAttributedToItsCellAndLaterCellsDoNotRun() throws {
        let result = try run("""
            ```swift
            print("before")
            ```

            ```swift
            let values = [1, 2, 3]
            let index = values.count + 2
            print(values[index])
            ```

            ```swift
            print("after")
            ```
            """)
        #expect(result.cells[0].status == .succeeded)
        // The trap is in the standard library; the crash backtrace names the lesson line (8, column 13: the subscript).
        #expect(result.cells[1].status == .failed(message: "Swift/ContiguousArrayBuffer.swift:692: Fatal error: Index out of range\n"
                                                  + "called from Lessons/t.md:8:13"))
        #expect(result.cells[1].failureLine == 8)
        #expect(result.cells[2].status == .notRun)
        #expect(result.failed)
    }

    @Test func trapInsideTheLibraryNamesTheLessonLineThatCalledIt() throws {
        let result = try run("""
            ```swift
            import Generative
            let t = Tensor(shape: [2], scalars: [1, 2])
            print(t.shape)
            let wrong = t.reshaped(to: [3])
            ```
            """)
        // Line 5 of the lesson calls `reshaped(to:)`, whose precondition fails inside the library.
        guard case .failed(let message) = result.cells[0].status else { Issue.record("the cell did not fail"); return }
        #expect(message.hasPrefix("Tensors/Tensor+Shape.swift:"))
        #expect(message.contains("Fatal error: reshaped(to:): shape [2] cannot be reshaped to [3]"))
        #expect(message.contains("\ncalled from Lessons/t.md:5:"))
        #expect(result.cells[0].failureLine == 5)
        // The backtrace itself (addresses differ from run to run) is not on the page.
        #expect(!result.cells[0].outputs.contains { output in
            if case .stderr(let text) = output { text.contains("Backtracing") || text.contains("0x0000") } else { false }
        })
    }

    @Test func fatalErrorMessageNamesTheMarkdownLine() throws {
        let result = try run("```swift\nlet x = 1\nif x > 0 { fatalError(\"diverged at step \\(x)\") }\n```\n", path: "Lessons/f.md")
        // Line 1 is the fence, line 2 `let x`, line 3 the fatalError.
    #expect(result.cells[0].status == .failed(message: "Lessons/f.md:3: Fatal error: diverged at step 1"))
    }

    @Test func cellPastItsTimeLimitIsStoppedAndReported() throws {
        let started = Date()
        let result = try run("""
            ```swift
            print("start")
            ```

            ```swift timeout=1
            while true {}
            ```

            ```swift
            print("after")
            ```
            """)
        #expect(Date().timeIntervalSince(started) < 20)
        guard case .failed(let message) = result.cells[1].status else { Issue.record("no timeout"); return }
        #expect(message.contains("time limit of 1 s"))
        #expect(result.cells[2].status == .notRun)
    }

    @Test func expectErrorCellsFailAsIntendedAndTheLessonGoesOn() throws {
        let result = try run("""
            ```swift
            var state = "kept"
            ```

            ```swift expect-error
            let n: Int = "not a number"
            ```

            ```swift expect-error
            state = "changed"
            precondition(state.isEmpty, "shapes [2, 3] and [3, 2] differ")
            ```

            ```swift
            print(state)
            ```
            """)
        guard case .failedAsExpected(let compileError) = result.cells[1].status else { Issue.record("compile error not expected"); return }
        #expect(compileError.contains("error: cannot convert value of type 'String'"))
        guard case .failedAsExpected(let trap) = result.cells[2].status else { Issue.record("trap not expected"); return }
        #expect(trap.contains("Precondition failed: shapes [2, 3] and [3, 2] differ"))
        #expect(result.cells[3].outputs == [.stdout("kept\n")])
        #expect(!result.failed)
    }

    @Test func expectErrorCellThatSucceedsIsAFailure() throws {
        let result = try run("```swift expect-error\nprint(1)\n```\n")
        #expect(result.cells[0].status == .failed(message: "this cell is marked expect-error, but it ran without an error"))
    }

    @Test func endlessOutputIsCutWithANote() throws {
        let result = try run("```swift timeout=60\nfor i in 0..<400_000 { print(\"line \\(i)\") }\n```\n")
        guard case .stdout(let text)? = result.cells[0].outputs.first else { Issue.record("no output"); return }
        #expect(text.utf8.count <= 200_000)
        #expect(result.cells[0].outputs.last.map { if case .note(let note) = $0 { note.contains("output truncated") } else { false } } == true)
        #expect(result.cells[0].status == .succeeded)
    }

    @Test func stdoutAndStderrAreCapturedSeparately() throws {
        let result = try run("```swift\nimport Foundation\nprint(\"out\")\nFileHandle.standardError.write(Data(\"err\\n\".utf8))\n```\n")
        #expect(result.cells[0].outputs == [.stdout("out\n"), .stderr("err\n")])
    }

    @Test func lessonPrintingAFakeRecordCannotForgeOne() throws {
        let result = try run("```swift\nprint(\"svg 6\\n<svg/>\")\n```\n")
        #expect(result.cells[0].outputs == [.stdout("svg 6\n<svg/>\n")])
    }
}
