import Plumbing
/// The HTML around a page's content: head, navigation, and the course's scripts and styles.
enum PageTemplate {
    static let courseName = "Generative Models, Runnable"

    static func page(title: String, body: String, navigation: Navigation) -> String {
        var links = "<a href=\"index.html\">Contents</a>"
        if let previous = navigation.previous {
            links += " <a class=\"previous\" href=\"\(previous.slug).html\">← \(escapeHTML(previous.title))</a>"
        }
        if let next = navigation.next {
            links += " <a class=\"next\" href=\"\(next.slug).html\">\(escapeHTML(next.title)) →</a>"
        }
        return document(title: "\(title) · \(courseName)", body: """
            <nav class="course-nav">\(links)</nav>
            <main>
            \(body)</main>
            <nav class="course-nav bottom">\(links)</nav>
            """)
    }

    /// One lesson on the contents page.
    struct IndexEntry {
        var slug: String
        var title: String
        var summaryHTML: String
        var failed: Bool
    }

    static func index(_ entries: [IndexEntry]) -> String {
        var items = ""
        for entry in entries {
            let mark = entry.failed ? " <span class=\"badge failed\">has failing cells</span>" : ""
            items += """
                <li><a href="\(entry.slug).html">\(escapeHTML(entry.title))</a>\(mark)
                <p>\(entry.summaryHTML)</p></li>

                """
        }
        return document(title: courseName, body: """
            <main>
            <h1>\(courseName)</h1>
            <p>A course on generative models in which every formula runs: each page below was produced by running its lesson's Swift cells.</p>
            <ol class="lesson-list">
            \(items)</ol>
            </main>
            """)
    }

    private static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escapeHTML(title))</title>
        <link rel="stylesheet" href="assets/katex/katex.min.css">
        <link rel="stylesheet" href="assets/highlight/highlight.css">
        <link rel="stylesheet" href="assets/course.css">
        <script defer src="assets/katex/katex.min.js"></script>
        <script defer src="assets/highlight/highlight.min.js"></script>
        <script defer src="assets/course.js"></script>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }
}
