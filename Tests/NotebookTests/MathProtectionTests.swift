import Foundation
import Notebook
import Testing

/// The formulas of `Fixtures/lecture-math.md`, copied from ../shared/lecture/001, as written there.
private let lectureFormulas: [(tex: String, display: Bool)] = [
    (#"F_i = \sum_{j=1}^i p(x_j)"#, false),
    (#"0 \leq F_i \leq 1"#, false),
    (#"p(k|x) = \frac{w_k^{t-1} N(x|\mu_k^{t-1}, \sigma_k^{t-1})}{\sum_{j=1}^K w_j^{t-1} N(x|\mu_j^{t-1}, \sigma_j^{t-1})}"#, true),
    (#"\mu_k^t = \frac{\sum_{i=1}^N x_i p(k|x_i)}{\sum_{i=1}^N p(k|x_i)}"#, true),
    (#"K(x; \mu) = \underbrace{x_n}_{\text{point itself}}, \underbrace{\sigma}_{\text{width of function}} = \frac{1}{\sqrt{2\pi\sigma^2}} e^{-\frac{(x-\mu)^2}{2\sigma^2}}"#, true),
    ("\n\\begin{aligned}\n\\log p(x) &\\geq \\mathbb{E}_{q(z|x)}[\\log p(x|z)] \\\\\n          &\\quad - D_{KL}(q(z|x) \\| p(z))\n\\end{aligned}\n", true),
    ("a * b * c", false),
]

private func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
}

private func fixture(_ name: String) throws -> String {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
    return try String(contentsOf: url, encoding: .utf8)
}

@Test(arguments: lectureFormulas.indices)
func lectureFormulaReachesThePageExactlyAsWritten(index: Int) throws {
    let lesson = try LessonParser.parse(markdown: try fixture("lecture-math.md"), path: "Lessons/m.md")
    guard case .prose(let html) = lesson.blocks.first else { Issue.record("no prose"); return }
    let (tex, display) = lectureFormulas[index]
    let span = "<span class=\"math \(display ? "display" : "inline")\">\(escaped(tex))</span>"
    #expect(html.contains(span), "missing \(span)")
}

@Test func markdownInsideMathIsNotInterpreted() throws {
    let lesson = try LessonParser.parse(markdown: try fixture("lecture-math.md"), path: "Lessons/m.md")
    guard case .prose(let html) = lesson.blocks.first else { Issue.record("no prose"); return }
    #expect(!html.contains("<em>"))
}

@Test func escapedDollarAndCodeSpansAreNotMath() throws {
    let lesson = try LessonParser.parse(markdown: try fixture("lecture-math.md"), path: "Lessons/m.md")
    guard case .prose(let html) = lesson.blocks.first else { Issue.record("no prose"); return }
    #expect(html.contains("a price of $5 that is not math"))
    #expect(html.contains("<code>code with $x$</code>"))
}

@Test func dollarsInCellsAreLeftAlone() throws {
    let lesson = try LessonParser.parse(markdown: "```swift\nlet s = \"$a$ and $$b$$\"\n```\n", path: "Lessons/m.md")
    #expect(lesson.cells[0].source == "let s = \"$a$ and $$b$$\"")
}

@Test func currencyAmountsAreNotMath() throws {
    let lesson = try LessonParser.parse(markdown: "It costs $5 and $10 today.\n", path: "Lessons/m.md")
    #expect(lesson.blocks == [.prose(html: "<p>It costs $5 and $10 today.</p>\n")])
}

// MARK: - Math never swallows code (issue 11)

/// The prose of `markdown`, all blocks joined.
private func proseHTML(_ markdown: String) throws -> String {
    try LessonParser.parse(markdown: markdown, path: "Lessons/m.md").blocks.compactMap { block in
        if case .prose(let html) = block { html } else { nil }
    }.joined()
}

@Test func swiftInterpolationInProseStaysTextAndCellsStillRun() throws {
    let markdown = """
        Swift interpolates with \\(value) inside strings.

        ```swift
        let value = 1
        print("\\(value)")
        ```

        A formula \\(x^2\\) after it.
        """
    let lesson = try LessonParser.parse(markdown: markdown, path: "Lessons/m.md")
    #expect(lesson.cells.map(\.source) == ["let value = 1\nprint(\"\\(value)\")"])
    let html = try proseHTML(markdown)
    #expect(html.contains("<p>Swift interpolates with (value) inside strings.</p>"))
    #expect(html.contains("<p>A formula <span class=\"math inline\">x^2</span> after it.</p>"))
}

@Test func displayMathDirectlyFollowedByAFenceDoesNotSwallowIt() throws {
    let markdown = "Before $$\n```swift\nprint(1)\n```\n$$ after\n"
    let lesson = try LessonParser.parse(markdown: markdown, path: "Lessons/m.md")
    #expect(lesson.cells.map(\.source) == ["print(1)"])
    #expect(!(try proseHTML(markdown)).contains("class=\"math"))
}

@Test func mathNeverCrossesABlankLine() throws {
    let html = try proseHTML("An open \\( here.\n\nA close \\) there, $a and\n\nb$ and $$c\n\nd$$.\n")
    #expect(!html.contains("class=\"math"))
}

@Test func multiLineDisplayMathKeepsTheLineNumbersOfLaterCells() throws {
    let markdown = "$$\na\n+ b\n$$\n\n```swift\nprint(1)\n```\n"
    let lesson = try LessonParser.parse(markdown: markdown, path: "Lessons/m.md")
    #expect(lesson.cells.map(\.firstLine) == [7])
    #expect(try proseHTML(markdown).contains("<span class=\"math display\">\na\n+ b\n</span>"))
}

@Test func fourThousandFormulasInOneParagraphComeBackInOrder() throws {
    let markdown = (0..<4000).map { "$x_{\($0)}$" }.joined(separator: " ") + "\n"
    let html = try proseHTML(markdown)
    let expected = (0..<4000).map { "<span class=\"math inline\">x_{\($0)}</span>" }.joined(separator: " ")
    #expect(html == "<p>\(expected)</p>\n")
}

@Test func mathInLinkDestinationsAndImageAltTextKeepsTheMarkupWhole() throws {
    let html = try proseHTML("See [the $n$ page](notes/$n$.html) and ![a plot of $f(x)$](plot.png).\n")
    #expect(html == "<p>See <a href=\"notes/$n$.html\">the <span class=\"math inline\">n</span> page</a> and <img src=\"plot.png\" alt=\"a plot of f(x)\" />.</p>\n")
}

@Test func mathInAnAutolinkStaysPartOfTheAddress() throws {
    let html = try proseHTML("Go to <https://example.org/$x$/> for $y$.\n")
    #expect(html == "<p>Go to <a href=\"https://example.org/$x$/\">https://example.org/$x$/</a> for <span class=\"math inline\">y</span>.</p>\n")
}

@Test func placeholderLikeTextTypedInProseStaysAsTyped() throws {
    let html = try proseHTML("KATEXMATH0X and \u{E000}0\u{E001} stay, $a$ is math.\n")
    #expect(html == "<p>KATEXMATH0X and \u{E000}0\u{E001} stay, <span class=\"math inline\">a</span> is math.</p>\n")
}

@Test func equationLabelAfterDisplayMathStaysText() throws {
    let html = try proseHTML("$$E = mc^2$$ (1)\n")
    #expect(html == "<p><span class=\"math display\">E = mc^2</span> (1)</p>\n")
}
