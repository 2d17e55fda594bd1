import Plumbing

/// The two navigation blocks of a lesson page: the sidebar of every lesson and its sections, and
/// the table of contents of the page itself.
enum SiteNavigation {
    /// Every lesson, each a collapsible list of its level-2 sections; the `current` lesson is open
    /// and marked with `aria-current`.
    static func sidebar(_ lessons: [LessonLink], current: String) -> String {
        guard !lessons.isEmpty else { return "" }
        var html = "<nav class=\"sidebar\" aria-label=\"Lessons\">\n<ol>\n"
        for lesson in lessons {
            let isCurrent = lesson.slug == current
            let link = "<a href=\"\(lesson.slug).html\"\(isCurrent ? " aria-current=\"page\"" : "")>\(escapeHTML(lesson.title))</a>"
            let sections = lesson.sections.filter { $0.level == 2 }
            guard !sections.isEmpty else {
                html += "<li\(isCurrent ? " class=\"current\"" : "")>\(link)</li>\n"
                continue
            }
            html += "<li\(isCurrent ? " class=\"current\"" : "")><details\(isCurrent ? " open" : "")><summary>\(link)</summary>\n<ol>\n"
            for section in sections {
                html += "<li><a href=\"\(lesson.slug).html#\(section.anchor)\">\(section.titleHTML)</a></li>\n"
            }
            html += "</ol>\n</details></li>\n"
        }
        return html + "</ol>\n</nav>\n"
    }

    /// The page's level-2 and level-3 headings, linked to their anchors.
    static func tableOfContents(_ sections: [Section]) -> String {
        guard !sections.isEmpty else { return "" }
        var html = "<nav class=\"toc\" aria-label=\"On this page\">\n<p class=\"toc-title\">On this page</p>\n<ol>\n"
        for section in sections {
            html += "<li class=\"level-\(section.level)\"><a href=\"#\(section.anchor)\">\(section.titleHTML)</a></li>\n"
        }
        return html + "</ol>\n</nav>\n"
    }
}
