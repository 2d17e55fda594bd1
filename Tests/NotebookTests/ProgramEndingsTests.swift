import Foundation
import Notebook
import Testing

/// Lessons whose cells end, or try to end, the program: each with the issue's minimal input.
extension ExecutionTests {
    @Test func expectErrorEndlessLoopIsStoppedAtItsLimitAndTheLessonGoesOn() throws {
        let result = try run("""
            ```swift
            var state = "kept"
            ```

            ```swift expect-error timeout=1
            while true {}
            ```

            ```swift
            print(state)
            ```
            """)
        #expect(result.cells[1].status == .failedAsExpected(message: "stopped at its time limit of 1 s"))
        #expect(result.cells[2].outputs == [.stdout("kept\n")])
        #expect(!result.failed)
    }

    @Test func expectErrorKillOfItsProcessGroupEndsOnlyTheCell() throws {
        let result = try run("""
            ```swift
            import Foundation
            ```

            ```swift expect-error
            kill(0, SIGKILL)
            ```

            ```swift
            print("after")
            ```
            """)
        #expect(result.cells[1].status == .failedAsExpected(message: "ended with SIGKILL"))
        #expect(result.cells[2].outputs == [.stdout("after\n")])
        #expect(!result.failed)
    }

    @Test func expectErrorCellThatKillsTheLessonProgramFailsAndSaysWhichCellsDidNotRun() throws {
        let result = try run("""
            ```swift
            import Foundation
            ```

            ```swift expect-error
            kill(getppid(), SIGKILL)
            sleep(5)
            ```

            ```swift
            print("after")
            ```
            """)
        guard case .failed(let message) = result.cells[1].status else { Issue.record("cell 2 did not fail: \(result.cells[1].status)"); return }
        #expect(message.hasPrefix("this expect-error cell ended the whole lesson program"))
        #expect(message.contains("cell 3 did not run"))
        #expect(result.cells[2].status == .notRun)
        #expect(result.failed)
    }

    @Test func exitMidLessonNamesTheCellAndTheCellsThatDidNotRun() throws {
        let result = try run("""
            ```swift
            import Foundation
            print("one")
            ```

            ```swift
            exit(0)
            ```

            ```swift
            print("three")
            ```

            ```swift
            print("four")
            ```
            """)
        #expect(result.cells[1].status == .failed(message: "cell 2 ended the lesson program (exit status 0) before its end; cells 3 and 4 did not run"))
        #expect(result.cells[2].status == .notRun && result.cells[3].status == .notRun)
        #expect(result.failed)
    }

    @Test func writingOnTheDisplayChannelIsABrokenChannelInThatCell() throws {
        let result = try run("""
            ```swift
            import Foundation
            print("one")
            ```

            ```swift
            _ = write(3, "garbage\\n", 8)
            print("wrote")
            ```

            ```swift
            print("three")
            ```
            """)
        guard case .failed(let message) = result.cells[1].status else { Issue.record("cell 2 did not fail"); return }
        #expect(message.hasPrefix("display channel broken in cell 2"))
        #expect(result.cells[2].status == .notRun)
    }

    @Test func closingTheDisplayChannelIsABrokenChannelInThatCell() throws {
        let result = try run("""
            ```swift
            import Foundation
            import LessonRuntime
            ```

            ```swift
            close(3)
            show(svg: "<svg/>")
            ```

            ```swift
            print("three")
            ```
            """)
        guard case .failed(let message) = result.cells[1].status else { Issue.record("cell 2 did not fail"); return }
        #expect(message.contains("display channel broken in cell 2"))
        #expect(result.cells[2].status == .notRun)
    }
}
