import ArgumentParser
import Foundation
import Grading

/// `lessons grade [DIR]`: grades the exercises of a working copy and prints a score table.
struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade the exercises of a working copy and write a JSON report and an HTML feedback page.",
        discussion: """
            Builds the working copy once (in DIR/.build-grading), then runs each exercise in its own \
            process under a wall-clock and a memory limit, so that a crash or an endless loop costs \
            only that exercise's points.
            """)

    @Argument(help: "The working copy to grade.")
    var directory: String = "."

    @Option(help: "Take the checks from this folder instead, e.g. a teacher's Tests/ExerciseChecks with the hidden checks.")
    var checks: String?

    @Option(help: "Wall-clock seconds each exercise may run.")
    var timeout: Double = 10

    @Option(help: "Memory limit of each exercise process, in MiB.")
    var memory: UInt64 = 512

    @Option(help: "Where to write report.json and report.html (default: DIR/Output/grading).")
    var reportDirectory: String?

    func run() throws {
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        var options = GradingOptions(workingCopy: root, checksDirectory: checks.map { URL(fileURLWithPath: $0) })
        options.limits.wallClockSeconds = timeout
        options.limits.memoryBytes = memory << 20
        printError("Building the exercises in \(root.path)/\(Grader.scratchFolder) ...")
        do {
            let report = try Grader.grade(options)
            print(report.table())
            let folder = reportDirectory.map { URL(fileURLWithPath: $0) } ?? root.appendingPathComponent("Output/grading")
            let paths = try report.write(to: folder)
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
