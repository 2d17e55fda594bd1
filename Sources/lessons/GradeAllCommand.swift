import ArgumentParser
import Foundation
import Grading

/// `lessons grade-all SUBMISSIONS --checks DIR`: grades a class into a gradebook.
struct GradeAllCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade-all",
        abstract: "Grade every submission folder of a class: grades.csv and one feedback page per student.",
        discussion: """
            Each folder inside SUBMISSIONS is one student's working copy. The course's shared part is \
            built once; then submissions are graded JOBS at a time, each sandboxed as by `lessons grade`, \
            so a submission that breaks anything costs only its own row.
            """)

    @Argument(help: "The folder holding one folder per student.")
    var submissions: String

    @OptionGroup var flags: GradingFlags

    @Option(help: "How many submissions are graded at once.")
    var jobs: Int = 2

    @Option(help: "Where to write grades.csv and the feedback pages (default: COURSE/Output/grading/NAME).")
    var output: String?

    func run() throws {
        let folder = URL(fileURLWithPath: submissions).standardizedFileURL
        guard flags.checks != nil else {
            throw ValidationError("grade-all needs the teacher's checks: pass --checks TEACHER/Tests/ExerciseChecks")
        }
        let destination = output.map { URL(fileURLWithPath: $0) } ?? flags.reportFolder(for: folder)
        do {
            let students = try Gradebook.submissions(in: folder)
            printError("Building the course's shared part ...")
            let grader = try Grader(flags.options(for: URL(fileURLWithPath: flags.course)))
            let bar = ProgressBar(total: students.count)
            let grades = Gradebook.grade(students, with: grader, jobs: jobs) { done, grade in bar.show(done, grade) }
            bar.finish()
            for grade in grades {
                if let report = grade.report {
                    _ = try report.write(to: destination, name: grade.student)
                }
            }
            try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
            let csv = destination.appendingPathComponent("grades.csv")
            try Data(Gradebook.csv(grades, exercises: grader.exerciseNumbers).utf8).write(to: csv, options: .atomic)
            for grade in grades where grade.problem != nil { printError("\(grade.student): \(grade.problem ?? "")") }
            print("Graded \(grades.filter { $0.report != nil }.count) of \(grades.count) submissions.")
            print("Gradebook: \(csv.path)")
            print("Feedback pages: \(destination.path)/STUDENT.html")
        } catch let error as GradingError {
            printError(error.description)
            throw ExitCode.failure
        }
    }
}

/// A one-line progress bar on standard error, redrawn in place on a terminal.
private final class ProgressBar: @unchecked Sendable {
    private let total: Int
    private let isTerminal = isatty(STDERR_FILENO) != 0

    init(total: Int) {
        self.total = total
    }

    /// Shows `done` of the total, after `grade` finished.
    func show(_ done: Int, _ grade: StudentGrade) {
        let width = 30, filled = total == 0 ? width : width * done / total
        let score = grade.report.map { "\(Int($0.earned))/\(Int($0.possible))" } ?? "failed"
        let line = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            + "] \(done)/\(total) \(grade.student): \(score)"
        FileHandle.standardError.write(Data((isTerminal ? "\r\u{1B}[K" + line : line + "\n").utf8))
    }

    /// Ends the bar's line.
    func finish() {
        if isTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
