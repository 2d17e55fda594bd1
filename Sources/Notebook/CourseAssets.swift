import Foundation

/// The static files every page uses, copied to `Output/assets/`: KaTeX and highlight.js from
/// Debian's `libjs-katex` and `libjs-highlight.js` (so pages work offline), and the course's own
/// style sheet and script.
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
        try writeIfChanged(Data(stylesheet.utf8), to: assets.appendingPathComponent("course.css"))
        try writeIfChanged(Data(script.utf8), to: assets.appendingPathComponent("course.js"))
    }

    private static func copyIfChanged(from source: URL, to target: URL) throws {
        guard let data = FileManager.default.contents(atPath: source.path) else {
            let package = source.path.contains("katex") ? "libjs-katex" : "libjs-highlight.js"
            throw RunnerError(file: source.path, stage: .render,
                              summary: "missing; install it with: apt-get install \(package) (or run `make course`)")
        }
        try writeIfChanged(data, to: target)
    }

    private static func writeIfChanged(_ data: Data, to target: URL) throws {
        if FileManager.default.contents(atPath: target.path) == data { return }
        try AtomicFile.write(data, to: target)
    }

    static let script = """
        // Typesets the math spans with KaTeX and highlights the code, all offline.
        document.addEventListener("DOMContentLoaded", function () {
          document.querySelectorAll(".math").forEach(function (element) {
            katex.render(element.textContent, element, {
              displayMode: element.classList.contains("display"), throwOnError: false
            });
          });
          // Debian ships highlight.js 9, which names the call highlightBlock.
          var highlight = (hljs.highlightElement || hljs.highlightBlock).bind(hljs);
          document.querySelectorAll("pre code").forEach(highlight);
        });

        """

    static let stylesheet = """
        :root { --ink: #1f2328; --muted: #59636e; --rule: #d1d9e0; --paper: #ffffff; --code: #f6f8fa;
                --accent: #0969da; --error: #cf222e; --error-bg: #ffebe9; --warn-bg: #fff8c5; }
        body { margin: 0; background: var(--paper); color: var(--ink);
               font: 17px/1.6 -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", Helvetica, Arial, sans-serif; }
        main { max-width: 52rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
        h1, h2, h3 { line-height: 1.25; margin-top: 2rem; }
        h1 { font-size: 2rem; border-bottom: 1px solid var(--rule); padding-bottom: .3rem; }
        a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
        .course-nav { max-width: 52rem; margin: 0 auto; padding: .75rem 1.5rem; display: flex; gap: 1.5rem;
                      font-size: .9rem; border-bottom: 1px solid var(--rule); }
        .course-nav .next { margin-left: auto; }
        .course-nav.bottom { border-bottom: none; border-top: 1px solid var(--rule); }
        pre { overflow-x: auto; font: 14px/1.45 "DejaVu Sans Mono", Menlo, Consolas, monospace; }
        code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .9em; }
        pre.code, pre.cell-code { background: var(--code); border: 1px solid var(--rule); border-radius: 6px;
                                  padding: .75rem 1rem; margin: 1rem 0 0; }
        pre code.hljs { background: transparent; padding: 0; }
        .cell { margin: 1.25rem 0; }
        .cell-outputs { border-left: 3px solid var(--rule); margin: .25rem 0 0; padding: .25rem 0 .25rem 1rem; }
        .output { margin: .4rem 0; }
        pre.output { padding: 0; white-space: pre-wrap; }
        pre.stderr { color: #9a6700; }
        figure.output { margin: .5rem 0; }
        figure.output svg, figure.output img { max-width: 100%; height: auto; }
        figure.image img, figure.animation img { image-rendering: pixelated; }
        .output.note { color: var(--muted); font-style: italic; font-size: .9rem; }
        table { border-collapse: collapse; margin: 1rem 0; font-size: .95rem; }
        th, td { border: 1px solid var(--rule); padding: .3rem .7rem; }
        th { background: var(--code); }
        .cell-status { margin: .4rem 0; padding: .5rem .8rem; border-radius: 6px; font-size: .9rem; }
        .cell-status pre { margin: .3rem 0 0; white-space: pre-wrap; }
        .cell-status.error { background: var(--error-bg); color: var(--error); border: 1px solid #ffcecb; }
        .cell-status.expected-error { background: var(--warn-bg); border: 1px solid #eed888; }
        .cell-status.not-run, .cell-status.skipped { color: var(--muted); background: var(--code); }
        .math.display { display: block; text-align: center; margin: 1rem 0; overflow-x: auto; }
        .lesson-list { list-style: none; padding-left: 0; }
        .lesson-list li { margin: 1rem 0; } .lesson-list li p { margin: .2rem 0; color: var(--muted); }
        .badge.failed { color: var(--error); font-size: .8rem; }

        """
}
