import Foundation
import Plumbing

/// Compiles a lesson's program, mapping diagnostics to its cells.
struct Compiler {
    let toolchain: Toolchain

    /// What compiling produced: an executable, or errors keyed by cell.
    struct Outcome {
        var succeeded: Bool
        /// Error lines (`Lessons/x.md:12:3: error: ...` with their notes), in the compiler's order.
        var diagnostics: String
        /// Error text for each cell that has an error, by cell number.
        var errorsByCell: [Int: String]
        /// Whether the compiler was killed from outside (a signal, memory): nothing to do with the lesson.
        var endedByEnvironment = false
    }

    /// Compiles `program` to `executable`, in `workDirectory`, which also takes the compiler's
    /// temporary files. The compiler runs inside `ProcessContainment`, so that no part of it
    /// outlives the runner.
    func compile(_ program: Program, lesson: Lesson, workDirectory: URL, executable: URL) throws -> Outcome {
        let source = workDirectory.appendingPathComponent("main.swift")
        try program.source.write(to: source, atomically: true, encoding: .utf8)
        let command = try ProcessContainment.commandLine([toolchain.swiftc] + toolchain.compileArguments(source: source, executable: executable),
                                                         stage: .compile)
        var result = try ChildProcess.run(command, workingDirectory: toolchain.packageRoot,
                                          environment: ["TMPDIR": workDirectory.path], stage: .compile)
        result.end = ProcessContainment.commandEnd(result.end)
        if result.end.succeeded {
            return Outcome(succeeded: true, diagnostics: "", errorsByCell: [:])
        }
        var outcome = Compiler.mapDiagnostics(result.output, lesson: lesson)
        outcome.endedByEnvironment = Compiler.wasKilled(result)
        return outcome
    }

    /// Whether the compiler, or a process it started, was killed by a signal from outside.
    static func wasKilled(_ result: ChildProcess.Result) -> Bool {
        if case .signaled(let signal) = result.end, isExternalSignal(signal) { return true }
        let killedMarkers = ["due to signal", "unable to execute command"]
        return killedMarkers.contains { result.output.contains($0) }
    }

    /// Groups the compiler's output into one message per error, attributes each to the cell whose
    /// lines contain it, and keeps only errors (with the notes that follow them).
    static func mapDiagnostics(_ output: String, lesson: Lesson) -> Outcome {
        var errorsByCell: [Int: String] = [:]
        var diagnostics: [String] = []
        var current: (cell: Int?, lines: [String])?
        func finish() {
            guard let entry = current else { return }
            let text = entry.lines.joined(separator: "\n")
            diagnostics.append(text)
            let cell = entry.cell ?? lesson.cells.first?.number ?? 0
            errorsByCell[cell, default: ""] += (errorsByCell[cell] == nil ? "" : "\n") + text
            current = nil
        }
        for line in output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if let diagnostic = CompilerDiagnostic(parsing: Substring(line)), diagnostic.file == lesson.path {
                finish()
                let cell = lesson.cells.first { $0.lineRange.contains(diagnostic.line) }?.number
                current = (cell, [line])
            } else if line.contains(": error: ") {
                finish()
                current = (nil, [line])
            } else if current != nil, line.contains(": warning: ") {
                finish()
            } else if current != nil, !line.isEmpty {
                current?.lines.append(line)
            }
        }
        finish()
        if diagnostics.isEmpty {
            diagnostics = [output.trimmingWhitespace()]
            errorsByCell[lesson.cells.first?.number ?? 0] = output.trimmingWhitespace()
        }
        return Outcome(succeeded: false, diagnostics: diagnostics.joined(separator: "\n"), errorsByCell: errorsByCell)
    }
}
