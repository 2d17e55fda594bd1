import Plumbing

/// The citations of a lesson's prose: `[@ho2020]` or `[@ho2020; @song2021]` becomes
/// "(Ho et al., 2020; Song et al., 2021)", and `Ho et al. [-@ho2020]` "Ho et al. (2020)", each a
/// link to its entry in the reference list at the end of the page. Text in code is left alone. A key the bibliography lacks stops the build at
/// the citation's line.
struct Citations {
    let bibliography: Bibliography?
    /// The keys cited so far, in order of first citation: the order of the reference list.
    private(set) var cited: [String] = []

    init(bibliography: Bibliography?) {
        self.bibliography = bibliography
    }

    /// `html` with its citations rendered.
    mutating func resolve(_ html: String, path: String, sourceLines: [String]) throws -> String {
        var result = ""
        var rest = html[...]
        // Code spans and blocks hold text as written: cite only between them.
        while let code = rest.range(of: "<code") {
            result += try resolveText(rest[..<code.lowerBound], path: path, sourceLines: sourceLines)
            let end = rest.range(of: "</code>", range: code.upperBound..<rest.endIndex)?.upperBound ?? rest.endIndex
            result += rest[code.lowerBound..<end]
            rest = rest[end...]
        }
        return result + (try resolveText(rest, path: path, sourceLines: sourceLines))
    }

    private mutating func resolveText(_ text: Substring, path: String, sourceLines: [String]) throws -> String {
        var result = ""
        var rest = text
        while let open = rest.firstIndex(of: "[") {
            result += rest[..<open]
            let inside = rest[rest.index(after: open)...]
            let close = inside.firstIndex(of: "]")
            let keys = close.map { inside[..<$0].split(separator: ";").map { $0.trimmingWhitespace() } } ?? []
            guard let close, !keys.isEmpty, keys.allSatisfy(Self.isCitation) else {
                result += "["
                rest = inside
                continue
            }
            var links: [String] = []
            for written in keys {
                // `-@key` cites the year alone, after the authors named in the prose.
                let yearOnly = written.hasPrefix("-")
                let key = String(written.drop { $0 == "-" || $0 == "@" })
                guard let entry = bibliography?.entries[key] else {
                    throw unknown(key, path: path, sourceLines: sourceLines)
                }
                if !cited.contains(key) { cited.append(key) }
                let text = yearOnly ? entry.fields["year"] ?? entry.shortCitation : entry.shortCitation
                links.append("<a href=\"#ref-\(escapeHTML(key))\">\(escapeHTML(text))</a>")
            }
            result += "<span class=\"citation\">(\(links.joined(separator: "; ")))</span>"
            rest = inside[inside.index(after: close)...]
        }
        return result + rest
    }

    /// `@key` or `-@key`, the key made of letters, digits and `-_:.`.
    private static func isCitation(_ written: String) -> Bool {
        let key = written.hasPrefix("-@") ? written.dropFirst(2) : written.hasPrefix("@") ? written.dropFirst() : ""
        return !key.isEmpty && key.allSatisfy { $0.isLetter || $0.isNumber || "-_:.".contains($0) }
    }

    private func unknown(_ key: String, path: String, sourceLines: [String]) -> RunnerError {
        let location = CrossReferences.locate("@\(key)", in: sourceLines)
        let summary = bibliography == nil
            ? "the citation '@\(key)' needs a bibliography: add it to references.bib in the lessons folder"
            : "the citation key '\(key)' is not in the bibliography (references.bib)"
        return RunnerError(file: path, line: location?.line, column: location?.column, stage: .parse, summary: summary)
    }

    /// The reference list: every cited entry, in order of first citation, under a heading with `anchor`.
    func referenceList(anchor: String) -> String {
        var html = "<section class=\"bibliography\">\n"
            + HeadingAnchors.headingHTML(level: 2, anchor: anchor, innerHTML: "References") + "<ol>\n"
        for key in cited {
            guard let entry = bibliography?.entries[key] else { continue }
            html += "<li id=\"ref-\(escapeHTML(key))\">\(entry.html)</li>\n"
        }
        return html + "</ol>\n</section>\n"
    }
}
