import ArgumentParser
import Foundation
import Notebook

/// `lessons`: runs the course's Markdown lessons and renders them into HTML pages.
@main
struct Lessons: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the course's Markdown lessons and render them into HTML pages.",
        subcommands: [BuildCommand.self, RunCommand.self, CheckCommand.self, GradeCommand.self, GradeAllCommand.self,
                      ReleaseCommand.self, ServeCommand.self]
    )
}

/// Options every subcommand shares.
struct CourseOptions: ParsableArguments {
    @Option(help: "How many lessons run at once.")
    var jobs: Int = 1

    @Flag(help: "Run the lessons again even if their cached results are current.")
    var force = false

    @Option(help: "The folder of lesson files.")
    var lessons = "Lessons"

    @Option(help: "The folder the pages are written to.")
    var output = "Output"

    @Option(help: "The folder of cached results.")
    var cache = ".lessons-cache"

    /// Every lesson in the lessons folder, in file-name order.
    func allLessons() throws -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: lessons) else {
            throw ValidationError("cannot read the lessons folder '\(lessons)'")
        }
        return names.filter { $0.hasSuffix(".md") && $0 != "README.md" }.sorted().map { "\(lessons)/\($0)" }
    }

    /// Builds `selected` and prints the report; exits non-zero if anything failed.
    func build(selected: [String], all: [String], checkOnly: Bool) throws {
        ProcessContainment.restoreTerminationSignals()
        let toolchain = try Toolchain.locate()
        var options = CourseBuilder.Options(outputDirectory: URL(fileURLWithPath: output),
                                            cacheDirectory: URL(fileURLWithPath: cache))
        options.jobs = max(1, jobs)
        options.force = force
        options.checkOnly = checkOnly
        let terminal = Terminal()
        let report = try CourseBuilder(toolchain: toolchain, options: options, terminal: terminal)
            .build(selected: selected, all: all)
        print(report.table)
        if !checkOnly {
            print("Pages in \(URL(fileURLWithPath: output).appendingPathComponent("index.html").path)")
        }
        if report.failed { throw ExitCode.failure }
    }
}

/// Runs a lesson file path given on the command line through the same checks as the folder.
private func resolve(_ paths: [String], among all: [String], options: CourseOptions) throws -> [String] {
    try paths.map { path in
        let normalized = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        guard FileManager.default.fileExists(atPath: normalized) else {
            throw ValidationError("\(path): no such lesson file")
        }
        guard all.contains(normalized) else {
            throw ValidationError("\(path): lessons live in '\(options.lessons)/' and end in .md")
        }
        return normalized
    }
}

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Run every lesson and write its page, plus the index, to the output folder.")

    @OptionGroup var options: CourseOptions

    func run() throws {
        let all = try options.allLessons()
        try options.build(selected: all, all: all, checkOnly: false)
    }
}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run the named lessons and write their pages.")

    @OptionGroup var options: CourseOptions

    @Argument(help: "Lesson files, e.g. Lessons/01-densities.md.")
    var paths: [String]

    func run() throws {
        let all = try options.allLessons()
        try options.build(selected: try resolve(paths, among: all, options: options), all: all, checkOnly: false)
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Run lessons (all, or the named ones) and report; write no pages. Exits non-zero on any failing cell.")

    @OptionGroup var options: CourseOptions

    @Argument(help: "Lesson files; all lessons when none are named.")
    var paths: [String] = []

    func run() throws {
        let all = try options.allLessons()
        let selected = paths.isEmpty ? all : try resolve(paths, among: all, options: options)
        try options.build(selected: selected, all: all, checkOnly: true)
    }
}
