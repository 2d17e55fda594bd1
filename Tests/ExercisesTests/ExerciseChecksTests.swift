import Foundation
import Grading
import Testing

// `swift test` in the student edition: one test per exercise, passing only when the grader gives
// the exercise all its points on the checks in Tests/ExerciseChecks (the public ones in the
// student edition; public and hidden in the teacher's, where the reference solutions must pass).
// The grade is the one `lessons grade` gives, built and run in the same sandbox.

/// The course this test file belongs to.
private let course = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The exercise numbers the checks grade, read from the check files without running anything.
private let gradedExercises: [String] = {
    let numbers = Set(((try? CheckSuite.load(from: course.appendingPathComponent(CheckSuite.folder)))?.checks ?? []).map(\.exercise))
    return numbers.sorted { $0.split(separator: ".").compactMap { Int($0) }.lexicographicallyPrecedes($1.split(separator: ".").compactMap { Int($0) }) }
}()

/// The course graded once, shared by every test.
private let grade = Result { try Grader.grade(GradingOptions(workingCopy: course)) }

@Test func checkFilesNameAtLeastOneExercise() {
    #expect(!gradedExercises.isEmpty, "no checks found in \(course.path)/\(CheckSuite.folder)")
}

@Test(arguments: gradedExercises)
func exerciseEarnsAllItsPoints(_ number: String) throws {
    let report = try grade.get()
    let exercise = try #require(report.exercises.first { $0.number == number })
    #expect(exercise.earned == exercise.possible && exercise.status == "passed",
            "\(exercise.number) \(exercise.name): \(exercise.feedback)")
}
