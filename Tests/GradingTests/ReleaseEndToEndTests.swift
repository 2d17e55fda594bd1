import Foundation
import Grading
import Testing

/// The teacher's release into an empty folder, and the grade of the teacher's copy it required.
func releasedEdition() async throws -> (summary: ReleaseSummary, folder: URL) {
    try await EndToEndFixtures.shared.value("release") {
        let folder = temporaryFolder("student")
        return (try Releaser.release(GradingOptions(workingCopy: repositoryRoot), to: folder), folder)
    }
}

/// The grade of the released student edition.
func studentReport() async throws -> GradeReport {
    let folder = try await releasedEdition().folder
    return try await EndToEndFixtures.shared.value("student") { try Grader.grade(GradingOptions(workingCopy: folder)) }
}

/// Every number in `value`, for searching a release for the expected values of hidden checks.
private func numbers(in value: CheckValue) -> [Double] {
    switch value {
    case .number(let number): return [number]
    case .array(let values): return values.flatMap(numbers)
    case .object(let fields): return fields.values.flatMap(numbers)
    default: return []
    }
}

@Suite(.serialized, .enabled(if: isTeacherEdition, "the teacher's edition holds the solutions and hidden checks"))
struct ReleaseEndToEndTests {
    @Test func teacherEditionScoresFullPointsOnEveryExercise() async throws {
        let report = try await releasedEdition().summary.teacherReport
        #expect(report.exercises.map(\.number) == (try gradedExerciseNumbers()))
        #expect(report.exercises.prefix(6).map(\.number) == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6"])
        for exercise in report.exercises {
            #expect(exercise.possible > 0 && exercise.earned == exercise.possible, "\(exercise.number): \(exercise.feedback)")
        }
        #expect(report.hiddenChecks > 0 && report.summary.contains("All tests passed"))
    }

    @Test func releaseContainsNoSolutionText() async throws {
        let folder = try await releasedEdition().folder
        let teacher = try String(contentsOf: repositoryRoot.appendingPathComponent(exerciseFile), encoding: .utf8)
        let oneLineSolutions = teacher.components(separatedBy: "\n").filter { $0.hasSuffix(" // SOLUTION") }
            .map { $0.dropLast(" // SOLUTION".count) }
        // Lines the library's own sources also contain (a loop header, say) reveal nothing.
        let sources = repositoryRoot.appendingPathComponent("Sources")
        let librarySource = try listFiles(under: sources).filter { !$0.hasPrefix("Exercises/") }
            .map { try String(contentsOf: sources.appendingPathComponent($0), encoding: .utf8) }.joined(separator: "\n")
        let solutionLines = (solutionBlocks(teacher).joined() + oneLineSolutions.map(String.init))
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.count > 12 && !librarySource.contains($0) }
        #expect(solutionLines.count > 10)
        for file in listFiles(under: folder) {
            let text = String(decoding: try Data(contentsOf: folder.appendingPathComponent(file)), as: UTF8.self)
            for line in solutionLines { #expect(!text.contains(line), "\(file) contains solution line `\(line)`") }
        }
        let released = try String(contentsOf: folder.appendingPathComponent(exerciseFile), encoding: .utf8)
        #expect(released.contains(#"exerciseNotImplemented("1.3", "eStep")"#))
        #expect(!released.contains("// BEGIN SOLUTION") && !released.contains("// SOLUTION\n"))
    }

    @Test func releaseContainsNoHiddenCheckSource() async throws {
        let folder = try await releasedEdition().folder
        let hidden = try teacherChecks(hidden: true)
        let precise = hidden.flatMap { numbers(in: $0.expected) }.map { "\($0)" }.filter { $0.count > 8 }
        // Text that the public checks or the exercise statements also carry (a formula quoted in a
        // message, say) reveals nothing.
        let checksFolder = repositoryRoot.appendingPathComponent("Tests/ExerciseChecks")
        let exercisesFolder = repositoryRoot.appendingPathComponent("Sources/Exercises")
        let publicText = try (listFiles(under: checksFolder).filter { $0.hasSuffix(".public.json") }.map { checksFolder.appendingPathComponent($0) }
            + listFiles(under: exercisesFolder).map { exercisesFolder.appendingPathComponent($0) })
            .map { try String(contentsOf: $0, encoding: .utf8) }.joined(separator: "\n")
        let needles = (hidden.flatMap { [$0.id, $0.failure, $0.success] } + precise).filter { !publicText.contains($0) }
        #expect(needles.count >= 25)
        for file in listFiles(under: folder) {
            let text = String(decoding: try Data(contentsOf: folder.appendingPathComponent(file)), as: UTF8.self)
            for needle in needles { #expect(!text.contains(needle), "\(file) contains hidden check text `\(needle)`") }
        }
        let script = try String(contentsOf: folder.appendingPathComponent("scripts/reference/lesson01_checks.py"), encoding: .utf8)
        #expect(!script.contains("HIDDEN") && script.contains("lesson01.public.json"))
        #expect(listFiles(under: folder).allSatisfy { !$0.contains(".hidden.") })
    }

    @Test func releaseLeavesOutWhatGitIgnores() async throws {
        let released = Set(listFiles(under: try await releasedEdition().folder))
        let ignoredHere = listFiles(under: repositoryRoot).filter {
            $0 == "Package.resolved" || $0.hasPrefix("Checkpoints/")
        }
        // `swift build` has written Package.resolved before the tests run; lessons write Checkpoints/.
        #expect(!ignoredHere.isEmpty)
        for file in ignoredHere { #expect(!released.contains(file), "\(file) is ignored by git but was released") }
        #expect(released.contains(".gitignore"))
    }

    @Test func releaseKeepsEveryOtherFileIdentical() async throws {
        let folder = try await releasedEdition().folder
        let teacherFiles = try filesGitKeeps(under: repositoryRoot).filter { !$0.hasPrefix("Output/") }
        let changed = filesChangedByRelease()
        #expect(changed.contains(exerciseFile))
        #expect(listFiles(under: folder) == teacherFiles.filter { !$0.contains(".hidden.") })
        for file in teacherFiles where !changed.contains(file) && !file.contains(".hidden.") {
            let original = try Data(contentsOf: repositoryRoot.appendingPathComponent(file))
            #expect(try Data(contentsOf: folder.appendingPathComponent(file)) == original, "\(file) differs")
        }
    }

    @Test func releasedEditionScoresZeroWithNotImplementedFeedback() async throws {
        let report = try await studentReport()
        #expect(report.exercises.map(\.number) == (try gradedExerciseNumbers()))
        for exercise in report.exercises {
            #expect(exercise.earned == 0 && exercise.possible > 0)
            #expect(exercise.status == "not implemented")
            #expect(exercise.feedback.hasPrefix("exercise \(exercise.number) `\(exercise.name)` is not implemented yet"))
            let lesson = exercise.number.split(separator: ".")[0]
            #expect(exercise.feedback.contains("Sources/Exercises/Lesson\(lesson.count == 1 ? "0" : "")\(lesson).swift:"))
        }
        #expect(report.hiddenChecks == 0)
        #expect(report.summary.contains("0 of \(try teacherChecks(hidden: false).count) public tests passed"))
        #expect(!report.summary.lowercased().contains("all tests passed"))
    }

    @Test func releaseRefusesANonEmptyFolder() async throws {
        let folder = try await releasedEdition().folder
        #expect {
            try Releaser.release(GradingOptions(workingCopy: repositoryRoot), to: folder)
        } throws: { error in
            "\(error)".contains("not empty")
        }
    }
}
