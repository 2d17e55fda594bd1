import Foundation
import Plumbing

/// What to grade and how.
public struct GradingOptions: Sendable {
    /// The submission: a working copy whose `Sources/Exercises` files are graded.
    public var workingCopy: URL
    /// The copy whose probe, exercise support files and exercise list the grader uses: the
    /// teacher's (or, for a student grading their own work, their own). Defaults to `workingCopy`.
    public var referenceCopy: URL
    /// Where the checks are. Required when the submission is not the reference copy; otherwise
    /// `Tests/ExerciseChecks` of the reference copy.
    public var checksDirectory: URL?
    /// The limits each exercise process runs under.
    public var limits: SandboxLimits
    /// Where builds happen: by default `.build-grading` in the reference copy.
    public var workDirectory: URL?
    /// Run student code without the sandbox, under the grader's own account.
    public var unsafe: Bool

    /// Creates options for `workingCopy`, graded against `referenceCopy` (itself by default).
    public init(workingCopy: URL, referenceCopy: URL? = nil, checksDirectory: URL? = nil,
                limits: SandboxLimits = SandboxLimits(), unsafe: Bool = false) {
        self.workingCopy = workingCopy.standardizedFileURL
        self.referenceCopy = (referenceCopy ?? workingCopy).standardizedFileURL
        self.checksDirectory = checksDirectory
        self.limits = limits
        self.unsafe = unsafe
    }

    /// The checks folder to use.
    /// - Throws: `GradingError` when the submission is not the reference copy and no checks
    ///   folder was named: its own check files would let it grade itself.
    public func resolvedChecksDirectory() throws -> URL {
        if let checksDirectory { return checksDirectory }
        guard workingCopy.resolvingSymlinksInPath() == referenceCopy.resolvingSymlinksInPath() else {
            throw GradingError(file: workingCopy.path, "grading another folder needs the teacher's checks: pass --checks "
                + "TEACHER/\(CheckSuite.folder) (a submission's own check files are the student's to change, "
                + "so they cannot grade it)")
        }
        return referenceCopy.appendingPathComponent(CheckSuite.folder)
    }
}

/// Grades submissions against one reference copy and one set of checks.
///
/// Made once per grading run: it loads the checks and warms the compiler's module cache by
/// building the reference copy's probe (the part every submission shares), then grades any
/// number of submissions, concurrently if asked, each in a package and sandbox of its own.
public struct Grader: Sendable {
    let reference: URL
    let suite: CheckSuite
    let sandbox: Sandbox
    let limits: SandboxLimits
    let workDirectory: URL

    /// The scratch folder, inside the reference copy, that grading builds in.
    public static let scratchFolder = ".build-grading"

    /// Prepares grading with `options` (its working copy is not graded yet).
    /// - Throws: `GradingError` when the checks cannot be read, the submission needs `--checks`,
    ///   or no sandbox can be made (without `unsafe`).
    public init(_ options: GradingOptions) throws {
        reference = options.referenceCopy
        suite = try CheckSuite.load(from: try options.resolvedChecksDirectory())
        sandbox = try Sandbox.make(unsafe: options.unsafe)
        limits = options.limits
        workDirectory = options.workDirectory ?? reference.appendingPathComponent(Self.scratchFolder)
        try warmModuleCache()
    }

    /// Grades `options.workingCopy` and returns the report.
    public static func grade(_ options: GradingOptions) throws -> GradeReport {
        try Grader(options).grade(submission: options.workingCopy)
    }

    /// The exercise numbers the checks grade, in the order reports and gradebooks list them.
    public var exerciseNumbers: [String] {
        Self.grouped(suite.checks, in: (try? ExerciseScanner.scan(workingCopy: reference)) ?? []).map(\.0)
    }

    /// Grades `submission`: builds its exercise files in a package of the grader's, then runs
    /// each exercise's checks in the sandbox. Returns after every process it started has ended.
    ///
    /// When the build fails only inside exercise functions, those exercises score zero with the
    /// compiler's messages (at the student's file and line) and the rest are built again with their
    /// bodies stubbed, so that only what cannot build costs points.
    /// - Throws: `GradingError` when the build fails without a single compiler error to show.
    public func grade(submission: URL) throws -> GradeReport {
        let job = workDirectory.appendingPathComponent("jobs/\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: job) }
        let package = try SubmissionPackage.assemble(
            submission: submission, reference: reference, exercises: try ExerciseScanner.scan(workingCopy: reference),
            into: job.appendingPathComponent("src"))
        // Sources too broken to scan (an unbalanced brace) are left to the compiler, whose
        // messages then say where; every check of such a copy scores as a compile error.
        let exercises = (try? ExerciseScanner.scan(workingCopy: package.root)) ?? []
        var build = try buildProbe(package.root, job)
        let diagnostics = build.diagnostics
        var broken: [String: [CompilerDiagnostic]] = [:]
        if build.probe == nil {
            guard !diagnostics.isEmpty else {
                throw GradingError(file: submission.path, "the exercises failed to build", details: String(build.log.suffix(4000)))
            }
            for diagnostic in diagnostics {
                let owner = exercises.first { $0.contains(file: diagnostic.file, line: diagnostic.line) }
                broken[owner?.number ?? "", default: []].append(diagnostic)
            }
            if broken[""] == nil {
                build = try buildIsolated(package.root, job, exercises.filter { broken[$0.number] != nil })
            }
        }
        var results: [ExerciseResult] = []
        for (number, checks) in Self.grouped(suite.checks, in: exercises) {
            let exercise = exercises.first { $0.number == number }
            let location = exercise.map { "\($0.file):\($0.statementLine)" } ?? ExerciseScanner.folder
            let name = exercise?.name ?? checks[0].function
            let checkResults: [CheckResult]
            if let refusal = exercise.flatMap({ package.refusedFiles[$0.file] }) {
                checkResults = checks.map { CheckResult($0, .refused, refusal) }
            } else if let probe = build.probe, broken[number] == nil {
                checkResults = ExerciseRunner(probe: probe, compiledSourceRoot: build.compiledSourceRoot, sandbox: sandbox,
                                              limits: limits, name: name, location: location).run(checks)
            } else {
                let errors = broken[number] ?? broken[""] ?? diagnostics
                let more = errors.count > 1 ? " (and \(errors.count - 1) more compiler errors)" : ""
                let message = "does not compile: " + (errors.first?.description ?? "the build failed") + more
                checkResults = checks.map { CheckResult($0, .compileError, message) }
            }
            results.append(ExerciseResult(number: number, name: name, location: location, checks: checkResults))
        }
        return GradeReport(workingCopy: submission.path, exercises: results, compilerDiagnostics: diagnostics,
                           refusedFiles: package.refusedFiles.sorted { $0.key < $1.key }.map(\.value),
                           ignoredFiles: package.ignoredFiles)
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

    // MARK: - Building

    /// The compiler's module cache shared by every submission's build (each builds on a copy).
    private var moduleCache: URL { workDirectory.appendingPathComponent("module-cache") }

    /// Builds the reference copy once, so that the module cache (Foundation's and Glibc's
    /// modules, the costly part of a cold build) is filled before any submission is built.
    private func warmModuleCache() throws {
        guard sandbox.isIsolated, !FileManager.default.fileExists(atPath: moduleCache.path) else { return }
        let job = workDirectory.appendingPathComponent("jobs/\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: job) }
        let package = try SubmissionPackage.assemble(submission: reference, reference: reference,
                                                     exercises: try ExerciseScanner.scan(workingCopy: reference),
                                                     into: job.appendingPathComponent("src"))
        let build = try ProbeBuilder.build(package: package.root, into: job.appendingPathComponent("build"),
                                           sharedCache: nil, sandbox: sandbox)
        guard build.probe != nil else { return }
        // Another grading run may have filled the cache meanwhile; either copy will do.
        try? FileManager.default.moveItem(at: job.appendingPathComponent("build/module-cache"), to: moduleCache)
    }

    /// The probe of `package`: built before with the same sources (only in the sandbox, where
    /// they are always compiled at the same path), or built now.
    private func buildProbe(_ package: URL, _ job: URL) throws -> ProbeBuilder.Outcome {
        let cache = ProbeCache(folder: workDirectory.appendingPathComponent("probes"))
        if sandbox.isIsolated, let probe = cache.probe(for: package, compiler: sandbox.compiler) {
            return ProbeBuilder.Outcome(compiledSourceRoot: ProbeBuilder.sourceMount(package).inside, probe: probe,
                                        diagnostics: [], log: "")
        }
        let build = try ProbeBuilder.build(package: package, into: job.appendingPathComponent("build"),
                                           sharedCache: moduleCache, sandbox: sandbox)
        if sandbox.isIsolated, let probe = build.probe { cache.store(probe, for: package, compiler: sandbox.compiler) }
        return build
    }

    /// Builds a copy of the package in which the bodies of `failing` are stubs.
    private func buildIsolated(_ package: URL, _ job: URL, _ failing: [ExerciseDescriptor]) throws -> ProbeBuilder.Outcome {
        let copy = job.appendingPathComponent("isolated-src")
        try FileManager.default.copyItem(at: package, to: copy)
        for file in Set(failing.map(\.file)) {
            let url = copy.appendingPathComponent(file)
            let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            try Data(SolutionStripper.replacingBodies(text, of: failing.filter { $0.file == file }).utf8).write(to: url)
        }
        return try ProbeBuilder.build(package: copy, into: job.appendingPathComponent("isolated-build"),
                                      sharedCache: moduleCache, sandbox: sandbox)
    }
}
