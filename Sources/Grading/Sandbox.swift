import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The limits one exercise process runs under.
public struct SandboxLimits: Codable, Sendable {
    /// Wall-clock seconds before the grader kills the process.
    public var wallClockSeconds: Double
    /// The address-space limit (`RLIMIT_AS`) in bytes; an allocation storm fails at this size.
    public var memoryBytes: UInt64
    /// The CPU-time limit (`RLIMIT_CPU`) in seconds, a second line of defence behind the clock.
    public var cpuSeconds: UInt64
    /// The largest file the process may write (`RLIMIT_FSIZE`), which caps its printed output.
    public var outputBytes: UInt64
    /// The size of the sandbox's private `/tmp`.
    public var scratchBytes: UInt64

    /// Creates limits; the defaults suit lesson exercises, which run in milliseconds.
    public init(wallClockSeconds: Double = 10, memoryBytes: UInt64 = 512 << 20, cpuSeconds: UInt64 = 20,
                outputBytes: UInt64 = 8 << 20, scratchBytes: UInt64 = 64 << 20) {
        self.wallClockSeconds = wallClockSeconds
        self.memoryBytes = memoryBytes
        self.cpuSeconds = cpuSeconds
        self.outputBytes = outputBytes
        self.scratchBytes = scratchBytes
    }

    /// The limits of a build: the compiler needs far more memory and time than an exercise.
    static let build = SandboxLimits(wallClockSeconds: 600, memoryBytes: 16 << 30, cpuSeconds: 600,
                                     outputBytes: 1 << 30, scratchBytes: 1 << 30)

    /// `prlimit`'s arguments that set these limits on the command it starts.
    var prlimitArguments: [String] {
        ["--as=\(memoryBytes)", "--cpu=\(cpuSeconds)", "--fsize=\(outputBytes)"]
    }

    /// The probe's command-line arguments that make it apply these limits to itself.
    var probeArguments: [String] {
        ["--memory-bytes", "\(memoryBytes)", "--cpu-seconds", "\(cpuSeconds)", "--file-bytes", "\(outputBytes)"]
    }
}

/// How a child process ended and what it left behind.
struct ProcessOutcome {
    /// The exit status, or the signal number when `signaled`.
    var status: Int32
    /// Whether a signal ended the process.
    var signaled: Bool
    /// Whether the grader killed it at the wall-clock limit.
    var timedOut: Bool
    /// What it wrote to its standard output.
    var standardOutput: String
    /// What it wrote to its standard error (for the probe: everything the student's code printed).
    var standardError: String
    /// Wall-clock seconds it ran.
    var seconds: Double
}

/// Runs `executable` with `arguments`, `input` on standard input, its outputs captured in files
/// (the last `outputLimit` bytes of each are kept), and kills it with SIGKILL once
/// `wallClockSeconds` have passed.
func runProcess(_ executable: URL, _ arguments: [String], input: Data = Data(), environment: [String: String]? = nil,
                outputLimit: Int = 256 << 10, wallClockSeconds: Double) throws -> ProcessOutcome {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("grading-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let inputURL = scratch.appendingPathComponent("stdin"), outURL = scratch.appendingPathComponent("stdout")
    let errURL = scratch.appendingPathComponent("stderr")
    try input.write(to: inputURL)
    try Data().write(to: outURL)
    try Data().write(to: errURL)

    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let environment { process.environment = environment }
    let inputHandle = try FileHandle(forReadingFrom: inputURL)
    let outHandle = try FileHandle(forWritingTo: outURL), errHandle = try FileHandle(forWritingTo: errURL)
    defer { try? inputHandle.close(); try? outHandle.close(); try? errHandle.close() }
    process.standardInput = inputHandle
    process.standardOutput = outHandle
    process.standardError = errHandle

    let start = Date()
    do {
        try process.run()
    } catch {
        throw GradingError(file: executable.path, "cannot start: \(error)")
    }
    var timedOut = false
    while process.isRunning {
        if Date().timeIntervalSince(start) > wallClockSeconds {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            break
        }
        Thread.sleep(forTimeInterval: 0.01)
    }
    process.waitUntilExit()
    return ProcessOutcome(
        status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
        timedOut: timedOut, standardOutput: readTail(of: outURL, limit: outputLimit),
        standardError: readTail(of: errURL, limit: outputLimit),
        seconds: Date().timeIntervalSince(start))
}

/// The last `limit` bytes of a file as text: enough to show a crash without reading a flood.
func readTail(of url: URL, limit: Int = 256 << 10) -> String {
    guard let handle = try? FileHandle(forReadingFrom: url) else { return "" }
    defer { try? handle.close() }
    let size = (try? handle.seekToEnd()) ?? 0
    try? handle.seek(toOffset: size > UInt64(limit) ? size - UInt64(limit) : 0)
    let data = (try? handle.readToEnd()) ?? Data()
    return String(decoding: data, as: UTF8.self)
}
