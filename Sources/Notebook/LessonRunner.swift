import Foundation

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
    /// intended error and the lesson is compiled again without it. A cell that traps because an
    /// exercise is "not implemented yet" (the student edition) keeps that message and the lesson
    /// runs again without it.
    public func run(_ lesson: Lesson, progress: @escaping @Sendable (ProgressEvent) -> Void = { _ in }) throws -> RunResult {
        let started = Date()
        let folder = workDirectory.appendingPathComponent("\(lesson.slug)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let executable = folder.appendingPathComponent("lesson")
        let compiler = Compiler(toolchain: toolchain)

        var excluded: Set<Int> = []
        var setAside: [Int: CellStatus] = [:]
        while true {
            let program = Program(lesson: lesson, excluding: excluded)
            guard !program.runnableCells.isEmpty || !program.cellsWithSyntaxErrors.isEmpty else {
                let cells = lesson.cells.map { CellResult(number: $0.number, status: $0.options.noRun ? .skipped : .notRun) }
                return RunResult(cells: merge(cells, setAside), seconds: Date().timeIntervalSince(started))
            }
            let outcome = try Compiler.syntaxOutcome(of: program)
                ?? compiler.compile(program, workDirectory: folder, executable: executable)
            if outcome.succeeded {
                let cells = try Executor(program: program)
                    .run(executable: executable, workingDirectory: toolchain.packageRoot, progress: progress)
                if let unimplemented = firstUnimplementedExercise(in: cells), !excluded.contains(unimplemented.number) {
                    // A student's unfinished exercise: show its message at its cell and run the
                    // rest of the lesson without it, so the page is still there.
                    setAside[unimplemented.number] = unimplemented.status
                    excluded.insert(unimplemented.number)
                    continue
                }
                return RunResult(cells: merge(cells, setAside), seconds: Date().timeIntervalSince(started))
            }
            let failing = Set(outcome.errorsByCell.keys)
            let allExpected = failing.allSatisfy { number in lesson.cells.first { $0.number == number }?.options.expectError == true }
            guard allExpected, !failing.isSubset(of: excluded) else {
                let cells = lesson.cells.map { cell -> CellResult in
                    if let message = outcome.errorsByCell[cell.number] {
                        return CellResult(number: cell.number, status: .failed(message: message))
                    }
                    return CellResult(number: cell.number, status: cell.options.noRun ? .skipped : .notRun)
                }
                return RunResult(cells: merge(cells, setAside), diagnostics: outcome.diagnostics, seconds: Date().timeIntervalSince(started))
            }
            for number in failing { setAside[number] = .failedAsExpected(message: outcome.errorsByCell[number] ?? "") }
            excluded.formUnion(failing)
        }
    }

    /// The message that the student edition's exercise stubs trap with.
    static let notImplementedMarker = "is not implemented yet"

    private func firstUnimplementedExercise(in cells: [CellResult]) -> CellResult? {
        cells.first { cell in
            if case .failed(let message) = cell.status { message.contains(LessonRunner.notImplementedMarker) } else { false }
        }
    }

    /// Puts back the statuses of the cells that were set aside (their outputs stay as recorded).
    private func merge(_ cells: [CellResult], _ setAside: [Int: CellStatus]) -> [CellResult] {
        cells.map { cell in
            guard let status = setAside[cell.number] else { return cell }
            return CellResult(number: cell.number, status: status)
        }
    }
}
