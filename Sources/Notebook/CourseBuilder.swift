import Foundation

/// Builds lessons into pages: parse, look up or run (in parallel up to `jobs`), render, write.
public struct CourseBuilder: Sendable {
    public struct Options: Sendable {
        /// Where pages go (`Output/`).
        public var outputDirectory: URL
        /// Where run results are cached.
        public var cacheDirectory: URL
        /// How many lessons run at once.
        public var jobs: Int = 1
        /// Run every lesson again, ignoring the cache.
        public var force = false
        /// Execute and report only; write no pages.
        public var checkOnly = false

        public init(outputDirectory: URL, cacheDirectory: URL) {
            self.outputDirectory = outputDirectory
            self.cacheDirectory = cacheDirectory
        }
    }

    public let toolchain: Toolchain
    public let options: Options
    public let terminal: Terminal

    public init(toolchain: Toolchain, options: Options, terminal: Terminal) {
        self.toolchain = toolchain
        self.options = options
        self.terminal = terminal
    }

    /// Builds `selected` (paths of lesson files); the index lists every lesson in `all`.
    /// Returns one report row per selected lesson.
    public func build(selected: [String], all: [String]) throws -> BuildReport {
        let started = Date()
        let bibliography = try Self.bibliography(near: all)
        let parsed = all.map { path in Result { try LessonParser.parse(markdown: try read(path), path: path, bibliography: bibliography) } }
        let fingerprint = try toolchain.fingerprint()
        let cache = ResultCache(directory: options.cacheDirectory)
        let runner = LessonRunner(toolchain: toolchain, workDirectory: options.cacheDirectory.appendingPathComponent("work"))

        if !options.checkOnly {
            try CourseAssets.install(into: options.outputDirectory)
        }
        let indices = selected.compactMap { all.firstIndex(of: $0) }
        let outcomes = ConcurrentMap.map(indices, jobs: options.jobs) { index -> (row: BuildReport.Row, run: RunSummary?) in
            let path = all[index]
            let rowStarted = Date()
            switch parsed[index] {
            case .failure(let error):
                terminal.report(error)
                return (BuildReport.Row(lesson: path, cells: 0, run: 0, cached: 0, failed: 1, seconds: 0, error: "\(error)"), nil)
            case .success(let lesson):
                for warning in lesson.warnings { terminal.line("\(warning)") }
                do {
                    let (result, cached) = try execute(lesson, runner: runner, cache: cache, fingerprint: fingerprint)
                    if !result.diagnostics.isEmpty { terminal.reportDiagnostics(result.diagnostics) }
                    if !options.checkOnly {
                        try write(lesson, result: result, navigation: navigation(for: index, parsed))
                    }
                    for cell in result.cells {
                        if case .failed(let message) = cell.status, result.diagnostics.isEmpty {
                            let line = cell.failureLine ?? lesson.cells.first { $0.number == cell.number }?.firstLine ?? 1
                            terminal.report(RunnerError(file: path, line: line, stage: .run, summary: "cell \(cell.number) failed", details: message))
                        }
                    }
                    let ran = result.cells.filter(\.ran).count
                    let row = BuildReport.Row(lesson: path, cells: lesson.cells.count, run: cached ? 0 : ran, cached: cached ? ran : 0,
                                              failed: result.cells.filter(\.status.isFailure).count,
                                              seconds: Date().timeIntervalSince(rowStarted), error: nil)
                    return (row, RunSummary(failed: result.failed, seconds: result.seconds))
                } catch {
                    terminal.report(error)
                    let row = BuildReport.Row(lesson: path, cells: lesson.cells.count, run: 0, cached: 0, failed: 1,
                                              seconds: Date().timeIntervalSince(rowStarted), error: "\(error)")
                    return (row, nil)
                }
            }
        }
        if !options.checkOnly {
            // Lessons built now report their own results; the others are looked up in the cache.
            var runs: [String: RunSummary] = [:]
            for (index, outcome) in zip(indices, outcomes) { runs[all[index]] = outcome.run }
            try writeIndex(parsed: parsed, knownRuns: runs, cache: cache, fingerprint: fingerprint)
        }
        return BuildReport(rows: outcomes.map(\.row), seconds: Date().timeIntervalSince(started))
    }

    /// The cached result, or a fresh run stored in the cache.
    private func execute(_ lesson: Lesson, runner: LessonRunner, cache: ResultCache, fingerprint: String) throws -> (RunResult, Bool) {
        let key = ResultCache.key(for: lesson, fingerprint: fingerprint)
        if !options.force, let cached = cache.load(key: key, lesson: lesson) {
            return (cached, true)
        }
        terminal.lessonStarted(lesson.path)
        let result = try runner.run(lesson) { event in terminal.progress(event) }
        terminal.lessonFinished(lesson.path)
        // A run cut short from outside (the compiler or the program killed) must run again next time.
        if !result.endedByEnvironment {
            try cache.store(result, of: lesson, key: key)
        }
        return (result, false)
    }

    private func write(_ lesson: Lesson, result: RunResult, navigation: Navigation) throws {
        let page = PageRenderer.render(lesson, result: result, navigation: navigation)
        let output = options.outputDirectory
        for asset in page.assets {
            let url = output.appendingPathComponent(asset.path)
            if FileManager.default.contents(atPath: url.path) != asset.data {
                try AtomicFile.write(asset.data, to: url)
            }
        }
        try AtomicFile.write(page.html, to: output.appendingPathComponent("\(lesson.slug).html"))
        try removeStaleAssets(in: output.appendingPathComponent(lesson.slug), keeping: Set(page.assets.map(\.path)))
    }

    /// Deletes the files of a page's asset folder that the page no longer shows (a cell that moved,
    /// or stopped drawing), so that the folder holds the page's images and nothing older.
    private func removeStaleAssets(in folder: URL, keeping paths: Set<String>) throws {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where !paths.contains("\(folder.lastPathComponent)/\(name)") {
            try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    /// Previous and next among the students' lessons, and the sidebar of all of them. A developer
    /// page is built like a lesson but links only to the contents.
    private func navigation(for index: Int, _ parsed: [Result<Lesson, Error>]) -> Navigation {
        let lessons = studentLessons(parsed)
        guard case .success(let lesson) = parsed[index], let position = lessons.firstIndex(where: { $0.path == lesson.path }) else {
            return Navigation(lessons: lessons.map(LessonLink.init))
        }
        func entry(_ i: Int) -> (slug: String, title: String)? {
            lessons.indices.contains(i) ? (lessons[i].slug, lessons[i].title) : nil
        }
        return Navigation(previous: entry(position - 1), next: entry(position + 1), lessons: lessons.map(LessonLink.init))
    }

    /// The lessons that parsed, without the developer pages: what students navigate.
    private func studentLessons(_ parsed: [Result<Lesson, Error>]) -> [Lesson] {
        parsed.compactMap { result in
            guard case .success(let lesson) = result, !Self.isDeveloperPage(lesson.slug) else { return nil }
            return lesson
        }
    }

    /// Whether a lesson is a developer page (the figure gallery): files numbered 90 and above are
    /// built, but left out of the contents, the sidebar and previous/next.
    public static func isDeveloperPage(_ slug: String) -> Bool {
        guard let number = Int(slug.prefix { $0.isNumber }) else { return false }
        return number >= 90
    }

    /// What the contents page says of a lesson's last run.
    private struct RunSummary: Sendable {
        var failed: Bool
        var seconds: Double
    }

    private func writeIndex(parsed: [Result<Lesson, Error>], knownRuns: [String: RunSummary], cache: ResultCache,
                            fingerprint: String) throws {
        let lessons = studentLessons(parsed)
        let entries = lessons.map { lesson -> PageTemplate.IndexEntry in
            let run = knownRuns[lesson.path] ?? cache.load(key: ResultCache.key(for: lesson, fingerprint: fingerprint), lesson: lesson)
                .map { RunSummary(failed: $0.failed, seconds: $0.seconds) }
            return PageTemplate.IndexEntry(slug: lesson.slug, title: lesson.title, summaryHTML: lesson.summaryHTML,
                                           families: lesson.families, failed: run?.failed ?? false, seconds: run?.seconds,
                                           sectionCount: lesson.sections.filter { $0.level == 2 }.count)
        }
        try AtomicFile.write(PageTemplate.index(entries), to: options.outputDirectory.appendingPathComponent("index.html"))
        try CourseAssets.writeIfChanged(SearchIndex.script(for: lessons), to: options.outputDirectory.appendingPathComponent("assets/search-index.js"))
    }

    /// The course's references: `references.bib` in the lessons' folder, if there is one.
    static func bibliography(near lessons: [String]) throws -> Bibliography? {
        guard let first = lessons.first else { return nil }
        let path = URL(fileURLWithPath: first).deletingLastPathComponent().appendingPathComponent("references.bib").path
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let shown = first.hasPrefix("/") ? path : (first as NSString).deletingLastPathComponent + "/references.bib"
        return try Bibliography(bibtex: String(decoding: data, as: UTF8.self), path: shown)
    }

    private func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RunnerError(file: path, stage: .parse, summary: "cannot read the lesson file")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Runs a function over items on up to `jobs` threads, keeping the order of the results.
enum ConcurrentMap {
    static func map<T: Sendable, R: Sendable>(_ items: [T], jobs: Int, _ transform: @Sendable (T) -> R) -> [R] {
        let results = LockedArray<R?>(repeating: nil, count: items.count)
        let next = LockedArray<Int>(repeating: 0, count: 1)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, items.count))) { _ in
            while true {
                let index = next.update { $0[0] += 1; return $0[0] - 1 }
                guard index < items.count else { return }
                let result = transform(items[index])
                results.update { $0[index] = result }
            }
        }
        return results.update { $0.compactMap { $0 } }
    }
}

/// An array behind a lock, for `ConcurrentMap`.
final class LockedArray<Element>: @unchecked Sendable {
    private var storage: [Element]
    private let lock = NSLock()

    init(repeating value: Element, count: Int) { storage = Array(repeating: value, count: count) }

    func update<R>(_ body: (inout [Element]) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&storage)
    }
}
