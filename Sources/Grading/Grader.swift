import Foundation
import Plumbing

/// What to grade and how.
public struct GradingOptions: Sendable {
    /// The working copy: a package with `Sources/Exercises` and `Sources/ExerciseProbe`.
    public var workingCopy: URL
    /// Where the checks are; by default `Tests/ExerciseChecks` of the working copy. Point it at a
    /// teacher's copy to grade a submission with the hidden checks too.
    public var checksDirectory: URL?
    /// The limits each exercise process runs under.
    public var limits: SandboxLimits
    /// The longest a build may take.
    public var buildTimeoutSeconds: Double

    /// Creates options for `workingCopy`.
    public init(workingCopy: URL, checksDirectory: URL? = nil, limits: SandboxLimits = SandboxLimits(),
                buildTimeoutSeconds: Double = 1800) {
        self.workingCopy = workingCopy.standardizedFileURL
        self.checksDirectory = checksDirectory
        self.limits = limits
        self.buildTimeoutSeconds = buildTimeoutSeconds
    }
}

/// Grades a working copy: build the probe once, then each exercise in its own limited process.
public enum Grader {
    /// The scratch folder, inside the working copy, that grading builds in.
    public static let scratchFolder = ".build-grading"

    /// Grades `options.workingCopy` and returns the report.
    ///
    /// When the build fails only inside exercise functions, those exercises score zero with the
    /// compiler's messages (at the student's file and line) and the rest are built again with their
    /// bodies stubbed, so that only what cannot build costs points.
    /// - Throws: `GradingError` when there are no checks, or the build fails without a single
    ///   compiler error to show.
    public static func grade(_ options: GradingOptions) throws -> GradeReport {
        let root = options.workingCopy
        let suite = try CheckSuite.load(from: options.checksDirectory ?? root.appendingPathComponent(CheckSuite.folder))
        // Sources too broken to scan (an unbalanced brace) are left to the compiler, whose
        // messages then say where; every check of such a copy scores as a compile error.
        let exercises = (try? ExerciseScanner.scan(workingCopy: root)) ?? []
        let scratch = root.appendingPathComponent(scratchFolder)
        var build = try ProbeBuilder.build(packageRoot: root, scratch: scratch.appendingPathComponent("build"),
                                           reportedRoot: root, timeoutSeconds: options.buildTimeoutSeconds)
        let diagnostics = build.diagnostics
        var broken: [String: [CompilerDiagnostic]] = [:]
        if build.probe == nil {
            guard !diagnostics.isEmpty else {
                throw GradingError(file: root.path, "swift build failed", details: String(build.log.suffix(4000)))
            }
            let owners = diagnostics.map { diagnostic in
                exercises.first { $0.contains(file: diagnostic.file, line: diagnostic.line) }
            }
            for (diagnostic, owner) in zip(diagnostics, owners) { broken[owner?.number ?? "", default: []].append(diagnostic) }
            if broken[""] == nil {
                build = try buildIsolated(root, scratch, exercises.filter { broken[$0.number] != nil }, options)
            }
        }
        var results: [ExerciseResult] = []
        for (number, checks) in grouped(suite.checks, in: exercises) {
            let exercise = exercises.first { $0.number == number }
            let location = exercise.map { "\($0.file):\($0.statementLine)" } ?? ExerciseScanner.folder
            let checkResults: [CheckResult]
            if let probe = build.probe, broken[number] == nil {
                checkResults = ExerciseRunner(probe: probe, limits: options.limits, location: location).run(checks)
            } else {
                let errors = broken[number] ?? broken[""] ?? diagnostics
                let more = errors.count > 1 ? " (and \(errors.count - 1) more compiler errors)" : ""
                let message = "does not compile: " + (errors.first?.description ?? "swift build failed") + more
                checkResults = checks.map { CheckResult($0, .compileError, message) }
            }
            results.append(ExerciseResult(number: number, name: exercise?.name ?? checks[0].function,
                                          location: location, checks: checkResults))
        }
        return GradeReport(workingCopy: root.path, exercises: results, compilerDiagnostics: diagnostics)
    }

    /// The checks grouped by exercise, in the order the exercises appear in the sources, then
    /// any checks whose exercise was not found.
    static func grouped(_ checks: [Check], in exercises: [ExerciseDescriptor]) -> [(String, [Check])] {
        var order = exercises.map(\.number)
        for check in checks where !order.contains(check.exercise) { order.append(check.exercise) }
        return order.compactMap { number in
            let group = checks.filter { $0.exercise == number }
            return group.isEmpty ? nil : (number, group)
        }
    }

    /// Builds a copy of the working copy in which the bodies of `failing` are stubs.
    private static func buildIsolated(_ root: URL, _ scratch: URL, _ failing: [ExerciseDescriptor],
                                      _ options: GradingOptions) throws -> ProbeBuilder.Outcome {
        let copy = scratch.appendingPathComponent("isolated-source")
        try? FileManager.default.removeItem(at: copy)
        for file in try WorkingCopy.files(under: root) {
            var data = try Data(contentsOf: root.appendingPathComponent(file))
            let stubbed = failing.filter { $0.file == file }
            if !stubbed.isEmpty {
                data = Data(SolutionStripper.replacingBodies(String(decoding: data, as: UTF8.self), of: stubbed).utf8)
            }
            try WorkingCopy.write(data, to: file, from: root, into: copy)
        }
        return try ProbeBuilder.build(packageRoot: copy, scratch: scratch.appendingPathComponent("isolated-build"),
                                      reportedRoot: root, timeoutSeconds: options.buildTimeoutSeconds)
    }
}
