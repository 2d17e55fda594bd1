import Foundation
import Notebook
import Testing

/// Builds small courses in a scratch folder, against the release-built library.
@Suite(.serialized) struct CourseBuilderTests {
    let toolchain: Toolchain
    let scratch: URL

    init() throws {
        toolchain = try builtToolchain()
        scratch = try scratchFolder("builder-tests")
        try FileManager.default.createDirectory(at: scratch.appendingPathComponent("Lessons"), withIntermediateDirectories: true)
    }

    func lessonPath(_ name: String) -> String { scratch.appendingPathComponent("Lessons/\(name)").path }

    func write(_ markdown: String, to name: String) throws {
        try markdown.write(toFile: lessonPath(name), atomically: true, encoding: .utf8)
    }

    func build(_ names: [String], force: Bool = false) throws -> BuildReport {
        var options = CourseBuilder.Options(outputDirectory: scratch.appendingPathComponent("Output"),
                                            cacheDirectory: scratch.appendingPathComponent("cache"))
        options.force = force
        let paths = names.map(lessonPath)
        return try CourseBuilder(toolchain: toolchain, options: options, terminal: Terminal(interactive: false))
            .build(selected: paths, all: paths)
    }

    func page(_ slug: String) throws -> String {
        try String(contentsOf: scratch.appendingPathComponent("Output/\(slug).html"), encoding: .utf8)
    }

    static let lesson = """
        # Cached

        First version of the prose.

        ```swift
        import LessonRuntime
        print("ran")
        ```
        """

    @Test func proseEditReRendersWithoutRunningAndCodeEditRuns() throws {
        try write(Self.lesson, to: "a.md")
        #expect(try build(["a.md"]).rows[0].run == 1)
        #expect(try build(["a.md"]).rows[0].cached == 1)

        try write(Self.lesson.replacingOccurrences(of: "First version", with: "Second version"), to: "a.md")
        let afterProseEdit = try build(["a.md"]).rows[0]
        #expect(afterProseEdit.cached == 1 && afterProseEdit.run == 0)
        #expect(try page("a").contains("Second version of the prose."))
        #expect(try page("a").contains("<pre class=\"output stdout\">ran\n</pre>"))

        try write(Self.lesson.replacingOccurrences(of: "print(\"ran\")", with: "print(\"ran again\")"), to: "a.md")
        let afterCodeEdit = try build(["a.md"]).rows[0]
        #expect(afterCodeEdit.run == 1 && afterCodeEdit.cached == 0)
        #expect(try page("a").contains("ran again"))

        #expect(try build(["a.md"], force: true).rows[0].run == 1)
    }

    @Test func contentsPageListsEachLessonsFamilies() throws {
        try write("---\nfamilies: GANs, flows & friends\n---\n" + Self.lesson, to: "a.md")
        _ = try build(["a.md"])
        let contents = try page("index")
        #expect(contents.contains("<p class=\"lesson-families\"><span class=\"family\">GANs</span> <span class=\"family\">flows &amp; friends</span></p>"))
        #expect(contents.contains("<p>First version of the prose.</p>"))
    }

    @Test func proseAboveTheCellAndHideCodeReRenderWithoutRunning() throws {
        try write(Self.lesson, to: "a.md")
        #expect(try build(["a.md"]).rows[0].run == 1)
        let moved = Self.lesson.replacingOccurrences(of: "First version of the prose.", with: "First version of the prose.\n\nOne more paragraph.")
        try write(moved, to: "a.md")
        let afterProse = try build(["a.md"]).rows[0]
        #expect(afterProse.cached == 1 && afterProse.run == 0)
        try write(moved.replacingOccurrences(of: "```swift", with: "```swift hide-code"), to: "a.md")
        let afterHideCode = try build(["a.md"]).rows[0]
        #expect(afterHideCode.cached == 1 && afterHideCode.run == 0)
        #expect(try !page("a").contains("print(&quot;ran&quot;)") && !page("a").contains("print(\"ran\")"))
        #expect(try page("a").contains("<pre class=\"output stdout\">ran\n</pre>"))
    }

    @Test func cacheEntryThatDoesNotMatchTheLessonRunsItAgain() throws {
        try write(Self.lesson, to: "a.md")
        _ = try build(["a.md"])
        let lesson = try LessonParser.parse(markdown: Self.lesson, path: lessonPath("a.md"))
        let entry = scratch.appendingPathComponent("cache/\(ResultCache.key(for: lesson, fingerprint: try toolchain.fingerprint())).json")
        try Data(#"{"cells":[],"diagnostics":"","endedByEnvironment":false,"seconds":0}"#.utf8).write(to: entry)
        let row = try build(["a.md"]).rows[0]
        #expect(row.run == 1 && row.cached == 0 && row.failed == 0)
    }

    @Test func cellThatFailsToCompileIsNotCountedAsRun() throws {
        try write("# Bad\n\n```swift\nprint(1)\n```\n\n```swift\nlet b: Int = \"text\"\n```\n", to: "bad.md")
        let row = try build(["bad.md"]).rows[0]
        #expect(row.run == 0 && row.failed == 1)
    }

    @Test func endToEndPageHoldsOutputsAFigureAndAnImageAndTheIndexListsIt() throws {
        let pngSignature = "[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]"
        try write("""
            # Pictures

            Outputs of every kind.

            ```swift
            import LessonRuntime // hide
            print("loss 0.25")
            show(svg: "<svg xmlns=\\"http://www.w3.org/2000/svg\\" width=\\"10\\" height=\\"10\\"><circle r=\\"4\\"/></svg>")
            show(png: \(pngSignature))
            ```
            """, to: "01-pictures.md")
        let report = try build(["01-pictures.md"])
        #expect(!report.failed)
        let html = try page("01-pictures")
        #expect(html.contains("<pre class=\"output stdout\">loss 0.25\n</pre>"))
        #expect(html.contains("<figure class=\"output figure\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><circle r=\"4\"/></svg></figure>"))
        #expect(html.contains("<img src=\"01-pictures/cell01-image1.png\""))
        let image = FileManager.default.contents(atPath: scratch.appendingPathComponent("Output/01-pictures/cell01-image1.png").path)
        #expect(image == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let index = try page("index")
        #expect(index.contains("<li><a href=\"01-pictures.html\">Pictures</a>"))
        #expect(index.contains("<p>Outputs of every kind.</p>"))
        #expect(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("Output/assets/katex/katex.min.js").path))
    }

    @Test func anImageTheLessonNoLongerDrawsIsRemovedFromItsFolder() throws {
        let drawing = """
            # Moving

            ```swift
            import LessonRuntime // hide
            show(png: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            ```
            """
        try write(drawing, to: "02-moving.md")
        _ = try build(["02-moving.md"])
        let folder = scratch.appendingPathComponent("Output/02-moving")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["cell01-image1.png"])
        // A new first cell moves the image to cell 2: only the new file remains.
        try write(drawing.replacingOccurrences(of: "# Moving\n", with: "# Moving\n\n```swift\nprint(1)\n```\n"), to: "02-moving.md")
        _ = try build(["02-moving.md"])
        #expect(try page("02-moving").contains("02-moving/cell02-image1.png"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["cell02-image1.png"])
    }

    @Test func twoBuildsGiveByteIdenticalPages() throws {
        try write(Self.lesson, to: "a.md")
        _ = try build(["a.md"], force: true)
        let first = try page("a")
        _ = try build(["a.md"], force: true)
        #expect(try page("a") == first)
    }

    @Test func badOptionFailsTheLessonWithItsLocationAndWritesNoPage() throws {
        try write("# Bad\n\n```swift hide-cod\nprint(1)\n```\n", to: "bad.md")
        let report = try build(["bad.md"])
        #expect(report.failed)
        #expect(report.rows[0].error?.contains("bad.md:3:10: error: unknown cell option 'hide-cod'") == true)
        #expect(!FileManager.default.fileExists(atPath: scratch.appendingPathComponent("Output/bad.html").path))
    }

    @Test func atomicWriteReplacesWholeFilesAndLeavesNoTemporaries() throws {
        let folder = scratch.appendingPathComponent("atomic")
        let target = folder.appendingPathComponent("page.html")
        try AtomicFile.write("old", to: target)
        try AtomicFile.write("new", to: target)
        #expect(try String(contentsOf: target, encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["page.html"])

        let blocked = folder.appendingPathComponent("occupied")
        try FileManager.default.createDirectory(at: blocked.appendingPathComponent("child"), withIntermediateDirectories: true)
        #expect(throws: RunnerError.self) { try AtomicFile.write("x", to: blocked) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["occupied", "page.html"])
    }
}
