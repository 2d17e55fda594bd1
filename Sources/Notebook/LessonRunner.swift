import Foundation
import Plumbing

/// Compiles and runs one lesson: the `execute` stage, the only one that touches `swiftc`, the file
/// system and child processes.
public struct LessonRunner: Sendable {
    public let toolchain: Toolchain
    /// A scratch folder for generated sources and executables.
    public let workDirectory: URL

    public init(toolchain: Toolchain, workDirectory: URL) {
        self.toolchain = toolchain
        self.workDirectory = workDirectory
    }

    /// Runs `lesson` and returns every cell's result. A compile error marks its cells failed and the
    /// rest "not run"; an `expect-error` cell that does not compile keeps its diagnostic as its
    /// intended error and the lesson is compiled again without it. In the student edition, the cells
    /// that need an unfinished exercise fail with its message and stay out of the program (see
    /// `UnfinishedExercises`), so the lesson still compiles and runs once.
    public func run(_ lesson: Lesson, progress: @escaping @Sendable (ProgressEvent) -> Void = { _ in }) throws -> RunResult {
        let started = Date()
        let scratch = try ScratchFolder(in: workDirectory, name: "\(lesson.slug)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        defer { scratch.remove() }
        let executable = scratch.url.appendingPathComponent("lesson")
        let compiler = Compiler(toolchain: toolchain)

        let exercises = toolchain.packageRoot.appendingPathComponent("Sources/Exercises")
        let blocked = UnfinishedExercises.scan(folder: exercises).blockedCells(of: lesson)
        var excluded = Set(blocked.keys)
        var setAside = blocked.mapValues { CellStatus.failed(message: $0) }
        while true {
            let program = Program(lesson: lesson, excluding: excluded)
            guard !program.runnableCells.isEmpty || !program.cellsWithSyntaxErrors.isEmpty else {
                let cells = lesson.cells.map { CellResult(number: $0.number, status: $0.options.noRun ? .skipped : .notRun) }
                return RunResult(cells: merge(cells, setAside), seconds: Date().timeIntervalSince(started))
            }
            let outcome = try Compiler.syntaxOutcome(of: program)
                ?? compiler.compile(program, workDirectory: scratch.url, executable: executable)
            if outcome.succeeded {
                let transcript = try Executor(program: program)
                    .run(executable: executable, workingDirectory: toolchain.packageRoot, progress: progress)
                let cells = CellVerdicts.results(cells: lesson.cells, program: program, transcript: transcript)
                var killed = false
                if case .signaled(let signal)? = transcript.end, isExternalSignal(signal), !transcript.timedOut { killed = true }
                return RunResult(cells: merge(cells, setAside), seconds: Date().timeIntervalSince(started), endedByEnvironment: killed)
            }
            let failing = Set(outcome.errorsByCell.keys)
            let allExpected = failing.allSatisfy { number in lesson.cells.first { $0.number == number }?.options.expectError == true }
            guard allExpected, !failing.isSubset(of: excluded), !outcome.endedByEnvironment else {
                let cells = lesson.cells.map { cell -> CellResult in
                    if let message = outcome.errorsByCell[cell.number] {
                        return CellResult(number: cell.number, status: .failed(message: message))
                    }
                    return CellResult(number: cell.number, status: cell.options.noRun ? .skipped : .notRun)
                }
                return RunResult(cells: merge(cells, setAside), diagnostics: outcome.diagnostics,
                                 seconds: Date().timeIntervalSince(started), endedByEnvironment: outcome.endedByEnvironment)
            }
            for number in failing { setAside[number] = .failedAsExpected(message: outcome.errorsByCell[number] ?? "") }
            excluded.formUnion(failing)
        }
    }

    /// Puts back the statuses of the cells that were set aside (their outputs stay as recorded).
    private func merge(_ cells: [CellResult], _ setAside: [Int: CellStatus]) -> [CellResult] {
        cells.map { cell in
            guard let status = setAside[cell.number] else { return cell }
            return CellResult(number: cell.number, status: status, outputs: cell.outputs, ran: cell.ran)
        }
    }
}
