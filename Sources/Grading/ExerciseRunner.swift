import Foundation
import Plumbing

/// Runs the checks of one exercise in sandboxed, resource-limited processes and judges them.
///
/// Why the verdict cannot be forged: the child (`ExerciseProbe`, built by the grader from its own
/// probe sources and the submitted exercise files) runs in the `Sandbox`, where neither the check
/// files nor the grader's command line are visible. It receives on standard input only the inputs
/// of each check, never the expected values, and sends back only the outputs of the student's
/// function, one JSON line per call, on a channel kept apart from the standard output that the
/// student's code prints to. This process, the trusted grader, decides pass or fail by comparing
/// those outputs with the expected values it alone holds. Forging a reply line only chooses the
/// output being judged, which the student's function could have returned anyway.
///
/// Each check is called twice in a row with the same inputs; different outputs (unseeded
/// randomness, state kept between calls) score zero as nondeterministic.
///
/// Isolation: one sandbox per function an exercise calls, under `RLIMIT_AS`, `RLIMIT_CPU` and
/// `RLIMIT_FSIZE` (set by `prlimit(1)` before the sandbox starts, and again by the probe before
/// any student code runs) and a wall-clock limit enforced here with SIGKILL, which takes every
/// process of the sandbox with it. A crash fails the check it happened in and the remaining
/// checks run in a fresh sandbox; a timeout fails the function's remaining checks, so one
/// function costs at most one wall-clock limit.
struct ExerciseRunner {
    /// The probe the grader built.
    var probe: URL
    /// Where the probe's sources were when it was compiled, to find the student's line in a backtrace.
    var compiledSourceRoot: String
    var sandbox: Sandbox
    var limits: SandboxLimits
    /// The exercise's function name, for "not implemented" feedback.
    var name: String
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
        let mount = Mount(host: probe, inside: "/grading/ExerciseProbe")
        while !remaining.isEmpty {
            let outcome: ProcessOutcome
            do {
                let (executable, arguments) = sandbox.command(sandbox.path(mount), limits.probeArguments,
                                                              mounts: [mount], limits: limits)
                outcome = try runProcess(executable, arguments, input: request(for: remaining),
                                         wallClockSeconds: limits.wallClockSeconds)
            } catch {
                return results + remaining.map { CheckResult($0, .error, "the grader could not run the exercise: \(error)") }
            }
            let replies = Self.replies(in: outcome.standardOutput)
            while let check = remaining.first, let first = replies[Self.call(1, check)], let second = replies[Self.call(2, check)] {
                results.append(judge(check, first, second))
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
            results.append(CheckResult(stopped, .crashed, describe(stopped, crashMessage(outcome, showingOutput: !stopped.isHidden))))
            remaining = remaining.dropFirst()
        }
        return results
    }

    // MARK: - Judging

    private func judge(_ check: Check, _ reply: Reply, _ repeated: Reply) -> CheckResult {
        if let problem = reply.error {
            return CheckResult(check, .error, "check `\(check.id)` could not pass its inputs: \(problem)")
        }
        let output = reply.output ?? .null, again = repeated.output ?? .null
        if !output.matches(again, tolerance: 0) {
            let outputs = check.isHidden ? "" : ": \(output), then \(again)"
            return CheckResult(check, .nondeterministic, describe(check, "gave different outputs on two calls with the same "
                + "inputs\(outputs) (unseeded randomness, or state kept between calls?)"))
        }
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

    /// How the process ended, at the student's line when the backtrace shows one, and, when
    /// `showingOutput` (public checks only: student code could print a hidden input), the
    /// runtime's message.
    private func crashMessage(_ outcome: ProcessOutcome, showingOutput: Bool) -> String {
        // bubblewrap exits with 128 + N when the sandboxed process died of signal N.
        let signal = outcome.signaled ? outcome.status : (sandbox.isIsolated && outcome.status > 128 ? outcome.status - 128 : nil)
        let cause = signal.map(signalName) ?? "exit status \(outcome.status)"
        let lines = outcome.standardError.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        let evidence = lines.last { $0.contains("Fatal error") || $0.contains("fatal error") }
            ?? lines.last { !$0.hasPrefix("***") && !$0.contains("Backtrac") } ?? ""
        let memory = signal != nil && evidence.lowercased().contains("alloc")
            ? " (the memory limit is \(limits.memoryBytes >> 20) MiB)" : ""
        let stopped = signal != nil || outcome.status != 0 ? "crashed with \(cause)" : "exited before answering"
        let place = studentLine(in: lines).map { " at \($0)" } ?? ""
        return "\(stopped)\(place)\(memory)" + (evidence.isEmpty || !showingOutput ? "" : ": \(evidence.prefix(300))")
    }

    /// The first backtrace frame in an exercise file, `Sources/Exercises/Lesson01.swift:16`.
    private func studentLine(in lines: [String]) -> String? {
        let marker = " at \(compiledSourceRoot)/\(ExerciseScanner.folder)/"
        for line in lines {
            guard let range = line.range(of: marker) else { continue }
            let place = line[range.upperBound...].split(separator: ":")
            guard place.count >= 2, Int(place[1]) != nil else { continue }
            return "\(ExerciseScanner.folder)/\(place[0]):\(place[1])"
        }
        return nil
    }

    // MARK: - The channel

    private struct Reply: Decodable {
        var id: String
        var output: CheckValue?
        var error: String?
    }

    /// Every check called twice in a row, as `1/ID` then `2/ID`.
    private func request(for checks: ArraySlice<Check>) -> Data {
        struct Case: Encodable { var id: String; var inputs: [String: CheckValue] }
        struct Request: Encodable { var function: String; var cases: [Case] }
        let cases = checks.flatMap { check in [1, 2].map { Case(id: Self.call($0, check), inputs: check.inputs) } }
        let request = Request(function: checks.first?.function ?? "", cases: cases)
        return (try? JSONEncoder().encode(request)) ?? Data()
    }

    /// The id of the `number`-th call of `check` in a request.
    private static func call(_ number: Int, _ check: Check) -> String {
        "\(number)/\(check.id)"
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


    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
