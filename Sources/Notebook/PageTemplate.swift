import Plumbing

/// The HTML around a page's content: head, top bar, sidebar, table of contents, and the course's
/// scripts and styles.
enum PageTemplate {
    static let courseName = "Generative Models, Runnable"

    /// A lesson's page: the top bar, the sidebar of every lesson, the lesson, its table of contents.
    static func page(lesson: Lesson, body: String, navigation: Navigation) -> String {
        var links = "<a href=\"index.html\">Contents</a>"
        if let previous = navigation.previous {
            links += " <a class=\"previous\" href=\"\(previous.slug).html\">← \(escapeHTML(previous.title))</a>"
        }
        if let next = navigation.next {
            links += " <a class=\"next\" href=\"\(next.slug).html\">\(escapeHTML(next.title)) →</a>"
        }
        return document(title: "\(lesson.title) · \(courseName)", body: """
            \(topBar(menu: true))
            <div class="layout">
            \(SiteNavigation.sidebar(navigation.lessons, current: lesson.slug))\(SiteNavigation.tableOfContents(lesson.sections))<main>
            <nav class="course-nav">\(links)</nav>
            \(body)<nav class="course-nav bottom">\(links)</nav>
            </main>
            </div>
            """)
    }

    /// One lesson on the contents page.
    struct IndexEntry {
        var slug: String
        var title: String
        var summaryHTML: String
        /// The model families the lesson teaches, from its front matter.
        var families: [String]
        var failed: Bool
        /// How long its last run took, if it has run.
        var seconds: Double?
        var sectionCount: Int
    }

    /// The contents page: every lesson with its summary, the model families it teaches, its size
    /// and the time it takes to run.
    static func index(_ entries: [IndexEntry]) -> String {
        var items = ""
        for entry in entries {
            let mark = entry.failed ? " <span class=\"badge failed\">has failing cells</span>" : ""
            var facts = ["\(entry.sectionCount) section\(entry.sectionCount == 1 ? "" : "s")"]
            if let seconds = entry.seconds { facts.append(runningTime(seconds)) }
            let families = entry.families.isEmpty ? "" : "<p class=\"lesson-families\">"
                + entry.families.map { "<span class=\"family\">\(escapeHTML($0))</span>" }.joined(separator: " ") + "</p>\n"
            items += """
                <li><a href="\(entry.slug).html">\(escapeHTML(entry.title))</a>\(mark)
                <p>\(entry.summaryHTML)</p>
                \(families)\
                <p class="lesson-facts">\(facts.joined(separator: " · "))</p></li>

                """
        }
        return document(title: courseName, body: """
            \(topBar(menu: false))
            <main class="contents">
            <h1>\(courseName)</h1>
            <p>A course on generative models in which every formula runs: each page below was produced by running its lesson's Swift cells.</p>
            <ol class="lesson-list">
            \(items)</ol>
            </main>
            """)
    }

    /// "runs in under a minute", "runs in about 4 minutes": rounded, so that pages do not change
    /// with the noise of one run.
    static func runningTime(_ seconds: Double) -> String {
        let minutes = Int((seconds / 60).rounded())
        if minutes < 1 { return "runs in under a minute" }
        return "runs in about \(minutes) minute\(minutes == 1 ? "" : "s")"
    }

    /// The bar at the top of every page: the sidebar's button, the course's name, search, the theme toggle.
    private static func topBar(menu: Bool) -> String {
        let menuButton = menu ? "<button class=\"menu-toggle\" type=\"button\" aria-label=\"Show the lessons\" aria-expanded=\"false\">☰</button>" : ""
        return """
            <header class="top-bar">\(menuButton)<a class="course-name" href="index.html">\(courseName)</a>\
            <div class="search"><input type="search" id="search" placeholder="Search the course" aria-label="Search the course" autocomplete="off">\
            <ol class="search-results" hidden></ol></div>\
            <button class="theme-toggle" type="button" aria-label="Switch between light and dark"></button></header>
            """
    }

    private static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escapeHTML(title))</title>
        <script>\(CourseScript.themeBeforePaint)</script>
        <link rel="stylesheet" href="assets/katex/katex.min.css">
        <link rel="stylesheet" href="assets/highlight/highlight.css">
        <link rel="stylesheet" href="assets/course.css">
        <script defer src="assets/katex/katex.min.js"></script>
        <script defer src="assets/highlight/highlight.min.js"></script>
        <script defer src="assets/search-index.js"></script>
        <script defer src="assets/course.js"></script>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }
}
