import Foundation

/// Run results stored under a key made of what changes a lesson's outputs: its path, its cells'
/// code and run-affecting options (`no-run`, `expect-error`, `timeout`), and the fingerprint of
/// the toolchain and library. Prose, a cell's position in the file and display options
/// (`hide-code`, `hide-output`) are not in the key: editing them re-renders without running.
///
/// Lesson locations in stored messages (`Lessons/x.md:42:7`) are kept relative to their cell, so
/// they are right again after prose above the cell moved it. An entry that does not match the
/// lesson's cells is ignored, and so is an unreadable one. Entries are written to a unique
/// temporary file and renamed into place, so an interrupted or a concurrent build never leaves a
/// torn entry.
public struct ResultCache: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// The cache key of `lesson` under a library `fingerprint`.
    public static func key(for lesson: Lesson, fingerprint: String) -> String {
        var hasher = SHA256()
        hasher.update(field: "lesson-cache-v2")
        hasher.update(field: fingerprint)
        hasher.update(field: lesson.path)
        for cell in lesson.cells {
            let options = cell.options
            hasher.update(field: "\(cell.number) no-run=\(options.noRun) expect-error=\(options.expectError) timeout=\(options.timeout)")
            hasher.update(field: cell.source)
        }
        return hasher.hexDigest()
    }

    /// The stored result of `lesson` under `key`, with its locations placed at the lesson's
    /// current lines; `nil` when there is none, it is unreadable, or its cells are not the lesson's.
    public func load(key: String, lesson: Lesson) -> RunResult? {
        guard let data = FileManager.default.contents(atPath: entry(key).path),
              let stored = try? JSONDecoder().decode(RunResult.self, from: data),
              stored.cells.map(\.number) == lesson.cells.map(\.number) else { return nil }
        return LessonLocations(lesson: lesson).resolved(stored)
    }

    /// Stores `result` of `lesson` under `key`, atomically.
    public func store(_ result: RunResult, of lesson: Lesson, key: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try AtomicFile.write(try encoder.encode(LessonLocations(lesson: lesson).anchored(result)), to: entry(key))
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
