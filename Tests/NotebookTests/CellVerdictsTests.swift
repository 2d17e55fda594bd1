import Foundation
import Notebook
import Plumbing
import Testing

/// Each way a lesson program can end, decided from a hand-written transcript.
struct CellVerdictsTests {
    static let lesson = """
        ```swift
        print(1)
        ```

        ```swift expect-error
        fatalError("meant")
        ```

        ```swift
        print(3)
        ```

        ```swift no-run
        print(4)
        ```
        """

    func verdicts(_ build: (inout Transcript) -> Void) throws -> [CellResult] {
        let lesson = try LessonParser.parse(markdown: Self.lesson, path: "Lessons/v.md")
        var transcript = Transcript()
        build(&transcript)
        return CellVerdicts.results(cells: lesson.cells, program: Program(lesson: lesson), transcript: transcript)
    }

    @Test func cleanRunSucceedsAndKeepsEachCellsText() throws {
        let results = try verdicts { transcript in
            transcript.apply(.cellStarted(1), cell: 1)
            transcript.append(Array("1\n".utf8), to: .stdout, cell: 1)
            transcript.apply(.cellStarted(2), cell: 2)
            transcript.append(Array("Fatal error: meant\n".utf8), to: .stderr, cell: 2)
            transcript.apply(.failedAsExpected(cell: 2, reason: ""), cell: 2)
            transcript.apply(.cellStarted(3), cell: 3)
            transcript.apply(.end, cell: 3)
            transcript.end = .exited(code: 0)
        }
        #expect(results.map(\.status) == [.succeeded, .failedAsExpected(message: "Fatal error: meant"), .succeeded, .skipped])
        #expect(results.map(\.ran) == [true, true, true, false])
        #expect(results[0].outputs == [.stdout("1\n")])
        #expect(results[1].outputs == [])
    }

    @Test func exitBeforeTheEndFailsTheRunningCellAndNamesTheCellsThatDidNotRun() throws {
        let results = try verdicts { transcript in
            transcript.apply(.cellStarted(1), cell: 1)
            transcript.end = .exited(code: 0)
        }
        #expect(results[0].status == .failed(message: "cell 1 ended the lesson program (exit status 0) before its end; cells 2 and 3 did not run"))
        #expect(results[2].status == .notRun)
        #expect(!results[2].ran)
    }

    @Test func expectErrorCellThatEndsTheWholeProgramIsAFailure() throws {
        let results = try verdicts { transcript in
            transcript.apply(.cellStarted(1), cell: 1)
            transcript.apply(.cellStarted(2), cell: 2)
            transcript.end = .signaled(SIGKILL)
        }
        #expect(results[1].status == .failed(message: "this expect-error cell ended the whole lesson program (the lesson program was killed (SIGKILL)); cell 3 did not run; an expect-error cell must fail on its own, without ending the program"))
        #expect(results[2].status == .notRun)
    }

    @Test func brokenDisplayChannelFailsTheCellThatBrokeIt() throws {
        let results = try verdicts { transcript in
            transcript.apply(.cellStarted(1), cell: 1)
            transcript.channelError = "the header line 'garbage'"
            transcript.end = .signaled(SIGKILL)
        }
        #expect(results[0].status == .failed(message: "display channel broken in cell 1: the lesson wrote the header line 'garbage' on the runner's descriptors 3 and 4; cells 2 and 3 did not run"))
    }

    @Test func programThatDiesBeforeItsFirstMarkerFailsAtTheFirstCell() throws {
        let results = try verdicts { transcript in
            transcript.append(Array("error while loading shared libraries\n".utf8), to: .stderr, cell: 1)
            transcript.end = .exited(code: 127)
        }
        #expect(results[0].status == .failed(message: "cell 1 ended the lesson program (exit status 127) before its end; cells 2 and 3 did not run"))
        #expect(results[2].status == .notRun)
    }

    @Test func timeLimitFailsTheRunningCell() throws {
        let results = try verdicts { transcript in
            transcript.apply(.cellStarted(1), cell: 1)
            transcript.timedOut = true
            transcript.end = .signaled(SIGKILL)
        }
        #expect(results[0].status == .failed(message: "stopped: the cell ran longer than its time limit of 600 s (timeout=SECONDS raises it); cells 2 and 3 did not run"))
    }
}
