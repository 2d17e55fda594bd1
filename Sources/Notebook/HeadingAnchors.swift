/// Gives a lesson's headings stable, unique anchors: `## The ELBO, again` becomes
/// `id="the-elbo-again"`, a second heading of the same text `the-elbo-again-2`.
struct HeadingAnchors {
    private var used: Set<String> = []

    /// The anchor for a heading whose plain text (math as its TeX) is `text`.
    mutating func anchor(for text: String) -> String {
        let base = Self.slug(text)
        var anchor = base
        var suffix = 2
        while used.contains(anchor) {
            anchor = "\(base)-\(suffix)"
            suffix += 1
        }
        used.insert(anchor)
        return anchor
    }

    /// `text` in lower case with every run of characters other than letters and digits replaced
    /// by one `-`; `section` when nothing is left.
    static func slug(_ text: String) -> String {
        var slug = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal {
                if pendingDash, !slug.isEmpty { slug += "-" }
                slug.unicodeScalars.append(scalar)
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        return slug.isEmpty ? "section" : slug
    }

    /// A heading with its anchor and a link to it: `<h2 id="a">Title<a class="anchor" href="#a" ...></a></h2>`.
    static func headingHTML(level: Int, anchor: String, innerHTML: String) -> String {
        "<h\(level) id=\"\(anchor)\">\(innerHTML)<a class=\"anchor\" href=\"#\(anchor)\" aria-label=\"Link to this section\"></a></h\(level)>\n"
    }
}
