import Plumbing

/// The caption of a cell's figure: "Figure 2. Samples after training", from the cell's
/// `caption="..."` option; `$...$` in it is math.
struct FigureCaption {
    var number: Int
    var text: String?

    /// The caption as the page shows it, math left for KaTeX.
    var html: String {
        var html = "<span class=\"figure-number\">Figure \(number).</span>"
        guard let text, !text.isEmpty else { return html }
        html += " "
        for (index, piece) in text.split(separator: "$", omittingEmptySubsequences: false).enumerated() {
            html += index % 2 == 1 ? "<span class=\"math inline\">\(escapeHTML(String(piece)))</span>" : escapeHTML(String(piece))
        }
        return html
    }

    /// The caption as text, for the alt text of its images.
    var plainText: String {
        guard let text, !text.isEmpty else { return "Figure \(number)" }
        return "Figure \(number). \(text)"
    }
}
