import ArgumentParser
import Notebook

/// The course's command line. (The runner's author owns this file; the grading branch only adds
/// its two subcommands here to try them.)
struct Lessons: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lessons", subcommands: [GradeCommand.self, ReleaseCommand.self])
}

Lessons.main()
