import Foundation
import Notebook
import Testing

/// The student edition: exercise bodies replaced by `exerciseNotImplemented` stubs.
@Suite(.serialized) struct StudentEditionTests {
    @Test func lessonWithTwoUnfinishedExercisesCompilesAndRunsOnce() throws {
        let built = try builtToolchain()
        let root = try scratchFolder("student-edition")
        defer { try? FileManager.default.removeItem(at: root) }
        // A package root like a student's: the library's C shims, and exercise sources with two stubs.
        let sources = root.appendingPathComponent("Sources")
        try FileManager.default.createDirectory(at: sources.appendingPathComponent("Exercises"), withIntermediateDirectories: true)
        for shim in ["COpenBLAS", "CZlib", "CCmark"] {
            try FileManager.default.createSymbolicLink(at: sources.appendingPathComponent(shim),
                                                       withDestinationURL: built.packageRoot.appendingPathComponent("Sources/\(shim)"))
        }
        try """
            public func sampleDiscrete(probabilities: [Double], uniform: Double) -> Int {
                exerciseNotImplemented("1.1", "sampleDiscrete")
            }
            public func sampleExponential(rate: Double, uniform: Double) -> Double {
                exerciseNotImplemented("1.2", "sampleExponential")
            }
            """.write(to: sources.appendingPathComponent("Exercises/Lesson01.swift"), atomically: true, encoding: .utf8)
        // A compiler that counts its runs.
        let log = root.appendingPathComponent("compilations.log")
        let counting = root.appendingPathComponent("swiftc")
        try "#!/bin/sh\necho run >> '\(log.path)'\nexec '\(built.swiftc)' \"$@\"\n".write(to: counting, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: counting.path)
        let toolchain = Toolchain(packageRoot: root, buildDirectory: built.buildDirectory, swiftc: counting.path)

        let lesson = try LessonParser.parse(markdown: """
            ```swift
            import Exercises
            let probabilities = [0.25, 0.75]
            print("setup")
            ```

            ```swift
            let yourIndex = sampleDiscrete(probabilities: probabilities, uniform: 0.5)
            ```

            ```swift
            print(sampleExponential(rate: 1.5, uniform: 0.5))
            ```

            ```swift
            print("your index:", yourIndex)
            ```

            ```swift
            print("independent", probabilities.count)
            ```
            """, path: "Lessons/01-student.md")
        let result = try LessonRunner(toolchain: toolchain, workDirectory: root.appendingPathComponent("work")).run(lesson)

        #expect(try String(contentsOf: log, encoding: .utf8) == "run\n")
        #expect(result.cells[0].outputs == [.stdout("setup\n")])
        #expect(result.cells[1].status == .failed(message: "exercise 1.1 `sampleDiscrete` is not implemented yet: this cell calls it, so it did not run"))
        #expect(result.cells[2].status == .failed(message: "exercise 1.2 `sampleExponential` is not implemented yet: this cell calls it, so it did not run"))
        guard case .failed(let dependent) = result.cells[3].status else { Issue.record("cell 4 did not fail"); return }
        #expect(dependent.hasPrefix("did not run: it uses `yourIndex` from cell 2, which did not run"))
        #expect(result.cells[4].status == .succeeded)
        #expect(result.cells[4].outputs == [.stdout("independent 2\n")])
    }
}
