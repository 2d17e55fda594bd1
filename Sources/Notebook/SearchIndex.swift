import Foundation

/// The course's search index, written at build time to `Output/assets/search-index.js` and
/// searched in the browser by `course.js`: one entry per section of every lesson (the text before
/// the first section is the lesson's own entry), prose and shown code as plain text.
///
/// A script rather than JSON, because browsers refuse to `fetch` a file from a `file://` page.
enum SearchIndex {
    /// One searchable section.
    struct Entry: Encodable, Equatable {
        /// The lesson's page, e.g. `03-vaes`.
        var page: String
        var lessonTitle: String
        /// The section's anchor, empty for the lesson's opening.
        var anchor: String
        /// The section's heading as plain text.
        var heading: String
        var text: String
    }

    /// The index of `lessons` as a script that sets `window.courseSearchIndex`.
    static func script(for lessons: [Lesson]) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(lessons.flatMap(entries))) ?? Data("[]".utf8)
        return Data("window.courseSearchIndex = ".utf8) + json + Data(";\n".utf8)
    }

    /// The sections of `lesson`, cut at its `<h2>` and `<h3>` headings.
    static func entries(for lesson: Lesson) -> [Entry] {
        var entries = [Entry(page: lesson.slug, lessonTitle: lesson.title, anchor: "", heading: lesson.title, text: "")]
        for block in lesson.blocks {
            switch block {
            case .prose(let html):
                var rest = html[...]
                while let start = nextHeading(in: rest) {
                    entries[entries.count - 1].text += plainText(rest[..<start])
                    let heading = rest[start...]
                    let idStart = heading.index(heading.startIndex, offsetBy: "<h2 id=\"".count)
                    let anchor = heading[idStart...].prefix { $0 != "\"" }
                    let end = heading.range(of: "</h")?.upperBound ?? heading.endIndex
                    entries.append(Entry(page: lesson.slug, lessonTitle: lesson.title, anchor: String(anchor),
                                         heading: plainText(heading[..<end]).trimmingWhitespace(), text: ""))
                    rest = heading[end...].drop { $0 != ">" }.dropFirst()
                }
                entries[entries.count - 1].text += plainText(rest)
            case .code(_, let text):
                entries[entries.count - 1].text += " " + text
            case .cell(let cell):
                entries[entries.count - 1].text += " " + cell.displayedSource
            }
        }
        return entries.map { entry in
            var entry = entry
            entry.text = entry.text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
            return entry
        }
    }

    /// Where the next `<h2 id=` or `<h3 id=` starts.
    private static func nextHeading(in html: Substring) -> Substring.Index? {
        [html.range(of: "<h2 id=\""), html.range(of: "<h3 id=\"")].compactMap { $0?.lowerBound }.min()
    }

    /// The text of an HTML fragment: tags dropped, the five escapes undone.
    static func plainText(_ html: Substring) -> String {
        var text = ""
        var insideTag = false
        for character in html {
            if character == "<" { insideTag = true; text += " "; continue }
            if character == ">" && insideTag { insideTag = false; continue }
            if !insideTag { text.append(character) }
        }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
