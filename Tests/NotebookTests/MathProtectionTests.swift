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
