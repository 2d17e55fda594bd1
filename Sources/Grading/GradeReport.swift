import Foundation
import Plumbing

/// The grade of one exercise: the sum of its checks.
public struct ExerciseResult: Codable, Sendable {
    /// The exercise number: `"1.3"`.
    public var number: String
    /// The function's name: `"eStep"`.
    public var name: String
    /// Where the student edits it: `Sources/Exercises/Lesson01.swift:42`.
    public var location: String
    /// Points earned.
    public var earned: Double
    /// Points possible with the checks that ran.
    public var possible: Double
    /// `passed`, `partial`, or the way its first unpassed check ended (`not implemented`, ...).
    public var status: String
    /// One line: how many checks passed, or the first problem.
    public var feedback: String
    /// Every check, public and hidden, in order.
    public var checks: [CheckResult]

    /// Sums `checks` into an exercise's grade.
    public init(number: String, name: String, location: String, checks: [CheckResult]) {
        self.number = number
        self.name = name
        self.location = location
        self.checks = checks
        earned = checks.reduce(0) { $0 + $1.earned }
        possible = checks.reduce(0) { $0 + $1.points }
        let passed = checks.filter { $0.status == .passed }.count
        if let problem = checks.first(where: { $0.status != .passed }) {
            status = passed > 0 && problem.status == .failed ? "partial" : problem.status.rawValue
            feedback = passed > 0 ? "\(passed) of \(checks.count) checks passed; \(problem.message)" : problem.message
        } else {
            status = "passed"
            feedback = "\(passed) of \(checks.count) checks passed"
        }
    }
}

/// The grade of a working copy: every exercise, totals, and a summary that says which tests ran.
public struct GradeReport: Codable, Sendable {
    /// The graded working copy.
    public var workingCopy: String
    /// The exercises in the order of the sources.
    public var exercises: [ExerciseResult]
    /// Points earned.
    public var earned: Double
    /// Points possible with the checks that ran.
    public var possible: Double
    /// Public checks run and passed.
    public var publicChecks: Int, publicPassed: Int
    /// Hidden checks run and passed; zero run in a student edition.
    public var hiddenChecks: Int, hiddenPassed: Int
    /// Compiler errors of the build, relative to the working copy; empty when it built.
    public var compilerDiagnostics: [CompilerDiagnostic]
    /// Why each refused file of `Sources/Exercises` (a symbolic link, say) was not used.
    public var refusedFiles: [String]
    /// Submitted files that differ from the teacher's and were ignored: only exercise files count.
    public var ignoredFiles: [String]
    /// One line: the score and which tests passed, "public tests passed" when no hidden test ran.
    public var summary: String

    /// Totals `exercises` and words the summary.
    public init(workingCopy: String, exercises: [ExerciseResult], compilerDiagnostics: [CompilerDiagnostic],
                refusedFiles: [String] = [], ignoredFiles: [String] = []) {
        self.workingCopy = workingCopy
        self.exercises = exercises
        self.compilerDiagnostics = compilerDiagnostics
        self.refusedFiles = refusedFiles
        self.ignoredFiles = ignoredFiles
        let checks = exercises.flatMap(\.checks)
        earned = checks.reduce(0) { $0 + $1.earned }
        possible = checks.reduce(0) { $0 + $1.points }
        publicChecks = checks.filter { !$0.isHidden }.count
        publicPassed = checks.filter { !$0.isHidden && $0.status == .passed }.count
        hiddenChecks = checks.filter(\.isHidden).count
        hiddenPassed = checks.filter { $0.isHidden && $0.status == .passed }.count
        let score = "Score: \(Self.points(earned)) / \(Self.points(possible)) points."
        if hiddenChecks == 0 {
            let tests = publicPassed == publicChecks
                ? "public tests passed (\(publicChecks) of \(publicChecks))"
                : "\(publicPassed) of \(publicChecks) public tests passed"
            summary = "\(score) \(tests); hidden tests were not run, so the final grade may differ."
        } else if publicPassed + hiddenPassed == publicChecks + hiddenChecks {
            summary = "\(score) All tests passed: \(publicChecks) public and \(hiddenChecks) hidden."
        } else {
            summary = "\(score) \(publicPassed + hiddenPassed) of \(publicChecks + hiddenChecks) tests passed "
                + "(\(publicPassed) of \(publicChecks) public, \(hiddenPassed) of \(hiddenChecks) hidden)."
        }
    }

    /// Checks whose two calls gave different outputs.
    public var nondeterministicChecks: [String] {
        exercises.flatMap(\.checks).filter { $0.status == .nondeterministic }.map(\.id)
    }

    /// Whether every check that ran passed.
    public var allPassed: Bool { publicPassed == publicChecks && hiddenPassed == hiddenChecks }

    /// Points as text: `2`, or `1.5`.
    static func points(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
