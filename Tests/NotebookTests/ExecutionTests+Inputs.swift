import Foundation
import Notebook
import Testing

/// Issue 11's inputs, run for real (in the serialized `ExecutionTests` suite).
extension ExecutionTests {
    @Test func crlfLessonRunsLikeTheLFOne() throws {
        let result = try run("# T\r\n\r\n```swift\r\nprint(\"x\")\r\n```\r\n")
        #expect(result.cells.map(\.status) == [.succeeded])
        #expect(result.cells[0].outputs == [.stdout("x\n")])
    }

    @Test func cellEndingInsideAFunctionFailsAtItsOwnLineAndNothingPassesForRun() throws {
        let markdown = """
            # T

            ```swift
            print("one")
            ```

            ```swift
            func f() {
            ```

            ```swift
            print("three")
            ```
            """
        let result = try run(markdown)
        #expect(result.cells[0].status == .notRun)
        #expect(result.cells[2].status == .notRun)
        guard case .failed(let message) = result.cells[1].status else { Issue.record("cell 2 did not fail"); return }
        #expect(message.hasPrefix("Lessons/t.md:8:"), "\(message)")
        #expect(result.diagnostics.hasPrefix("Lessons/t.md:8:"))
    }

    @Test func unclosedMultiLineStringNeverPutsTheGeneratedProgramOnThePage() throws {
        let markdown = """
            # T

            ```swift
            let text = \"\"\"
              never closed
            ```

            ```swift
            print("after")
            ```
            """
        let result = try run(markdown)
        guard case .failed(let message) = result.cells[0].status else { Issue.record("cell 1 did not fail"); return }
        // The cell's code is on lines 4 and 5; the string runs to its end.
        #expect(message.hasPrefix("Lessons/t.md:4:") || message.hasPrefix("Lessons/t.md:5:"), "\(message)")
        let page = PageRenderer.render(try LessonParser.parse(markdown: markdown, path: "Lessons/t.md"), result: result).html
        #expect(!page.contains("LessonSession") && !page.contains("sourceLocation"))
    }

    @Test func expectErrorCellWithUnbalancedSyntaxFailsAsIntendedAndTheRestRuns() throws {
        let markdown = """
            ```swift
            print("one")
            ```

            ```swift expect-error
            /* a comment that never ends
            ```

            ```swift
            print("three")
            ```
            """
        let result = try run(markdown)
        #expect(result.cells[0].outputs == [.stdout("one\n")])
        #expect(result.cells[2].outputs == [.stdout("three\n")])
        guard case .failedAsExpected(let message) = result.cells[1].status else { Issue.record("cell 2 not as intended"); return }
        #expect(message.hasPrefix("Lessons/t.md:6:"), "\(message)")
    }
}
