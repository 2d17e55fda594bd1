import Foundation

/// The files of a working copy as a release or an isolated build sees them.
///
/// Left out: version control (`.git`), build products (`.build`, `.build-*`, `.build_*`,
/// `.swiftpm`), the lesson cache (`.lessons-cache`) and the contents of `Output/`. A release also
/// leaves out what git ignores (`ignoredPaths(under:)`); a build keeps `Package.resolved`.
enum WorkingCopy {
    /// Whether a path relative to the working copy is left out, with everything under it.
    static func isExcluded(_ relativePath: String) -> Bool {
        let components = relativePath.split(separator: "/")
        guard let first = components.first else { return false }
        if first == ".git" || first == ".lessons-cache" || (first == "Output" && components.count > 1) { return true }
        return components.contains { $0 == ".build" || $0 == ".swiftpm" || $0.hasPrefix(".build-") || $0.hasPrefix(".build_") }
    }

    /// The regular files under `root`, as sorted relative paths, without the excluded ones and
    /// without `leavingOut` (paths relative to `root`, a folder as one entry ending in `/`).
    static func files(under root: URL, leavingOut: Set<String> = []) throws -> [String] {
        let manager = FileManager.default
        guard let enumerator = manager.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey],
                                                  options: []) else {
            throw GradingError(file: root.path, "cannot list the working copy")
        }
        let prefix = root.standardizedFileURL.path + "/"
        var files: [String] = []
        for case let url as URL in enumerator {
            let relative = String(url.standardizedFileURL.path.dropFirst(prefix.count))
            let values = try url.resourceValues(forKeys: [.isRegularFileKey, .isDirectoryKey])
            if isExcluded(relative) || leavingOut.contains(values.isDirectory == true ? relative + "/" : relative) {
                if values.isDirectory == true { enumerator.skipDescendants() }
                continue
            }
            if values.isRegularFile == true { files.append(relative) }
        }
        return files.sorted()
    }

    /// The paths under `root` that git ignores, as `git ls-files --others --ignored --directory`
    /// lists them (a wholly ignored folder as one entry ending in `/`); none outside a git work tree.
    static func ignoredPaths(under root: URL) throws -> Set<String> {
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent(".git").path) else { return [] }
        let outcome = try runProcess(URL(fileURLWithPath: "/usr/bin/env"),
                                     ["git", "-C", root.path, "ls-files", "-z", "--others", "--ignored",
                                      "--exclude-standard", "--directory"],
                                     outputLimit: .max, wallClockSeconds: 60)
        guard outcome.status == 0, !outcome.signaled, !outcome.timedOut else {
            throw GradingError(file: root.path, "git ls-files failed while reading .gitignore",
                               details: outcome.standardError)
        }
        return Set(outcome.standardOutput.split(separator: "\0").map(String.init))
    }

    /// Copies `relative` from `source` to `destination` with `contents`, keeping its permissions.
    static func write(_ contents: Data, to relative: String, from source: URL, into destination: URL) throws {
        let target = destination.appendingPathComponent(relative)
        let manager = FileManager.default
        try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard manager.createFile(atPath: target.path, contents: contents) else {
            throw GradingError(file: target.path, "cannot write")
        }
        if let permissions = try? manager.attributesOfItem(atPath: source.appendingPathComponent(relative).path)[.posixPermissions] {
            try manager.setAttributes([.posixPermissions: permissions], ofItemAtPath: target.path)
        }
    }
}
