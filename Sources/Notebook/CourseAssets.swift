import Foundation

/// The static files every page uses, copied to `Output/assets/`: KaTeX and highlight.js from
/// Debian's `libjs-katex` and `libjs-highlight.js` (so pages work offline), and the course's own
/// style sheet and script (`CourseStylesheet`, `CourseScript`). The search index is written with
/// the contents page (`SearchIndex`).
enum CourseAssets {
    static let katexDirectory = "/usr/share/javascript/katex"
    static let highlightDirectory = "/usr/share/javascript/highlight.js"

    /// Copies the assets into `output/assets`, skipping files that are already identical.
    static func install(into output: URL) throws {
        let assets = output.appendingPathComponent("assets")
        let files: [(source: String, target: String)] = [
            ("\(katexDirectory)/katex.min.js", "katex/katex.min.js"),
            ("\(katexDirectory)/katex.min.css", "katex/katex.min.css"),
            ("\(highlightDirectory)/highlight.min.js", "highlight/highlight.min.js"),
            ("\(highlightDirectory)/styles/github.css", "highlight/highlight.css"),
        ]
        for file in files {
            try copyIfChanged(from: URL(fileURLWithPath: file.source), to: assets.appendingPathComponent(file.target))
        }
        let fonts = URL(fileURLWithPath: "\(katexDirectory)/fonts")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: fonts.path)) ?? [] where name.hasSuffix(".woff2") {
            try copyIfChanged(from: fonts.appendingPathComponent(name), to: assets.appendingPathComponent("katex/fonts/\(name)"))
        }
        try writeIfChanged(Data(CourseStylesheet.text.utf8), to: assets.appendingPathComponent("course.css"))
        try writeIfChanged(Data(CourseScript.text.utf8), to: assets.appendingPathComponent("course.js"))
    }

    private static func copyIfChanged(from source: URL, to target: URL) throws {
        guard let data = FileManager.default.contents(atPath: source.path) else {
            let package = source.path.contains("katex") ? "libjs-katex" : "libjs-highlight.js"
            throw RunnerError(file: source.path, stage: .render,
                              summary: "missing; install it with: apt-get install \(package) (or run `make course`)")
        }
        try writeIfChanged(data, to: target)
    }

    /// Writes `data` to `target` unless the file already holds it, so unchanged files keep their times.
    static func writeIfChanged(_ data: Data, to target: URL) throws {
        if FileManager.default.contents(atPath: target.path) == data { return }
        try AtomicFile.write(data, to: target)
    }
}
