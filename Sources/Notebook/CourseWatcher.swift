import Foundation

/// Watches the course's files for `lessons serve`: the lesson files (and the bibliography) in the
/// lessons folder, and the library's Swift sources. Each look compares modification times with
/// the previous look.
public struct CourseWatcher {
    /// What changed since the previous look.
    public struct Changes: Equatable, Sendable {
        /// Lesson files added or edited, as `folder/name.md`.
        public var lessons: [String] = []
        /// Whether `references.bib` changed: every lesson's citations may read differently.
        public var bibliography = false
        /// Whether a Swift source of the library changed: the library must be built again.
        public var library = false

        public var isEmpty: Bool { lessons.isEmpty && !bibliography && !library }
    }

    public let lessonsFolder: String
    public let sourcesFolder: String
    private var lessonStamps: [String: Date]
    private var sourceStamps: [String: Date]

    /// Starts watching; the first look reports only what changes after this.
    public init(lessonsFolder: String, sourcesFolder: String) {
        self.lessonsFolder = lessonsFolder
        self.sourcesFolder = sourcesFolder
        lessonStamps = Self.stamps(in: lessonsFolder, recursive: false) { $0.hasSuffix(".md") || $0.hasSuffix(".bib") }
        sourceStamps = Self.stamps(in: sourcesFolder, recursive: true) { $0.hasSuffix(".swift") }
    }

    /// What changed since the last call (or since the watcher started).
    public mutating func changes() -> Changes {
        let lessons = Self.stamps(in: lessonsFolder, recursive: false) { $0.hasSuffix(".md") || $0.hasSuffix(".bib") }
        let sources = Self.stamps(in: sourcesFolder, recursive: true) { $0.hasSuffix(".swift") }
        var changes = Changes()
        for (path, stamp) in lessons.sorted(by: { $0.key < $1.key }) where lessonStamps[path] != stamp {
            if path.hasSuffix(".bib") { changes.bibliography = true } else { changes.lessons.append(path) }
        }
        if lessonStamps.keys.contains(where: { $0.hasSuffix(".bib") && lessons[$0] == nil }) { changes.bibliography = true }
        changes.library = sources != sourceStamps
        lessonStamps = lessons
        sourceStamps = sources
        return changes
    }

    private static func stamps(in folder: String, recursive: Bool, matching include: (String) -> Bool) -> [String: Date] {
        let names = recursive ? (FileManager.default.subpaths(atPath: folder) ?? [])
            : ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
        var stamps: [String: Date] = [:]
        for name in names where include(name) {
            let path = "\(folder)/\(name)"
            if let date = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date {
                stamps[path] = date
            }
        }
        return stamps
    }
}
