import Foundation
import Notebook
import Testing

/// Every process a lesson starts ends with the lesson, and with the runner however it is stopped:
/// real runs of the `lessons` command, real signals, real child processes.
@Suite(.serialized) struct ProcessContainmentTests {
    let toolchain: Toolchain
    let scratch: URL

    init() throws {
        toolchain = try builtToolchain()
        scratch = try scratchFolder("containment-tests")
        try FileManager.default.createDirectory(at: scratch.appendingPathComponent("Lessons"), withIntermediateDirectories: true)
    }

    /// A `sleep` that `token` makes unique on the machine (GNU sleep adds up its arguments).
    static func sleepToken() -> String { "0.\(UInt32.random(in: 100_000...999_999))" }

    /// A cell that starts `sleep 1000 token` with Foundation's `Process`, once directly and once in a
    /// new session (`setsid`), which leaves the lesson's process group.
    static func startSleeps(_ token: String) -> String {
        """
        import Foundation
        for command in [["/bin/sleep", "1000", "\(token)"], ["/usr/bin/setsid", "/bin/sleep", "1000", "\(token)"]] {
            let child = Process()
            child.executableURL = URL(fileURLWithPath: command[0])
            child.arguments = Array(command.dropFirst())
            try child.run()
        }
        """
    }

    @Test func childProcessesEndWhenTheLessonEnds() throws {
        let token = Self.sleepToken()
        let lesson = try LessonParser.parse(markdown: "```swift\n\(Self.startSleeps(token))\nprint(\"started\")\n```\n", path: "Lessons/c.md")
        let result = try LessonRunner(toolchain: toolchain, workDirectory: scratch).run(lesson)
        #expect(result.cells[0].status == .succeeded)
        #expect(result.cells[0].outputs == [.stdout("started\n")])
        #expect(waitUntil { processes(containing: token).isEmpty })
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func stoppingTheRunnerEndsTheLessonAndEverythingItStarted(signal: Int32) throws {
        let token = Self.sleepToken()
        let runner = try startRunner(lesson: "```swift\n\(Self.startSleeps(token))\nwhile true { sleep(1) }\n```\n")
        #expect(waitUntil(seconds: 300) { processes(containing: token).count == 2 })
        kill(runner.processIdentifier, signal)
        runner.waitUntilExit()
        #expect(waitUntil { processes(containing: token).isEmpty })
        #expect(waitUntil { scratchFolders().isEmpty })
    }

    @Test func killingTheRunnerDuringCompilationLeavesNoCompilerAndNoScratchFolder() throws {
        let runner = try startRunner(lesson: "```swift\nprint(1)\n```\n")
        let work = scratch.appendingPathComponent("cache/work").path
        #expect(waitUntil(seconds: 300) { !processes(containing: work).isEmpty })
        kill(runner.processIdentifier, SIGKILL)
        runner.waitUntilExit()
        #expect(waitUntil { processes(containing: work).isEmpty })
        #expect(waitUntil { scratchFolders().isEmpty })
    }

    @Test func compilerKilledMidCompileIsNotCached() throws {
        let runner = try startRunner(lesson: "```swift\nprint(1)\n```\n")
        let work = scratch.appendingPathComponent("cache/work").path
        var frontends: [pid_t] = []
        #expect(waitUntil(seconds: 300) {
            frontends = processes(containing: work).filter { commandLine(of: $0).contains("swift-frontend") }
            return !frontends.isEmpty
        })
        for pid in frontends { kill(pid, SIGKILL) }
        runner.waitUntilExit()
        #expect(runner.terminationStatus != 0)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: scratch.appendingPathComponent("cache").path)) ?? []
        #expect(entries.filter { $0.hasSuffix(".json") }.isEmpty)
    }

    // MARK: - Helpers

    /// Starts `lessons run --force` on a one-lesson course in the scratch folder.
    private func startRunner(lesson: String) throws -> Process {
        let path = scratch.appendingPathComponent("Lessons/p.md")
        try lesson.write(to: path, atomically: true, encoding: .utf8)
        let runner = Process()
        runner.executableURL = toolchain.buildDirectory.appendingPathComponent("lessons")
        runner.arguments = ["run", "--force", "--lessons", scratch.appendingPathComponent("Lessons").path,
                            "--output", scratch.appendingPathComponent("Output").path,
                            "--cache", scratch.appendingPathComponent("cache").path, path.path]
        runner.currentDirectoryURL = toolchain.packageRoot
        runner.standardOutput = FileHandle.nullDevice
        runner.standardError = FileHandle.nullDevice
        try runner.run()
        return runner
    }

    private func scratchFolders() -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: scratch.appendingPathComponent("cache/work").path)) ?? []
    }
}

/// The processes whose command line contains `text`.
func processes(containing text: String) -> [pid_t] {
    let own = getpid()
    return ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { name in
        guard let pid = pid_t(name), pid != own, commandLine(of: pid).contains(text) else { return nil }
        // A zombie has ended; only its parent has not reaped it yet.
        let status = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        return status.contains(") Z ") ? nil : pid
    }
}

/// The command line of process `pid`, its arguments joined by spaces.
func commandLine(of pid: pid_t) -> String {
    guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return "" }
    return String(decoding: data.map { $0 == 0 ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
}

/// Polls `condition` until it holds or `seconds` have passed; whether it held.
func waitUntil(seconds: Double = 10, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        usleep(20_000)
    }
    return condition()
}
