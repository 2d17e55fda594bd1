import Foundation

/// What a release wrote.
public struct ReleaseSummary: Sendable {
    /// The grade of the teacher's copy that allowed the release: every check passed.
    public var teacherReport: GradeReport
    /// The files written, relative to the destination.
    public var files: [String]
    /// The exercises found in the sources; their solutions are stubs in the release.
    public var stubbedExercises: [ExerciseDescriptor]
    /// The files left out because they hold hidden checks.
    public var hiddenFilesLeftOut: [String]
}

/// Writes the student edition of a working copy.
public enum Releaser {
    /// Grades `source` with every check, and only when all pass writes its student edition into
    /// `destination` (which must be empty or absent, and outside `source`): solutions replaced
    /// by stubs, files of hidden checks and hidden blocks left out, everything else identical.
    /// - Throws: `GradingError` when a reference solution fails a check, when a marker is
    ///   unbalanced, or when a hidden check's id would still appear in the release.
    public static func release(_ options: GradingOptions, to destination: URL) throws -> ReleaseSummary {
        let source = options.workingCopy
        let target = destination.standardizedFileURL
        try checkDestination(target, source: source)
        let report = try Grader.grade(options)
        guard report.allPassed, report.hiddenChecks + report.publicChecks > 0 else {
            let failing = report.exercises.flatMap(\.checks).filter { $0.status != .passed }
                .map { "  \($0.id): \($0.status.rawValue): \($0.message)" }
            throw GradingError(file: source.path, "refusing to release: the reference solutions fail \(failing.count) checks",
                               details: failing.joined(separator: "\n"))
        }
        let exercises = try ExerciseScanner.scan(workingCopy: source)
        let hiddenIDs = report.exercises.flatMap(\.checks).filter(\.isHidden).map(\.id)
        var written: [String] = [], leftOut: [String] = []
        for file in try WorkingCopy.files(under: source, leavingOut: try WorkingCopy.ignoredPaths(under: source)) {
            if CheckSuite.isHiddenFile((file as NSString).lastPathComponent) { leftOut.append(file); continue }
            var data = try Data(contentsOf: source.appendingPathComponent(file))
            if let text = String(data: data, encoding: .utf8) {
                var released = try SolutionStripper.strippingHiddenBlocks(text, file: file)
                if file.hasPrefix(ExerciseScanner.folder + "/") && file.hasSuffix(".swift") {
                    released = try SolutionStripper.strippingSolutions(released, file: file, exercises: try ExerciseScanner.scan(text: released, file: file))
                }
                if let leak = hiddenIDs.first(where: { released.contains($0) }) {
                    throw GradingError(file: file, "hidden check `\(leak)` would appear in the student edition")
                }
                data = Data(released.utf8)
            }
            try WorkingCopy.write(data, to: file, from: source, into: target)
            written.append(file)
        }
        try FileManager.default.createDirectory(at: target.appendingPathComponent("Output"), withIntermediateDirectories: true)
        return ReleaseSummary(teacherReport: report, files: written, stubbedExercises: exercises, hiddenFilesLeftOut: leftOut)
    }

    private static func checkDestination(_ target: URL, source: URL) throws {
        if (target.path + "/").hasPrefix(source.path + "/") {
            throw GradingError(file: target.path, "the release must go outside the working copy \(source.path)")
        }
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: target.path)) ?? []
        if !contents.isEmpty {
            throw GradingError(file: target.path, "the release folder is not empty (\(contents.count) entries)")
        }
    }
}
