import Foundation
import Plumbing

/// Builds `ExerciseProbe` inside a working copy, once per grading run.
enum ProbeBuilder {
    /// The result of a build: the probe when it built, otherwise the compiler's errors.
    struct Outcome {
        var probe: URL?
        var diagnostics: [CompilerDiagnostic]
        var log: String
    }

    /// Runs `swift build --product ExerciseProbe` for the package at `packageRoot` with its own
    /// scratch folder; diagnostics name files relative to `reportedRoot` (the student's copy).
    static func build(packageRoot: URL, scratch: URL, reportedRoot: URL, timeoutSeconds: Double) throws -> Outcome {
        let outcome = try runProcess(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["swift", "build", "--package-path", packageRoot.path, "--scratch-path", scratch.path, "--product", "ExerciseProbe"],
            wallClockSeconds: timeoutSeconds)
        let log = outcome.standardOutput + outcome.standardError
        if outcome.timedOut {
            throw GradingError(file: packageRoot.path, "swift build took longer than \(Int(timeoutSeconds)) s")
        }
        if !outcome.signaled && outcome.status == 0 {
            return Outcome(probe: scratch.appendingPathComponent("debug/ExerciseProbe"), diagnostics: [], log: log)
        }
        return Outcome(probe: nil, diagnostics: diagnostics(in: log, packageRoot: packageRoot, reportedRoot: reportedRoot), log: log)
    }

    /// The distinct `path:line:column: error: message` lines of a build log, paths made relative.
    static func diagnostics(in log: String, packageRoot: URL, reportedRoot: URL) -> [CompilerDiagnostic] {
        var found: [CompilerDiagnostic] = []
        for line in log.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 4, omittingEmptySubsequences: false)
            guard parts.count == 5, parts[0].hasPrefix("/"), let row = Int(parts[1]), let column = Int(parts[2]),
                  parts[3].trimmingCharacters(in: .whitespaces) == "error" else { continue }
            var file = String(parts[0])
            for root in [packageRoot, reportedRoot] {
                let prefix = root.standardizedFileURL.path + "/"
                if file.hasPrefix(prefix) { file = String(file.dropFirst(prefix.count)); break }
            }
            let diagnostic = CompilerDiagnostic(file: file, line: row, column: column,
                                                message: parts[4].trimmingCharacters(in: .whitespaces))
            if !found.contains(diagnostic) { found.append(diagnostic) }
        }
        return found
    }
}
