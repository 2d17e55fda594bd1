import Foundation
import Grading

/// The repository this test file belongs to.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The teacher's hidden checks; a student edition has none, and skips the end-to-end tests.
let hiddenChecksFile = repositoryRoot.appendingPathComponent("Tests/ExerciseChecks/lesson01.hidden.json")

/// Whether this is the teacher's edition (solutions and hidden checks present).
let isTeacherEdition = FileManager.default.fileExists(atPath: hiddenChecksFile.path)

/// The checks of every lesson in the teacher's copy, read from `Tests/ExerciseChecks/*.json`.
func teacherChecks(hidden: Bool) throws -> [Check] {
    struct CheckFile: Decodable { var checks: [Check] }
    let folder = repositoryRoot.appendingPathComponent("Tests/ExerciseChecks")
    let suffix = hidden ? ".hidden.json" : ".public.json"
    return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(suffix) }.sorted()
        .flatMap { try JSONDecoder().decode(CheckFile.self, from: Data(contentsOf: folder.appendingPathComponent($0))).checks }
}

/// The exercise numbers that the teacher's checks grade, in order ("1.1", "1.2", ..., "3.2").
func gradedExerciseNumbers() throws -> [String] {
    let numbers = Set(try teacherChecks(hidden: false).map(\.exercise))
    return numbers.sorted { $0.split(separator: ".").compactMap { Int($0) }.lexicographicallyPrecedes($1.split(separator: ".").compactMap { Int($0) }) }
}

/// The files a release rewrites: every lesson's exercise file and checks script, and the manifest
/// (whose teacher-only test targets are hidden).
func filesChangedByRelease() -> Set<String> {
    Set(listFiles(under: repositoryRoot).filter {
        $0 == "Package.swift" || ($0.hasPrefix("Sources/Exercises/Lesson") && $0.hasSuffix(".swift"))
            || ($0.hasPrefix("scripts/reference/lesson") && $0.hasSuffix("_checks.py"))
    })
}

/// The folder of this test process's copies, removed when the process exits.
let scratchRoot = FileManager.default.temporaryDirectory
    .appendingPathComponent("grading-tests-\(ProcessInfo.processInfo.processIdentifier)")

/// A fresh, empty folder under `scratchRoot`.
func temporaryFolder(_ name: String) -> URL {
    scratchRoot.appendingPathComponent("\(name)-\(UUID().uuidString)")
}

/// The files git would commit under `root` (tracked or not ignored, and present), sorted; the
/// independent account of what `.gitignore` leaves out of a release.
func filesGitKeeps(under root: URL) throws -> [String] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-C", root.path, "ls-files", "-z", "--cached", "--others", "--exclude-standard"]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let listing = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return listing.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        .filter { FileManager.default.fileExists(atPath: root.appendingPathComponent($0).path) }.sorted()
}

/// The regular files under `root`, relative, without `.git`, build folders and `Output/` contents.
func listFiles(under root: URL) -> [String] {
    let prefix = root.standardizedFileURL.path + "/"
    var files: [String] = []
    let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
    while let url = enumerator?.nextObject() as? URL {
        let relative = String(url.standardizedFileURL.path.dropFirst(prefix.count))
        let first = relative.split(separator: "/").first.map(String.init) ?? ""
        if first == ".git" || first.hasPrefix(".build") || first == ".swiftpm" || first == ".lessons-cache"
            || relative.hasPrefix("Output/") {
            enumerator?.skipDescendants()
            continue
        }
        if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { files.append(relative) }
    }
    return files.sorted()
}

/// Copies the regular files of `folder` to `destination`, without build folders (which a grading
/// running meanwhile may be writing) and `Output/` contents.
func copyFiles(of folder: URL, to destination: URL) throws {
    for file in listFiles(under: folder) {
        let target = destination.appendingPathComponent(file)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: folder.appendingPathComponent(file), to: target)
    }
}

/// Copies the teacher's working copy to a new folder, applying `edit` to the exercise file.
func plantedCopy(editing edit: (String) -> String) throws -> URL {
    let copy = temporaryFolder("planted")
    for file in listFiles(under: repositoryRoot) {
        let target = copy.appendingPathComponent(file)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        var data = try Data(contentsOf: repositoryRoot.appendingPathComponent(file))
        if file == exerciseFile { data = Data(edit(String(decoding: data, as: UTF8.self)).utf8) }
        try data.write(to: target)
    }
    return copy
}

/// The lesson 1 exercise file, relative to a working copy.
let exerciseFile = "Sources/Exercises/Lesson01.swift"

/// The reference solutions of `text`: the lines strictly between each BEGIN/END SOLUTION pair.
func solutionBlocks(_ text: String) -> [[String]] {
    var blocks: [[String]] = [], current: [String]?
    for line in text.components(separatedBy: "\n") {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed == "// BEGIN SOLUTION" { current = [] } else if trimmed == "// END SOLUTION" {
            blocks.append(current ?? [])
            current = nil
        } else {
            current?.append(line)
        }
    }
    return blocks
}

/// `text` with its `index`-th solution block (markers kept) replaced by `body`.
func replacingSolution(_ index: Int, in text: String, with body: String) -> String {
    let block = solutionBlocks(text)[index].joined(separator: "\n")
    guard let range = text.range(of: block) else { return text }
    return text.replacingCharacters(in: range, with: body)
}

/// Builds each fixture once and shares it between the end-to-end tests.
actor EndToEndFixtures {
    static let shared = EndToEndFixtures()

    private init() {
        atexit { try? FileManager.default.removeItem(at: scratchRoot) }
    }

    private var tasks: [String: Task<any Sendable, Error>] = [:]

    /// The value `make` computes, computed once per `key`.
    func value<Value: Sendable>(_ key: String, _ make: @escaping @Sendable () throws -> Value) async throws -> Value {
        let task = tasks[key] ?? Task.detached { try make() as any Sendable }
        tasks[key] = task
        guard let value = try await task.value as? Value else { throw GradingError("fixture `\(key)` has another type") }
        return value
    }
}
