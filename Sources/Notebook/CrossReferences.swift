/// A lesson's cross-references. An empty link to a label takes the label's name: `[](#fig-samples)`
/// reads "Figure 2" (a cell's `label=fig-samples`), `[](#the-elbo)` the title of the section whose
/// anchor is `the-elbo`. A label that does not exist stops the build at the reference's line.
struct CrossReferences {
    /// Every label of the lesson and the HTML a reference to it shows.
    private(set) var targets: [String: String] = [:]

    /// Adds a label; false when the lesson already has one of that name.
    mutating func define(_ label: String, as html: String) -> Bool {
        guard targets[label] == nil else { return false }
        targets[label] = html
        return true
    }

    /// `html` with every `<a href="#label"></a>` (cmark's rendering of `[](#label)`) filled in.
    /// - Throws: `RunnerError` at the reference's line and column in `sourceLines` for an unknown label.
    func resolve(_ html: String, path: String, sourceLines: [String]) throws -> String {
        let opening = "<a href=\"#"
        var result = ""
        var rest = html[...]
        while let start = rest.range(of: opening) {
            result += rest[..<start.lowerBound]
            let afterOpening = rest[start.upperBound...]
            guard let close = afterOpening.range(of: "\">"), afterOpening[close.upperBound...].hasPrefix("</a>") else {
                result += opening
                rest = afterOpening
                continue
            }
            let label = String(afterOpening[..<close.lowerBound])
            guard let target = targets[label] else {
                // cmark keeps no positions for links: find the reference in the source.
                let location = Self.locate("[](#\(label))", in: sourceLines)
                let known = targets.keys.sorted().joined(separator: ", ")
                throw RunnerError(file: path, line: location?.line, column: location?.column, stage: .parse,
                                  summary: "no figure or section is labelled '\(label)'; labels in this lesson: \(known.isEmpty ? "none" : known)")
            }
            result += "<a class=\"reference\" href=\"#\(label)\">\(target)</a>"
            rest = afterOpening[close.upperBound...].dropFirst("</a>".count)
        }
        return result + rest
    }

    /// The line and column (1-based, in bytes) where `text` first appears in `sourceLines`: inline
    /// nodes carry no positions in cmark, so errors about them look for what the author wrote.
    static func locate(_ text: String, in sourceLines: [String]) -> (line: Int, column: Int)? {
        guard let index = sourceLines.firstIndex(where: { $0.contains(text) }),
              let found = sourceLines[index].range(of: text) else { return nil }
        return (index + 1, sourceLines[index].utf8.distance(from: sourceLines[index].startIndex, to: found.lowerBound) + 1)
    }
}
