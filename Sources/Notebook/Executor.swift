import Foundation

/// Runs a compiled lesson program as a child process and splits what it writes into cells.
///
/// The child gets four descriptors: stdout (1) and stderr (2) as pipes, the display channel (3)
/// it writes records to, and the acknowledgement pipe (4) it waits on after each record (see
/// `DisplayChannel` in LessonRuntime for the format). Before acknowledging a record the executor
/// drains stdout and stderr, so every byte lands in the cell that wrote it. Each cell runs under
/// its own time limit; a trap, a timeout or a crash ends the run at that cell and the later cells
/// are "not run". Nothing the child does can stop or hang the executor.
struct Executor {
    /// Bytes of text kept per cell; the rest is counted and cut with a note.
    static let outputLimit = 200_000

    let program: Program

    func run(executable: URL, workingDirectory: URL, progress: @escaping @Sendable (ProgressEvent) -> Void) throws -> [CellResult] {
        let child = try SpawnedProcess(executable: executable.path, workingDirectory: workingDirectory.path,
                                       environment: ["LESSON_CHANNEL_FD": "3", "LESSON_ACK_FD": "4", "SWIFT_BACKTRACE": "enable=no"])
        var collector = OutputCollector(program: program)
        var streamsOpen = [true, true, true]
        var deadline = Date().addingTimeInterval(collector.currentTimeout)
        var timedOut = false

        while streamsOpen.contains(true) {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 {
                timedOut = true
                child.kill()
                break
            }
            let ready = child.poll(timeout: remaining, open: streamsOpen)
            for (index, stream) in [OutputStream.stdout, .stderr].enumerated() where ready[index] {
                switch child.read(index) {
                case .bytes(let bytes): collector.append(bytes, to: stream)
                case .endOfFile: streamsOpen[index] = false
                case .wouldBlock: break
                }
            }
            guard ready[2] else { continue }
            switch child.read(2) {
            case .bytes(let bytes): collector.channelBuffer += bytes
            case .endOfFile: streamsOpen[2] = false
            case .wouldBlock: break
            }
            while let record = collector.takeRecord() {
                // The child is blocked until acknowledged: whatever sits in stdout and stderr now
                // was written before this record.
                drain(child, into: &collector, open: &streamsOpen)
                if collector.handle(record, progress: progress) {
                    deadline = Date().addingTimeInterval(collector.currentTimeout)
                }
                child.acknowledge()
            }
        }
        drain(child, into: &collector, open: &streamsOpen)
        let status = child.wait()
        return collector.finish(exit: status, timedOut: timedOut)
    }

    private func drain(_ child: SpawnedProcess, into collector: inout OutputCollector, open: inout [Bool]) {
        for (index, stream) in [OutputStream.stdout, .stderr].enumerated() where open[index] {
            drainLoop: while true {
                switch child.read(index) {
                case .bytes(let bytes): collector.append(bytes, to: stream)
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

enum OutputStream { case stdout, stderr }
