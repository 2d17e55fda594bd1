import ArgumentParser
import Foundation
import Grading

/// `lessons release --to DIR`: writes the student edition of the working copy.
struct ReleaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Write the student edition: solutions replaced by stubs, hidden checks left out.",
        discussion: """
            Refuses unless the reference solutions pass every check, public and hidden. Copies the \
            working copy without .git, build folders, the contents of Output/ and what git ignores.
            """)

    @Option(help: "The folder to write the student edition into; it must be empty or absent.")
    var to: String

    @Option(help: "The teacher's working copy.")
    var from: String = "."

    @Option(help: "Wall-clock seconds each exercise may run while checking the reference solutions.")
    var timeout: Double = 10

    @Flag(help: "Check the reference solutions without the bubblewrap sandbox.")
    var unsafe = false

    func run() throws {
        let source = URL(fileURLWithPath: from).standardizedFileURL
        var options = GradingOptions(workingCopy: source, unsafe: unsafe)
        options.limits.wallClockSeconds = timeout
        printError("Checking the reference solutions in \(source.path) ...")
        do {
            let summary = try Releaser.release(options, to: URL(fileURLWithPath: to))
            print(summary.teacherReport.summary)
            print("Wrote \(summary.files.count) files to \(URL(fileURLWithPath: to).standardizedFileURL.path); "
                  + "\(summary.stubbedExercises.count) exercises stubbed; hidden check files left out: "
                  + (summary.hiddenFilesLeftOut.isEmpty ? "none" : summary.hiddenFilesLeftOut.joined(separator: ", ")))
        } catch let error as GradingError {
            printError(error.description)
            throw ExitCode.failure
        }
    }
}
