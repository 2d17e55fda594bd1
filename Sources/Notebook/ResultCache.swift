import Foundation

/// Run results stored under a key made of the lesson's path, its code cells and their options,
/// and the fingerprint of the toolchain and library. Editing prose leaves the key unchanged, so
/// the page re-renders without running anything.
///
/// Entries are written to a unique temporary file and renamed into place, so an interrupted or a
/// concurrent build never leaves a torn entry, and an unreadable entry is treated as a miss.
public struct ResultCache: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// The cache key of `lesson` under a library `fingerprint`.
    public static func key(for lesson: Lesson, fingerprint: String) -> String {
        var hasher = SHA256()
        hasher.update(field: "lesson-cache-v1")
        hasher.update(field: fingerprint)
        hasher.update(field: lesson.path)
        for cell in lesson.cells {
            hasher.update(field: "\(cell.number) \(cell.firstLine) \(cell.options.canonical)")
            hasher.update(field: cell.source)
        }
        return hasher.hexDigest()
    }

    /// The stored result for `key`, if there is a readable one.
    public func load(key: String) -> RunResult? {
        guard let data = FileManager.default.contents(atPath: entry(key).path) else { return nil }
        return try? JSONDecoder().decode(RunResult.self, from: data)
    }

    /// Stores `result` under `key`, atomically.
    public func store(_ result: RunResult, key: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try AtomicFile.write(try encoder.encode(result), to: entry(key))
    }

    private func entry(_ key: String) -> URL {
        directory.appendingPathComponent("\(key).json")
    }
}

/// Writes files by writing a temporary file beside them and renaming it into place.
public enum AtomicFile {
    /// Writes `data` to `url` atomically, creating the folder if needed.
    public static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
            try data.write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw RunnerError(file: url.path, stage: .io, summary: "cannot write: \(reason)")
            }
        } catch let error as RunnerError {
            throw error
        } catch {
            throw RunnerError(file: url.path, stage: .io, summary: "cannot write: \(error.localizedDescription)")
        }
    }

    /// Writes `text` as UTF-8 to `url` atomically.
    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }
}
