import Foundation

/// The package the grader builds for one submission: its own probe and exercise support files,
/// taken from the reference copy, plus only the submission's exercise files.
///
/// Nothing else of the submission is used: its manifest, its probe and the rest of its sources
/// never reach the compiler, and the files among them that differ from the reference's are
/// listed in the report as ignored. An exercise file is copied only when it, `Sources` and
/// `Sources/Exercises` are a plain file and plain folders; a symbolic link, a hard link or any
/// other kind of file is refused, and the reference's file with its solutions stubbed takes its place, so that
/// it costs only its own exercises.
struct SubmissionPackage {
    /// The package's root, laid out as `Sources/Exercises` and `Sources/ExerciseProbe`.
    var root: URL
    /// Why each refused exercise file was refused, by relative path.
    var refusedFiles: [String: String]
    /// The submitted files that differ from the reference's, or that it lacks, and were ignored.
    var ignoredFiles: [String]

    /// The folder of the probe's sources inside a working copy.
    static let probeFolder = "Sources/ExerciseProbe"
    /// The largest exercise file accepted.
    static let largestFile = 1 << 20

    /// Writes the package for `submission` into `root`, with the reference's probe and support
    /// files and the files holding `exercises` (found in the reference) from the submission.
    static func assemble(submission: URL, reference: URL, exercises: [ExerciseDescriptor], into root: URL) throws -> SubmissionPackage {
        let manager = FileManager.default
        try? manager.removeItem(at: root)
        let exerciseFiles = Set(exercises.map(\.file))
        var refused: [String: String] = [:]
        let supportFiles = try swiftFiles(in: ExerciseScanner.folder, of: reference)
            + (try swiftFiles(in: probeFolder, of: reference))
        for file in supportFiles {
            var data = try Data(contentsOf: reference.appendingPathComponent(file))
            if exerciseFiles.contains(file) {
                do {
                    data = try submittedFile(file, of: submission)
                } catch let error as GradingError {
                    refused[file] = error.summary
                    let text = String(decoding: data, as: UTF8.self)
                    let stubbed = try SolutionStripper.strippingSolutions(text, file: file, exercises: exercises.filter { $0.file == file })
                    data = Data(stubbed.utf8)
                }
            }
            try write(data, to: root.appendingPathComponent(file))
        }
        for name in (try? manager.contentsOfDirectory(atPath: submission.appendingPathComponent(ExerciseScanner.folder).path)) ?? [] {
            let file = "\(ExerciseScanner.folder)/\(name)"
            if !exerciseFiles.contains(file), let problem = nonRegularProblem(submission.appendingPathComponent(file)) {
                refused[file] = "\(file) \(problem); it was not used"
            }
        }
        let ignored = try differingFiles(of: submission, from: reference, skipping: exerciseFiles.union(refused.keys))
        return SubmissionPackage(root: root, refusedFiles: refused, ignoredFiles: ignored)
    }

    /// The `.swift` files of `folder` in `copy`, as paths relative to the copy, sorted.
    static func swiftFiles(in folder: String, of copy: URL) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: copy.appendingPathComponent(folder).path)
        return names.filter { $0.hasSuffix(".swift") }.sorted().map { "\(folder)/\($0)" }
    }

    // MARK: - Reading the submission

    /// The contents of `file` in `submission`, read only when every component of its path is a
    /// plain folder or file.
    private static func submittedFile(_ file: String, of submission: URL) throws -> Data {
        var path = submission
        for component in file.split(separator: "/") {
            path = path.appendingPathComponent(String(component))
            if let problem = nonRegularProblem(path, expectingFolder: path.path != submission.appendingPathComponent(file).path) {
                throw GradingError(file: file, "\(relative(path, to: submission)) \(problem); its exercises score zero")
            }
        }
        guard let handle = FileHandle(forReadingAtPath: path.path) else {
            throw GradingError(file: file, "\(file) cannot be read; its exercises score zero")
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: largestFile + 1)) ?? Data()
        guard data.count <= largestFile else {
            throw GradingError(file: file, "\(file) is larger than \(largestFile >> 20) MiB; its exercises score zero")
        }
        return data
    }

    /// What is wrong with the file at `url` (not following links), or nil for a plain file (or a
    /// plain folder when `expectingFolder`).
    private static func nonRegularProblem(_ url: URL, expectingFolder: Bool = false) -> String? {
        var status = stat()
        guard lstat(url.path, &status) == 0 else { return "is missing" }
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            if expectingFolder { return "is a file, not a folder" }
            // A hard link to the teacher's file would be the teacher's solutions under another name.
            return status.st_nlink > 1 ? "is a hard link shared with another file, not a file of its own" : nil
        case S_IFDIR: return expectingFolder ? nil : "is a folder, not a file"
        case S_IFLNK: return "is a symbolic link, not the file itself"
        default: return "is not a regular file"
        }
    }

    private static func relative(_ url: URL, to root: URL) -> String {
        String(url.path.dropFirst(root.path.count + 1))
    }

    // MARK: - Files that were ignored

    /// The submission's package files (the manifest, `Sources/`, `Tests/`) that the reference
    /// lacks or holds with other contents, after the release's hidden blocks are left out.
    private static func differingFiles(of submission: URL, from reference: URL, skipping: Set<String>) throws -> [String] {
        let files = try WorkingCopy.files(under: submission).filter { file in
            !skipping.contains(file) && (file.hasPrefix("Package.") || file.hasPrefix("Sources/") || file.hasPrefix("Tests/"))
                && nonRegularProblem(submission.appendingPathComponent(file)) == nil
        }
        return files.filter { file in
            guard let submitted = try? Data(contentsOf: submission.appendingPathComponent(file)),
                  let original = try? Data(contentsOf: reference.appendingPathComponent(file)) else { return true }
            if submitted == original { return false }
            let released = try? SolutionStripper.strippingHiddenBlocks(String(decoding: original, as: UTF8.self), file: file)
            return released.map { Data($0.utf8) != submitted } ?? true
        }
    }

    private static func write(_ data: Data, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: url.path, contents: data, attributes: [.posixPermissions: 0o644]) else {
            throw GradingError(file: url.path, "cannot write")
        }
    }
}
