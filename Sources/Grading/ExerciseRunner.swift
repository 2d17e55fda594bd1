import Foundation
import Plumbing

/// Runs the checks of one exercise in a separate, resource-limited process and judges them.
///
/// Why the verdict cannot be forged: the child (`ExerciseProbe`, built from the working copy)
/// receives only the inputs of each check, never the expected values, and sends back only the
/// outputs of the student's function, one JSON line per check, on a channel kept apart from the
/// standard output that the student's code prints to. This process, the trusted grader, decides
/// pass or fail by comparing those outputs with the expected values it alone holds. Nothing the
/// child can write is a verdict: printing "passed" lands in the log, and forging a reply line only
/// chooses the output being judged, which the student's function could have returned anyway.
/// Hidden expected values never leave this process (a child that went looking for the teacher's
/// check files on disk is outside what this design defends; run such grading under another user).
///
/// Isolation: one process per function an exercise calls, under `RLIMIT_AS`, `RLIMIT_CPU` and `RLIMIT_FSIZE` (set
/// by the grader through `prlimit(1)` before the probe starts, and again by the probe itself
/// before any student code runs, for systems without `prlimit`) and a wall-clock limit enforced
/// here with SIGKILL. A crash fails the check it happened in and the remaining checks run in a fresh
/// process; a timeout fails the function's remaining checks, so one function costs at most one
/// wall-clock limit.
struct ExerciseRunner {
    var probe: URL
    var limits: SandboxLimits
    /// Where the exercise is, `Sources/Exercises/Lesson01.swift:42`, for "not implemented" feedback.
    var location: String

    /// The results of `checks`, all of one exercise, grouped by the function they call.
    func run(_ checks: [Check]) -> [CheckResult] {
        var functions: [String] = []
        for check in checks where !functions.contains(check.function) { functions.append(check.function) }
        return functions.flatMap { function in run(sameFunction: checks.filter { $0.function == function }) }
    }

    /// The results of `checks`, which all call one function, in order.
    private func run(sameFunction checks: [Check]) -> [CheckResult] {
        var results: [CheckResult] = []
        var remaining = checks[...]
        while !remaining.isEmpty {
            let outcome: ProcessOutcome
            do {
                let (executable, arguments) = limitedCommand()
                outcome = try runProcess(executable, arguments, input: request(for: remaining),
                                         environment: Self.environment, wallClockSeconds: limits.wallClockSeconds)
            } catch {
                return results + remaining.map { CheckResult($0, .error, "the grader could not run the exercise: \(error)") }
            }
            let replies = Self.replies(in: outcome.standardOutput)
            while let check = remaining.first, let reply = replies[check.id] {
                results.append(judge(check, reply))
                remaining = remaining.dropFirst()
            }
            guard let stopped = remaining.first else { break }
            if let line = notImplementedLine(in: outcome.standardError) {
                let message = "\(line): write your solution in \(location)"
                return results + remaining.map { CheckResult($0, .notImplemented, message) }
            }
            if !outcome.signaled && Self.probeRefusals.contains(outcome.status) {
                let reason = outcome.standardError.split(separator: "\n").last.map(String.init) ?? "exit status \(outcome.status)"
                return results + remaining.map { CheckResult($0, .error, "the grader could not run the check: \(reason)") }
            }
            if outcome.timedOut {
                let message = "timed out: no answer within \(Self.format(limits.wallClockSeconds)) s (an endless loop?)"
                return results + remaining.map { CheckResult($0, .timedOut, describe($0, message)) }
            }
            results.append(CheckResult(stopped, .crashed, describe(stopped, crashMessage(outcome))))
            remaining = remaining.dropFirst()
        }
        return results
    }

    /// The probe behind `prlimit`, so that the limits come from the grader and not only from
    /// code in the working copy; the probe alone where `prlimit` is missing.
    private func limitedCommand() -> (URL, [String]) {
        let prlimit = "/usr/bin/prlimit"
        guard FileManager.default.isExecutableFile(atPath: prlimit) else { return (probe, limits.probeArguments) }
        let resourceLimits = ["--as=\(limits.memoryBytes)", "--cpu=\(limits.cpuSeconds)", "--fsize=\(limits.outputBytes)"]
        return (URL(fileURLWithPath: prlimit), resourceLimits + ["--", probe.path] + limits.probeArguments)
    }

    // MARK: - Judging

    private func judge(_ check: Check, _ reply: Reply) -> CheckResult {
        if let problem = reply.error {
            return CheckResult(check, .error, "check `\(check.id)` could not pass its inputs: \(problem)")
        }
        let output = reply.output ?? .null
        if output.matches(check.expected, tolerance: check.tolerance) {
            return CheckResult(check, .passed, check.success)
        }
        if check.isHidden { return CheckResult(check, .failed, "\(check.failure) (hidden check)") }
        return CheckResult(check, .failed, describe(check, "\(check.failure); expected \(check.expected), got \(output)"))
    }

    /// `message` followed by the check's input, which only public checks reveal.
    private func describe(_ check: Check, _ message: String) -> String {
        check.isHidden ? "\(message) (hidden check)" : "\(message); on input \(CheckValue.object(check.inputs))"
    }

    private func crashMessage(_ outcome: ProcessOutcome) -> String {
        let cause = outcome.signaled ? signalName(outcome.status) : "exit status \(outcome.status)"
        let lines = outcome.standardError.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        let evidence = lines.last { $0.contains("Fatal error") || $0.contains("fatal error") } ?? lines.last ?? ""
        let memory = outcome.signaled && evidence.lowercased().contains("alloc")
            ? " (the memory limit is \(limits.memoryBytes >> 20) MiB)" : ""
        let stopped = outcome.signaled || outcome.status != 0 ? "crashed with \(cause)" : "exited before answering"
        return "\(stopped)\(memory)" + (evidence.isEmpty ? "" : ": \(evidence.prefix(300))")
    }

    // MARK: - The channel

    private struct Reply: Decodable {
        var id: String
        var output: CheckValue?
        var error: String?
    }

    private func request(for checks: ArraySlice<Check>) -> Data {
        struct Case: Encodable { var id: String; var inputs: [String: CheckValue] }
        struct Request: Encodable { var function: String; var cases: [Case] }
        let request = Request(function: checks.first?.function ?? "",
                              cases: checks.map { Case(id: $0.id, inputs: $0.inputs) })
        return (try? JSONEncoder().encode(request)) ?? Data()
    }

    /// The first reply for each id; later lines with the same id are ignored.
    private static func replies(in text: String) -> [String: Reply] {
        var replies: [String: Reply] = [:]
        for line in text.split(separator: "\n") {
            guard let reply = try? JSONDecoder().decode(Reply.self, from: Data(line.utf8)) else { continue }
            if replies[reply.id] == nil { replies[reply.id] = reply }
        }
        return replies
    }

    /// The probe's exit statuses for a malformed request (64) and a function without an adapter (65).
    static let probeRefusals: Set<Int32> = [64, 65]

    /// The child's environment: the grader's own, without Swift's slow crash backtracer.
    private static let environment: [String: String] = {
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        return environment
    }()

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
