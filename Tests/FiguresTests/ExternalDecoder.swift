import Foundation

/// Runs one of the independent decoders under `scripts/` and splits its output into the header
/// line and the pixel bytes that follow it.
struct ExternalDecoder {
    /// The numbers of the header line, e.g. `[width, height, channels]`.
    var header: [Int]
    /// The bytes after the header line.
    var payload: [UInt8]

    /// Writes `bytes` to a temporary file and decodes it with `scripts/<script>`.
    static func decode(_ bytes: [UInt8], with script: String, fileExtension: String) throws -> ExternalDecoder {
        let output = try run(script: script, on: bytes, fileExtension: fileExtension)
        guard let newline = output.firstIndex(of: 0x0a) else {
            throw DecoderFailure(message: "\(script) printed no header")
        }
        let header = String(decoding: output[..<newline], as: UTF8.self).split(separator: " ").compactMap { Int($0) }
        return ExternalDecoder(header: header, payload: Array(output[(newline + 1)...]))
    }

    /// Writes `bytes` to a temporary file, runs `command` on it and returns stdout; throws with
    /// stderr when the command fails.
    static func run(script: String, on bytes: [UInt8], fileExtension: String) throws -> [UInt8] {
        let path = scriptsDirectory.appendingPathComponent(script).path
        return try runTool(["python3", path], on: bytes, fileExtension: fileExtension)
    }

    /// Runs `arguments + [file]` through `/usr/bin/env` with `bytes` written to the file.
    static func runTool(_ arguments: [String], on bytes: [UInt8], fileExtension: String) throws -> [UInt8] {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("figures-\(UUID().uuidString).\(fileExtension)")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments + [file.path]
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw DecoderFailure(message: "\(arguments.joined(separator: " ")) failed: "
                + String(decoding: output + errors, as: UTF8.self))
        }
        return Array(output)
    }

    /// `scripts/` of the repository, found from this source file's path.
    static let scriptsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts")
}

/// A decoder that exited with an error; the message carries its output.
struct DecoderFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
