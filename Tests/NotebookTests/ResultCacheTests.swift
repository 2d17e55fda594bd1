import Foundation
import Notebook
import Testing

/// What the cache keys on, and what it refuses to give back.
struct ResultCacheTests {
    static let lesson = """
        # Cached

        ```swift
        let a = 1
        let b: Int = "text"
        ```
        """

    func parse(_ markdown: String) throws -> Lesson {
        try LessonParser.parse(markdown: markdown, path: "Lessons/a.md")
    }

    @Test func proseAboveACellAndDisplayOptionsLeaveTheKeyAlone() throws {
        let key = ResultCache.key(for: try parse(Self.lesson), fingerprint: "f")
        let moved = Self.lesson.replacingOccurrences(of: "# Cached\n", with: "# Cached\n\nA new paragraph,\nover two lines.\n")
        #expect(ResultCache.key(for: try parse(moved), fingerprint: "f") == key)
        #expect(ResultCache.key(for: try parse(Self.lesson.replacingOccurrences(of: "```swift", with: "```swift hide-code")), fingerprint: "f") == key)
        #expect(ResultCache.key(for: try parse(Self.lesson.replacingOccurrences(of: "```swift", with: "```swift hide-output")), fingerprint: "f") == key)
    }

    @Test func codeRunOptionsLibraryAndPathChangeTheKey() throws {
        let key = ResultCache.key(for: try parse(Self.lesson), fingerprint: "f")
        #expect(ResultCache.key(for: try parse(Self.lesson.replacingOccurrences(of: "let a = 1", with: "let a = 2")), fingerprint: "f") != key)
        #expect(ResultCache.key(for: try parse(Self.lesson.replacingOccurrences(of: "```swift", with: "```swift timeout=5")), fingerprint: "f") != key)
        #expect(ResultCache.key(for: try parse(Self.lesson.replacingOccurrences(of: "```swift", with: "```swift expect-error")), fingerprint: "f") != key)
        #expect(ResultCache.key(for: try parse(Self.lesson), fingerprint: "g") != key)
        #expect(ResultCache.key(for: try LessonParser.parse(markdown: Self.lesson, path: "Lessons/b.md"), fingerprint: "f") != key)
    }

    @Test func storedLocationsFollowTheirCellWhenProseMovesIt() throws {
        let cache = ResultCache(directory: try scratchFolder("cache-tests"))
        let original = try parse(Self.lesson)
        // Line 5 is `let b`, the cell's second line.
        let message = "Lessons/a.md:5:14: error: cannot convert value of type 'String' to specified type 'Int'"
        let result = RunResult(cells: [CellResult(number: 1, status: .failed(message: message), outputs: [.stderr("at Lessons/a.md:5 and Lessons/a.md:99\n")])],
                               diagnostics: message)
        try cache.store(result, of: original, key: "k")

        let moved = try parse(Self.lesson.replacingOccurrences(of: "# Cached\n", with: "# Cached\n\nTwo more\nlines.\n"))
        let loaded = try #require(cache.load(key: "k", lesson: moved))
        #expect(loaded.diagnostics == "Lessons/a.md:8:14: error: cannot convert value of type 'String' to specified type 'Int'")
        #expect(loaded.cells[0].status == .failed(message: loaded.diagnostics))
        // A line outside every cell is not the cell's, and stays as it was.
        #expect(loaded.cells[0].outputs == [.stderr("at Lessons/a.md:8 and Lessons/a.md:99\n")])
        #expect(cache.load(key: "k", lesson: original) == result)
    }

    @Test func entryWhoseCellsAreNotTheLessonsIsIgnored() throws {
        let folder = try scratchFolder("cache-tests")
        let cache = ResultCache(directory: folder)
        let lesson = try parse(Self.lesson)
        try Data(#"{"cells":[],"diagnostics":"","endedByEnvironment":false,"seconds":0}"#.utf8)
            .write(to: folder.appendingPathComponent("k.json"))
        #expect(cache.load(key: "k", lesson: lesson) == nil)
        try cache.store(RunResult(cells: [CellResult(number: 2, status: .succeeded)]), of: lesson, key: "k")
        #expect(cache.load(key: "k", lesson: lesson) == nil)
    }
}
