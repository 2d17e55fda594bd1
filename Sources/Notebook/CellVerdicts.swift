import Foundation
import Plumbing

/// Decides every cell's status and outputs from a finished transcript: a pure function, so that
/// each way a lesson program can end is a unit test.
public enum CellVerdicts {
    /// The results of `cells` (all of the lesson's, in order) after `program` ran as `transcript` says.
    ///
    /// A program that ends without its `end` record (a trap, a timeout, `exit`, a signal, a broken
    /// display channel) fails at the cell that was running; the later cells did not run. A program
    /// that dies before its first marker fails at its first cell, so a failure is never silent.
    public static func results(cells: [Cell], program: Program, transcript: Transcript) -> [CellResult] {
        let end = transcript.end ?? .exited(code: 0)
        let cleanEnd = transcript.reachedEnd && end.succeeded && transcript.channelError == nil && !transcript.timedOut
        let failingCell = cleanEnd ? nil : (transcript.currentCell ?? program.runnableCells.first)
        let started = Set(transcript.startedCells)
        let context = Context(cells: cells, program: program, transcript: transcript)
        return cells.map { cell in
            var result = CellResult(number: cell.number, status: .succeeded, outputs: context.outputs(of: cell.number),
                                    ran: started.contains(cell.number))
            if cell.options.noRun {
                result.status = .skipped
            } else if !program.runnableCells.contains(cell.number) || !started.contains(cell.number) && failingCell != cell.number {
                result.status = .notRun
            } else if let expected = transcript.expectedFailures[cell.number] {
                result.status = switch expected {
                case .failed(let reason): .failedAsExpected(message: context.errorMessage(of: cell.number, fallback: reason))
                case .succeeded: .failed(message: "this cell is marked expect-error, but it ran without an error")
                }
            } else if cell.number == failingCell {
                result.status = context.failure(of: cell, end: end)
                result.failureLine = context.lessonFrame(of: cell.number)?.line
            } else if let failingCell, cell.number > failingCell {
                result.status = .notRun
            }
            return context.withoutRepeatedMessage(result)
        }
    }

    /// What the status decisions need to look up.
    private struct Context {
        let cells: [Cell]
        let program: Program
        let transcript: Transcript

        /// The status of the cell that was running when the program ended early.
        func failure(of cell: Cell, end: ProcessEnd) -> CellStatus {
            let later = program.runnableCells.filter { $0 > cell.number }
            let laterText = later.isEmpty ? "" : "; \(Self.cellList(later)) did not run"
            let message: String
            if let channelError = transcript.channelError {
                message = "display channel broken in cell \(cell.number): the lesson wrote \(channelError) on the runner's descriptors 3 and 4"
            } else if transcript.timedOut {
                message = "stopped: the cell ran longer than its time limit of \(Self.seconds(cell.options.timeout)) (timeout=SECONDS raises it)"
            } else if case .signaled(let signal) = end, isExternalSignal(signal) {
                message = errorMessage(of: cell.number, fallback: "the lesson program was killed (\(signalName(signal)))")
            } else if case .signaled(let signal) = end {
                // A trap: its message and the lesson line it happened on tell the story, and the
                // later cells show "not run".
                var crash = errorMessage(of: cell.number, fallback: "the lesson crashed (\(signalName(signal)))")
                if let frame = lessonFrame(of: cell.number), !crash.contains("\(program.lessonPath):\(frame.line)") {
                    crash += "\ncalled from \(program.lessonPath):\(frame.line):\(frame.column)"
                }
                guard cell.options.expectError else { return .failed(message: crash) }
                message = crash
            } else {
                message = errorMessage(of: cell.number, fallback: "cell \(cell.number) ended the lesson program (\(end)) before its end")
            }
            guard cell.options.expectError else { return .failed(message: message + laterText) }
            guard !later.isEmpty else { return .failedAsExpected(message: message) }
            return .failed(message: "this expect-error cell ended the whole lesson program (\(message))\(laterText); "
                + "an expect-error cell must fail on its own, without ending the program")
        }

        /// The cell's outputs, with a note where text was cut.
        func outputs(of cell: Int) -> [CellOutput] {
            var outputs: [CellOutput] = (transcript.items[cell] ?? []).map { item in
                switch item {
                case .text(.stdout, let bytes): .stdout(String(decoding: bytes, as: UTF8.self))
                case .text(.stderr, let bytes): .stderr(readableStderr(String(decoding: bytes, as: UTF8.self)))
                case .output(let output): output
                }
            }
            if let dropped = transcript.droppedBytes[cell], dropped > 0 {
                outputs.append(.note("output truncated: \(dropped) more bytes were written than the \(Transcript.outputLimit)-byte limit of a cell"))
            }
            return outputs
        }

        /// Everything the cell wrote to stderr, as written.
        func rawStderr(of cell: Int) -> String {
            (transcript.items[cell] ?? []).compactMap { item -> String? in
                if case .text(.stderr, let bytes) = item { String(decoding: bytes, as: UTF8.self) } else { nil }
            }.joined()
        }

        /// The innermost frame of the cell's crash backtrace that is a line of the lesson (frames
        /// read `... in lesson at Lessons/x.md:14:9`, as the program's `#sourceLocation` names them).
        func lessonFrame(of cell: Int) -> (line: Int, column: Int)? {
            let suffix = " at \(program.lessonPath):"
            for line in rawStderr(of: cell).split(separator: "\n") {
                guard let range = line.range(of: suffix, options: .backwards) else { continue }
                let numbers = line[range.upperBound...].split(separator: ":").compactMap { Int($0) }
                if numbers.count == 2 { return (numbers[0], numbers[1]) }
            }
            return nil
        }

        /// The trap message a cell wrote to stderr ("Fatal error: ..."), or `fallback`.
        func errorMessage(of cell: Int, fallback: String) -> String {
            let stderr = readableStderr(rawStderr(of: cell))
            let markers = ["Fatal error", "Precondition failed", "Assertion failed", "Error:", "error:"]
            let lines = stderr.split(separator: "\n").filter { line in markers.contains { line.contains($0) } }
            if lines.isEmpty { return fallback.isEmpty ? "the cell failed" : fallback }
            return lines.joined(separator: "\n")
        }

        /// Removes from a failed cell's stderr the lines its status box already shows.
        func withoutRepeatedMessage(_ result: CellResult) -> CellResult {
            let message: String
            switch result.status {
            case .failed(let text), .failedAsExpected(let text): message = text
            default: return result
            }
            let shown = Set(message.split(separator: "\n").map(String.init))
            var copy = result
            copy.outputs = result.outputs.compactMap { output in
                guard case .stderr(let text) = output else { return output }
                let kept = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !shown.contains(String($0)) }
                let remaining = kept.joined(separator: "\n")
                return remaining.trimmingWhitespace().isEmpty ? nil : .stderr(remaining)
            }
            return copy
        }

        /// Stderr as a reader wants it: the runtime's crash backtrace removed (its addresses change
        /// from run to run; `lessonFrame(of:)` keeps what matters of it), and trap locations
        /// (`Lesson/03-vae.md:12`, the program's module and file) shown as the lesson's path.
        func readableStderr(_ text: String) -> String {
            var lines: [Substring] = []
            var inBacktrace = false
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("*** Signal ") || line.hasPrefix("*** Program crashed") { inBacktrace = true }
                if inBacktrace {
                    if line.hasPrefix("Backtrace took") { inBacktrace = false }
                    continue
                }
                lines.append(line)
            }
            let fileName = (program.lessonPath as NSString).lastPathComponent
            return lines.joined(separator: "\n").replacingOccurrences(of: "Lesson/\(fileName):", with: "\(program.lessonPath):")
        }

        /// `cell 3`, `cells 3 and 4`, `cells 3, 4 and 5`.
        static func cellList(_ numbers: [Int]) -> String {
            let names = numbers.map(String.init)
            guard names.count > 1 else { return "cell \(names.joined())" }
            return "cells " + names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
        }

        static func seconds(_ value: Double) -> String {
            value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
        }
    }
}
