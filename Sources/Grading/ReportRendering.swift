import Foundation
import Plumbing

/// Text, JSON and HTML forms of a `GradeReport`.
extension GradeReport {
    /// The score table: exercise, points earned of possible, status, feedback; then each
    /// unpassed check in full, and the summary.
    public func table(feedbackWidth: Int = 72) -> String {
        let header = ["Exercise", "Points", "Status", "Feedback"]
        let rows = exercises.map { exercise in
            ["\(exercise.number) \(exercise.name)", "\(Self.points(exercise.earned)) / \(Self.points(exercise.possible))",
             exercise.status, Self.truncated(exercise.feedback, to: feedbackWidth)]
        }
        let widths = (0..<3).map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            (0..<3).map { cells[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                + "  " + cells[3]
        }
        var lines = [line(header), line(widths.map { String(repeating: "-", count: $0) } + ["--------"])]
        lines += rows.map(line)
        if !compilerDiagnostics.isEmpty {
            lines.append("")
            lines.append("Compiler errors:")
            lines += compilerDiagnostics.prefix(20).map { "  \($0)" }
        }
        for (title, notes) in notes where !notes.isEmpty {
            lines.append("")
            lines.append("\(title):")
            lines += notes.map { "  \($0)" }
        }
        let unpassed = exercises.flatMap(\.checks).filter { $0.status != .passed }
        if !unpassed.isEmpty {
            lines.append("")
            lines.append("Checks not passed:")
            lines += unpassed.map { check in
                let kind = check.isHidden ? "hidden" : "public"
                return "  \(check.id) (\(kind), \(check.status.rawValue), 0 / \(Self.points(check.points))): \(check.message)"
            }
        }
        lines.append("")
        lines.append(summary)
        return lines.joined(separator: "\n")
    }

    /// The report as pretty-printed JSON with sorted keys.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// A self-contained feedback page: the summary, the table, and every check with its message.
    public func html() -> String {
        var body = "<h1>Grade report</h1>\n<p class=\"summary\">\(Self.escaped(summary))</p>\n"
        body += "<p>Working copy: <code>\(Self.escaped(workingCopy))</code></p>\n"
        body += "<table>\n<tr><th>Exercise</th><th>Points</th><th>Status</th><th>Feedback</th></tr>\n"
        for exercise in exercises {
            let css = exercise.status == "passed" ? "passed" : "failed"
            body += "<tr class=\"\(css)\"><td>\(Self.escaped("\(exercise.number) \(exercise.name)"))<br>"
                + "<small>\(Self.escaped(exercise.location))</small></td>"
                + "<td>\(Self.points(exercise.earned)) / \(Self.points(exercise.possible))</td>"
                + "<td>\(Self.escaped(exercise.status))</td><td>\(Self.escaped(exercise.feedback))</td></tr>\n"
        }
        body += "</table>\n<h2>Checks</h2>\n<ul>\n"
        for check in exercises.flatMap(\.checks) {
            let kind = check.isHidden ? "hidden" : "public"
            body += "<li class=\"\(check.status == .passed ? "passed" : "failed")\"><b>\(Self.escaped(check.id))</b> "
                + "(\(kind), \(Self.escaped(check.status.rawValue)), \(Self.points(check.earned)) / "
                + "\(Self.points(check.points))): \(Self.escaped(check.message))</li>\n"
        }
        body += "</ul>\n"
        if !compilerDiagnostics.isEmpty {
            body += "<h2>Compiler errors</h2>\n<pre>"
                + Self.escaped(compilerDiagnostics.map(\.description).joined(separator: "\n")) + "</pre>\n"
        }
        for (title, notes) in notes where !notes.isEmpty {
            body += "<h2>\(Self.escaped(title))</h2>\n<ul>\n" + notes.map { "<li>\(Self.escaped($0))</li>\n" }.joined() + "</ul>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Grade report</title>
            <style>body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse}
            td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}
            .passed{background:#eaf7ea}.failed{background:#fbeaea}</style></head>
            <body>
            \(body)</body></html>

            """
    }

    /// The lists under the table: files refused, and submitted files that were ignored.
    private var notes: [(String, [String])] {
        [("Files refused", refusedFiles),
         ("Submitted files that differ from the teacher's and were ignored (only exercise files are graded)", ignoredFiles)]
    }

    /// Writes `NAME.json` and `NAME.html` into `directory`, each atomically (a complete file or
    /// none), and returns their paths.
    /// - Throws: `GradingError` when `directory` or its parent is a symbolic link: reports go
    ///   where the teacher said, never where a link planted in a folder points.
    public func write(to directory: URL, name: String = "report") throws -> (json: URL, html: URL) {
        for folder in [directory, directory.deletingLastPathComponent()] {
            if (try? FileManager.default.destinationOfSymbolicLink(atPath: folder.path)) != nil {
                throw GradingError(file: folder.path, "the report folder is a symbolic link; refusing to write through it")
            }
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let jsonURL = directory.appendingPathComponent("\(name).json")
        let htmlURL = directory.appendingPathComponent("\(name).html")
        do {
            try json().write(to: jsonURL, options: .atomic)
            try Data(html().utf8).write(to: htmlURL, options: .atomic)
        } catch {
            throw GradingError(file: directory.path, "cannot write the report: \(error)")
        }
        return (jsonURL, htmlURL)
    }

    static func escaped(_ text: String) -> String {
        escapeHTML(text)
    }

    static func truncated(_ text: String, to width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 3)) + "..."
    }
}
