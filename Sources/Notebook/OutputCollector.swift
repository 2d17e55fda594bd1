import Foundation

/// Gathers a running lesson's text and records into cells, then decides each cell's status.
struct OutputCollector {
    /// One record from the display channel.
    struct Record {
        var kind: String
        var payload: [UInt8]
    }

    private enum Item {
        case text(OutputStream, [UInt8])
        case output(CellOutput)
    }

    let program: Program
    var channelBuffer: [UInt8] = []
    private var items: [Int: [Item]] = [:]
    private var keptBytes: [Int: Int] = [:]
    private var droppedBytes: [Int: Int] = [:]
    private var statuses: [Int: CellStatus] = [:]
    private var currentCell: Int?
    private var finished = false

    init(program: Program) {
        self.program = program
    }

    /// The time limit of the running cell.
    var currentTimeout: Double {
        currentCell.flatMap { program.cell(number: $0)?.options.timeout }
            ?? CellOptions.defaultTimeout
    }

    /// Text before the first marker (there is none in a generated program) goes to the first cell.
    private var targetCell: Int { currentCell ?? program.runnableCells.first ?? 0 }

    mutating func append(_ bytes: [UInt8], to stream: OutputStream) {
        let cell = targetCell
        let kept = keptBytes[cell, default: 0]
        let room = max(0, Executor.outputLimit - kept)
        if room < bytes.count { droppedBytes[cell, default: 0] += bytes.count - room }
        guard room > 0 else { return }
        let accepted = Array(bytes.prefix(room))
        keptBytes[cell] = kept + accepted.count
        var cellItems = items[cell] ?? []
        if case .text(let lastStream, let previous)? = cellItems.last, lastStream == stream {
            cellItems[cellItems.count - 1] = .text(stream, previous + accepted)
        } else {
            cellItems.append(.text(stream, accepted))
        }
        items[cell] = cellItems
    }

    /// Takes one complete record off the front of the channel buffer.
    mutating func takeRecord() -> Record? {
        guard let newline = channelBuffer.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let header = String(decoding: channelBuffer[..<newline], as: UTF8.self).split(separator: " ")
        guard header.count == 2, let length = Int(header[1]) else {
            channelBuffer.removeAll()
            return nil
        }
        let start = newline + 1
        guard channelBuffer.count - start >= length else { return nil }
        let record = Record(kind: String(header[0]), payload: Array(channelBuffer[start..<(start + length)]))
        channelBuffer.removeFirst(start + length)
        return record
    }

    /// Acts on a record; returns true when a new cell started (its time limit starts then).
    mutating func handle(_ record: Record, progress: (ProgressEvent) -> Void) -> Bool {
        let text = String(decoding: record.payload, as: UTF8.self)
        switch record.kind {
        case "cell":
            guard let number = Int(text) else { return false }
            currentCell = number
            progress(.cellStarted(lesson: program.lessonPath, cell: number, of: program.cells.count))
            return true
        case "svg": items[targetCell, default: []].append(.output(.svg(text)))
        case "png": items[targetCell, default: []].append(.output(.png(Data(record.payload))))
        case "gif": items[targetCell, default: []].append(.output(.gif(Data(record.payload))))
        case "table":
            if let object = try? JSONSerialization.jsonObject(with: Data(record.payload)) as? [String: [[String]]],
               let header = object["header"]?.first, let rows = object["rows"] {
                items[targetCell, default: []].append(.output(.table(header: header, rows: rows)))
            }
        case "progress":
            let parts = text.split(separator: "\t", omittingEmptySubsequences: false)
            if parts.count == 3, let completed = Int(parts[1]), let total = Int(parts[2]) {
                progress(.loop(lesson: program.lessonPath, label: String(parts[0]), completed: completed, total: total))
            }
        case "failed-as-expected":
            if let number = Int(text) { statuses[number] = .failedAsExpected(message: errorMessage(of: number)) }
        case "succeeded-unexpectedly":
            if let number = Int(text) {
                statuses[number] = .failed(message: "this cell is marked expect-error, but it ran without an error")
            }
        case "end": finished = true
        default: break
        }
        return false
    }

    /// Builds every cell's result once the child has ended with wait status `exit`.
    func finish(exit: Int32, timedOut: Bool) -> [CellResult] {
        let signal = exit & 0x7f
        let exitCode = (exit >> 8) & 0xff
        let cleanEnd = finished && signal == 0 && exitCode == 0
        // A program that dies before its first marker (a library that fails to load, say) fails
        // at its first cell, so the failure is never silent.
        let failingCell = cleanEnd ? nil : (currentCell ?? program.runnableCells.first)
        var reachedFailure = false
        return program.cells.map { cell in
            var result = CellResult(number: cell.number, status: .succeeded, outputs: outputs(of: cell.number))
            if cell.options.noRun {
                result.status = .skipped
            } else if !program.runnableCells.contains(cell.number) {
                result.status = .notRun
            } else if reachedFailure {
                result.status = .notRun
            } else if let recorded = statuses[cell.number] {
                result.status = recorded
            } else if cell.number == failingCell {
                reachedFailure = true
                let message: String
                if timedOut {
                    message = "stopped: the cell ran longer than its time limit of \(Self.seconds(cell.options.timeout)) (timeout=SECONDS raises it)"
                } else if signal != 0 {
                    message = errorMessage(of: cell.number, fallback: "the lesson crashed (\(Self.signalName(signal)))")
                } else {
                    message = errorMessage(of: cell.number, fallback: "the lesson exited with status \(exitCode)")
                }
                result.status = cell.options.expectError ? .failedAsExpected(message: message) : .failed(message: message)
            } else if let failingCell, cell.number > failingCell {
                result.status = .notRun
            }
            return withoutRepeatedMessage(result)
        }
    }

    /// Removes from a failed cell's stderr the lines its status box already shows.
    private func withoutRepeatedMessage(_ result: CellResult) -> CellResult {
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


    /// The cell's outputs, with a note where text was cut.
    private func outputs(of cell: Int) -> [CellOutput] {
        var outputs: [CellOutput] = (items[cell] ?? []).map { item in
            switch item {
            case .text(.stdout, let bytes): .stdout(String(decoding: bytes, as: UTF8.self))
            case .text(.stderr, let bytes): .stderr(readableStderr(String(decoding: bytes, as: UTF8.self)))
            case .output(let output): output
            }
        }
        if let dropped = droppedBytes[cell], dropped > 0 {
            outputs.append(.note("output truncated: \(dropped) more bytes were written than the \(Executor.outputLimit)-byte limit of a cell"))
        }
        return outputs
    }

    /// The trap message a cell wrote to stderr ("Fatal error: ..."), or `fallback`.
    private func errorMessage(of cell: Int, fallback: String = "the cell failed") -> String {
        let stderr = (items[cell] ?? []).compactMap { item -> String? in
            if case .text(.stderr, let bytes) = item { readableStderr(String(decoding: bytes, as: UTF8.self)) } else { nil }
        }.joined()
        let markers = ["Fatal error", "Precondition failed", "Assertion failed", "Error:", "error:"]
        let lines = stderr.split(separator: "\n").filter { line in markers.contains { line.contains($0) } }
        return lines.isEmpty ? fallback : lines.joined(separator: "\n")
    }

    /// Stderr as a reader wants it: the runtime's raw stack dump after a trap removed, and trap
    /// locations (`Lesson/03-vae.md:12`, the program's module and file) shown as the lesson's path.
    private func readableStderr(_ text: String) -> String {
        var lines: [Substring] = []
        var inStackDump = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "Current stack trace:" { inStackDump = true; continue }
            if inStackDump, line.first?.isNumber == true || line.isEmpty { continue }
            inStackDump = false
            lines.append(line)
        }
        let fileName = (program.lessonPath as NSString).lastPathComponent
        return lines.joined(separator: "\n").replacingOccurrences(of: "Lesson/\(fileName):", with: "\(program.lessonPath):")
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    private static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGILL: "SIGILL, a Swift runtime trap"
        case SIGTRAP: "SIGTRAP, a Swift runtime trap"
        case SIGSEGV: "SIGSEGV, a bad memory access"
        case SIGABRT: "SIGABRT, abort"
        case SIGFPE: "SIGFPE, an arithmetic error"
        case SIGKILL: "SIGKILL"
        default: "signal \(signal)"
        }
    }
}
