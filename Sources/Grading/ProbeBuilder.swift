import Foundation
import Plumbing

/// Compiles a `SubmissionPackage` into an `ExerciseProbe` with `swiftc`, inside the sandbox.
///
/// Two compiler runs: the `Exercises` module (support files and the submitted exercise files)
/// into a static library, then the probe linked against it. No package manifest is read, so no
/// code of the submission runs at build time; the compiler itself runs sandboxed, seeing the
/// package read-only and writing only to the build folder and a copy of the module cache.
enum ProbeBuilder {
    /// The result of a build: the probe when it built, otherwise the compiler's errors.
    struct Outcome {
        /// Where the compiler saw the package's root: the path backtraces and diagnostics name.
        var compiledSourceRoot: String
        var probe: URL?
        var diagnostics: [CompilerDiagnostic]
        var log: String
    }

    /// Builds the package at `package` into `build`, starting from a copy of the module cache
    /// `sharedCache` (when it exists and the build is sandboxed) and leaving the cache it used in
    /// `build/module-cache`.
    static func build(package: URL, into build: URL, sharedCache: URL?, sandbox: Sandbox) throws -> Outcome {
        let manager = FileManager.default
        try? manager.removeItem(at: build)
        try manager.createDirectory(at: build, withIntermediateDirectories: true)
        let cache = build.appendingPathComponent("module-cache")
        // Clang's modules record the cache's path, so a copy serves only where every build sees
        // it at the same place: in the sandbox.
        if let sharedCache, sandbox.isIsolated, manager.fileExists(atPath: sharedCache.path) {
            try manager.copyItem(at: sharedCache, to: cache)
        } else {
            try manager.createDirectory(at: cache, withIntermediateDirectories: true)
        }
        let source = sourceMount(package)
        let output = Mount(host: build, inside: "/grading/build", writable: true)
        let (src, out) = (sandbox.path(source), sandbox.path(output))
        let common = ["-Onone", "-g", "-module-cache-path", "\(out)/module-cache"]
        let exercises = try SubmissionPackage.swiftFiles(in: ExerciseScanner.folder, of: package)
        let probe = try SubmissionPackage.swiftFiles(in: SubmissionPackage.probeFolder, of: package)
        let steps = [
            ["-module-name", "Exercises", "-parse-as-library", "-emit-module", "-emit-module-path", "\(out)/Exercises.swiftmodule",
             "-emit-library", "-static", "-o", "\(out)/libExercises.a"] + common + exercises.map { "\(src)/\($0)" },
            ["-module-name", "ExerciseProbe", "-I", out, "-L", out, "-lExercises", "-o", "\(out)/ExerciseProbe"]
                + common + probe.map { "\(src)/\($0)" },
        ]
        var log = ""
        for arguments in steps {
            let (executable, wrapped) = sandbox.command(sandbox.compiler.path, arguments, mounts: [source, output],
                                                        limits: .build)
            let outcome = try runProcess(executable, wrapped, wallClockSeconds: SandboxLimits.build.wallClockSeconds)
            log += outcome.standardOutput + outcome.standardError
            if outcome.timedOut {
                throw GradingError(file: package.path, "the build took longer than \(Int(SandboxLimits.build.wallClockSeconds)) s")
            }
            if outcome.signaled || outcome.status != 0 {
                return Outcome(compiledSourceRoot: src, probe: nil, diagnostics: diagnostics(in: log, roots: [src, package.path]), log: log)
            }
        }
        return Outcome(compiledSourceRoot: src, probe: build.appendingPathComponent("ExerciseProbe"), diagnostics: [], log: log)
    }

    /// Where the sandboxed compiler sees `package`.
    static func sourceMount(_ package: URL) -> Mount {
        Mount(host: package, inside: "/grading/src")
    }

    /// The distinct `path:line:column: error: message` lines of a build log, paths made relative
    /// to the first of `roots` they start with.
    static func diagnostics(in log: String, roots: [String]) -> [CompilerDiagnostic] {
        var found: [CompilerDiagnostic] = []
        for line in log.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 4, omittingEmptySubsequences: false)
            guard parts.count == 5, parts[0].hasPrefix("/"), let row = Int(parts[1]), let column = Int(parts[2]),
                  parts[3].trimmingCharacters(in: .whitespaces) == "error" else { continue }
            var file = String(parts[0])
            if let root = roots.first(where: { file.hasPrefix($0 + "/") }) { file = String(file.dropFirst(root.count + 1)) }
            let diagnostic = CompilerDiagnostic(file: file, line: row, column: column,
                                                message: parts[4].trimmingCharacters(in: .whitespaces))
            if !found.contains(diagnostic) { found.append(diagnostic) }
        }
        return found
    }
}
