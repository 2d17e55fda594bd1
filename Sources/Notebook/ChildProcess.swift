import Foundation

/// Runs a tool to completion and collects its combined output (the compiler, for example).
enum ChildProcess {
    struct Result {
        var exitStatus: Int32
        var output: String
    }

    static func run(_ executable: String, _ arguments: [String], workingDirectory: URL) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = workingDirectory
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do {
            try process.run()
        } catch {
            throw RunnerError(file: executable, stage: .compile, summary: "cannot start \(executable): \(error)")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(exitStatus: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }
}
