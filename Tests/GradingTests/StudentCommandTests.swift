import Foundation
import Grading
import Testing

// The student's command from the README (`make grade` ends in `.build/release/lessons grade`),
// run in a released student edition as it comes and once solved. The binary is the one `make test`
// built from these sources, which the student edition holds unchanged.

/// Runs `lessons grade` in `folder` and returns what it printed.
private func studentGrade(in folder: URL) throws -> String {
    let process = Process()
    process.executableURL = releaseBinary
    process.currentDirectoryURL = folder
    process.arguments = ["grade"]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let printed = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: printed, as: UTF8.self)
}

@Suite(.serialized, .enabled(if: canGradeAClass, "needs the teacher's edition and .build/release/lessons"))
struct StudentCommandTests {
    @Test func untouchedEditionScoresZeroAndSaysWhereToWriteEachSolution() async throws {
        let folder = try await releasedEdition().folder
        let printed = try studentGrade(in: folder)
        let publicChecks = try teacherChecks(hidden: false).count
        #expect(printed.contains("0 of \(publicChecks) public tests passed; hidden tests were not run"))
        for number in try gradedExerciseNumbers() {
            #expect(printed.contains("exercise \(number) `"), "no feedback for \(number)")
        }
        #expect(printed.contains("is not implemented yet: write your solution in Sources/Exercises/Lesson01.swift:"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("Output/grading/report.html").path))
    }

    @Test func solvedEditionEarnsEveryPublicPoint() async throws {
        let edition = try await releasedEdition().folder
        let folder = temporaryFolder("solved")
        try copyFiles(of: edition, to: folder)
        for path in filesChangedByRelease() where path.hasPrefix(ExerciseScanner.folder) {
            try FileManager.default.removeItem(at: folder.appendingPathComponent(path))
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(path), to: folder.appendingPathComponent(path))
        }
        let printed = try studentGrade(in: folder)
        let publicPoints = try teacherChecks(hidden: false).reduce(0) { $0 + $1.points }
        #expect(printed.contains("Score: \(Int(publicPoints)) / \(Int(publicPoints)) points. public tests passed"))
    }
}
