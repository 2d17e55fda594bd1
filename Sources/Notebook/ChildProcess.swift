import Foundation
import Plumbing

/// Runs a tool to completion and collects its combined output (the compiler, for example).
enum ChildProcess {
    struct Result {
        var end: ProcessEnd
        var output: String
    }

    /// Runs `command` (the executable, then its arguments) with `environment` added to the runner's.
    static func run(_ command: [String], workingDirectory: URL, environment: [String: String] = [:],
                    stage: RunnerError.Stage) throws -> Result {
        let executable = command.first ?? ""
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(command.dropFirst())
        process.currentDirectoryURL = workingDirectory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do {
            try process.run()
        } catch {
            throw RunnerError(file: executable, stage: stage, summary: "cannot start \(executable): \(error)")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let end: ProcessEnd = process.terminationReason == .uncaughtSignal
            ? .signaled(process.terminationStatus) : .exited(code: process.terminationStatus)
        return Result(end: end, output: String(decoding: data, as: UTF8.self))
    }
}
