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
    func compile(_ program: Program, workDirectory: URL, executable: URL) throws -> Outcome {
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
        var outcome = Compiler.mapDiagnostics(result.output, program: program)
        outcome.endedByEnvironment = Compiler.wasKilled(result)
        return outcome
    }

    /// Whether the compiler, or a process it started, was killed by a signal from outside.
    static func wasKilled(_ result: ChildProcess.Result) -> Bool {
        if case .signaled(let signal) = result.end, isExternalSignal(signal) { return true }
        let killedMarkers = ["due to signal", "unable to execute command"]
        return killedMarkers.contains { result.output.contains($0) }
    }

    /// The outcome of a program with cells whose code does not parse on their own, as if the
    /// compiler had reported their errors; nil when every cell parses.
    static func syntaxOutcome(of program: Program) -> Outcome? {
        let broken = program.cellsWithSyntaxErrors
        guard !broken.isEmpty else { return nil }
        var errorsByCell: [Int: String] = [:]
        for cell in broken { errorsByCell[cell.number] = cell.syntaxErrors.joined(separator: "\n") }
        return Outcome(succeeded: false, diagnostics: broken.flatMap(\.syntaxErrors).joined(separator: "\n"), errorsByCell: errorsByCell)
    }

    /// Groups the compiler's output into one message per error, attributes each to the cell whose
    /// lines contain it, and keeps only errors (with the notes that follow them). An error in the
    /// code the runner writes around a cell is shown at the cell's first line, without the
    /// generated code the compiler quotes.
    static func mapDiagnostics(_ output: String, program: Program) -> Outcome {
        var errorsByCell: [Int: String] = [:]
        var diagnostics: [String] = []
        var current: (cell: Int?, lines: [String], quotesGeneratedCode: Bool)?
        func finish() {
            guard let entry = current else { return }
            let text = entry.lines.joined(separator: "\n")
            diagnostics.append(text)
            let cell = entry.cell ?? program.runnableCells.first ?? 0
            errorsByCell[cell, default: ""] += (errorsByCell[cell] == nil ? "" : "\n") + text
            current = nil
        }
        for line in output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if let location = errorLocation(line, path: program.lessonPath) {
                finish()
                let cell = program.cell(atLessonLine: location)?.number
                current = (cell, [line], false)
            } else if let (generatedLine, message) = generatedErrorLocation(line) {
                finish()
                let cell = program.cell(atGeneratedLine: generatedLine)
                let location = cell.map { "\(program.lessonPath):\($0.lessonLines.lowerBound)" } ?? program.lessonPath
                let around = cell.map { " (in the code the runner writes around cell \($0.number))" } ?? " (in the code the runner writes)"
                current = (cell?.number, ["\(location): error: \(message)\(around)"], true)
            } else if line.contains(": error: ") {
                finish()
                current = (nil, [line], false)
            } else if current != nil, line.contains(": warning: ") {
                finish()
            } else if current?.quotesGeneratedCode == false, !line.isEmpty {
                current?.lines.append(line)
            }
        }
        finish()
        if diagnostics.isEmpty {
            diagnostics = [output.trimmingWhitespace()]
            errorsByCell[program.runnableCells.first ?? 0] = output.trimmingWhitespace()
        }
        return Outcome(succeeded: false, diagnostics: diagnostics.joined(separator: "\n"), errorsByCell: errorsByCell)
    }

    /// The generated line and message of an `error:` diagnostic in the program's own `main.swift`.
    private static func generatedErrorLocation(_ line: String) -> (Int, String)? {
        guard let file = line.range(of: "main.swift:"), let marker = line.range(of: ": error: ") else { return nil }
        let number = line[file.upperBound...].prefix { $0.isNumber }
        return Int(number).map { ($0, String(line[marker.upperBound...])) }
    }

    /// The Markdown line of an `error:` diagnostic in the lesson, if `line` is one.
    private static func errorLocation(_ line: String, path: String) -> Int? {
        guard line.hasPrefix(path + ":"), line.contains(": error: ") else { return nil }
        let rest = line.dropFirst(path.count + 1)
        return Int(rest.prefix { $0.isNumber })
    }
}
