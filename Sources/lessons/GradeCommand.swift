import ArgumentParser
import Foundation
import Grading

/// Options `grade` and `grade-all` share.
struct GradingFlags: ParsableArguments {
    @Option(help: "Take the checks from this folder, e.g. the teacher's Tests/ExerciseChecks with the hidden checks; required for any folder but the course itself.")
    var checks: String?

    @Option(help: "The course whose probe and exercise list grading uses (the teacher's copy).")
    var course: String = "."

    @Option(help: "Wall-clock seconds each exercise may run.")
    var timeout: Double = 10

    @Option(help: "Memory limit of each exercise process, in MiB.")
    var memory: UInt64 = 512

    @Flag(help: "Run submissions without the bubblewrap sandbox, under your own account: only for code you trust.")
    var unsafe = false

    /// Grading options for `workingCopy`.
    func options(for workingCopy: URL) -> GradingOptions {
        var options = GradingOptions(workingCopy: workingCopy, referenceCopy: URL(fileURLWithPath: course),
                                     checksDirectory: checks.map { URL(fileURLWithPath: $0) }, unsafe: unsafe)
        options.limits.wallClockSeconds = timeout
        options.limits.memoryBytes = memory << 20
        return options
    }

    /// The default report folder for `graded`: the course's `Output/grading`, with a subfolder
    /// named after `graded` unless it is the course itself. Never inside another folder.
    func reportFolder(for graded: URL) -> URL {
        let course = URL(fileURLWithPath: self.course).standardizedFileURL
        let folder = course.appendingPathComponent("Output/grading")
        return graded.resolvingSymlinksInPath() == course.resolvingSymlinksInPath()
            ? folder : folder.appendingPathComponent(graded.lastPathComponent)
    }
}

/// `lessons grade [DIR]`: grades the exercises of a working copy and prints a score table.
struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade the exercises of a working copy and write a JSON report and an HTML feedback page.",
        discussion: """
            Builds only the submission's exercise files, with the course's own probe, in a bubblewrap \
            sandbox, then runs each exercise in a sandbox of its own under a wall-clock and a memory \
            limit, so that a crash, an endless loop or a hostile submission costs only its own points \
            and never sees the checks. With no DIR, grades the course itself with its own checks: \
            the student's command.
            """)

    @Argument(help: "The working copy to grade (default: the course itself).")
    var directory: String?

    @OptionGroup var flags: GradingFlags

    @Option(help: "Where to write report.json and report.html (default: COURSE/Output/grading[/NAME]).")
    var reportDirectory: String?

    func run() throws {
        let root = URL(fileURLWithPath: directory ?? flags.course).standardizedFileURL
        printError("Grading \(root.path) ...")
        do {
            let report = try Grader.grade(flags.options(for: root))
            print(report.table())
            let paths = try report.write(to: reportDirectory.map { URL(fileURLWithPath: $0) } ?? flags.reportFolder(for: root))
            print("JSON report: \(paths.json.path)")
            print("Feedback page: \(paths.html.path)")
        } catch let error as GradingError {
            printError(error.description)
            throw ExitCode.failure
        }
    }
}

/// Prints a line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
