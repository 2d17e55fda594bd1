import DisplayProtocol
import Foundation
import Plumbing

/// Runs a compiled lesson program as a child process and records what it writes in a `Transcript`.
///
/// The child gets four descriptors: stdout (1) and stderr (2) as pipes, the display channel (3)
/// it writes records to, and the acknowledgement pipe (4) it waits on after each record (see
/// `DisplayRecord`). Before acknowledging a record the executor drains stdout and stderr, so every
/// byte lands in the cell that wrote it. Each cell runs under its own time limit. The program runs
/// inside `ProcessContainment`, so the run ends when the program does, whatever it started.
struct Executor {
    /// The Swift runtime's crash backtracer, on: after a trap it writes the crashed thread's frames,
    /// symbolicated with the lesson's debug information, so that a trap inside the library can name the
    /// lesson line that called it (`CellVerdicts` reads the frame and drops the rest).
    static let backtraceSettings = "enable=yes,interactive=no,color=no,sanitize=no,registers=none,images=none,threads=crashed,timeout=10s"

    /// Seconds an `expect-error` cell gets past its own limit: the program stops such a cell at
    /// its limit itself and goes on; the runner steps in only when that did not work.
    static let expectErrorGrace = 10.0

    let program: Program

    func run(executable: URL, workingDirectory: URL, progress: @escaping @Sendable (ProgressEvent) -> Void) throws -> Transcript {
        let command = try ProcessContainment.commandLine([executable.path], stage: .run)
        let child = try SpawnedProcess(command: command, workingDirectory: workingDirectory.path,
                                       environment: ["LESSON_CHANNEL_FD": "3", "LESSON_ACK_FD": "4", "SWIFT_BACKTRACE": Executor.backtraceSettings])
        var transcript = Transcript()
        var decoder = DisplayRecordDecoder()
        var streamsOpen = [true, true, true]
        var deadline = Date().addingTimeInterval(timeLimit(of: nil))

        while streamsOpen.contains(true) {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 {
                transcript.timedOut = true
                child.kill()
                break
            }
            let ready = child.poll(timeout: remaining, open: streamsOpen)
            drain(child, into: &transcript, open: &streamsOpen, ready: ready)
            guard ready[2] else { continue }
            switch child.read(2) {
            case .bytes(let bytes): decoder.append(bytes)
            case .endOfFile: streamsOpen[2] = false
            case .wouldBlock: break
            }
            do {
                while let record = try decoder.next() {
                    // The child is blocked until acknowledged: whatever sits in stdout and stderr now
                    // was written before this record.
                    drain(child, into: &transcript, open: &streamsOpen, ready: [true, true])
                    transcript.apply(record, cell: currentCell(transcript))
                    switch record {
                    case .cellStarted(let number):
                        progress(.cellStarted(lesson: program.lessonPath, cell: number, of: program.cells.count))
                        deadline = Date().addingTimeInterval(timeLimit(of: number))
                    case .progress(let label, let completed, let total):
                        progress(.loop(lesson: program.lessonPath, label: label, completed: completed, total: total))
                    default: break
                    }
                    child.acknowledge()
                }
            } catch {
                transcript.channelError = "\(error)"
                child.kill()
                break
            }
        }
        drain(child, into: &transcript, open: &streamsOpen, ready: [true, true])
        transcript.end = ProcessContainment.commandEnd(ProcessEnd(waitStatus: child.wait()))
        return transcript
    }

    /// The time limit of cell `number` (the default before the first cell starts).
    private func timeLimit(of number: Int?) -> Double {
        guard let cell = program.cells.first(where: { $0.number == number }) else { return CellOptions.defaultTimeout }
        return cell.options.timeout + (cell.options.expectError ? Self.expectErrorGrace : 0)
    }

    /// Text before the first marker (there is none in a generated program) goes to the first cell.
    private func currentCell(_ transcript: Transcript) -> Int {
        transcript.currentCell ?? program.runnableCells.first ?? 0
    }

    private func drain(_ child: SpawnedProcess, into transcript: inout Transcript, open: inout [Bool], ready: [Bool]) {
        for (index, stream) in [Transcript.Stream.stdout, .stderr].enumerated() where open[index] && ready[index] {
            drainLoop: while true {
                switch child.read(index) {
                case .bytes(let bytes): transcript.append(bytes, to: stream, cell: currentCell(transcript))
                case .endOfFile: open[index] = false; break drainLoop
                case .wouldBlock: break drainLoop
                }
            }
        }
    }
}

/// A message for the terminal while a lesson runs.
public enum ProgressEvent: Sendable {
    case cellStarted(lesson: String, cell: Int, of: Int)
    case loop(lesson: String, label: String, completed: Int, total: Int)
}
