import Foundation
import Notebook
import Testing

@Test func swiftFencesBecomeCellsAndOtherFencesStayCode() throws {
    let markdown = """
        # Title

        Summary line.

        ```swift
        let a = 1
        ```

        ```python
        print(1)
        ```

        ```swift no-run
        let b = 2
        ```
        """
    let lesson = try LessonParser.parse(markdown: markdown, path: "Lessons/t.md")
    #expect(lesson.cells.map(\.number) == [1, 2])
    #expect(lesson.cells.map(\.firstLine) == [6, 14])
    #expect(lesson.cells[1].options.noRun)
    #expect(lesson.blocks.contains(.code(language: "python", text: "print(1)")))
}

@Test func everyDocumentedOptionParses() throws {
    let markdown = "```swift hide-code hide-output expect-error timeout=2.5\nlet a = 1\n```\n"
    let options = try LessonParser.parse(markdown: markdown, path: "Lessons/t.md").cells[0].options
    #expect(options.hideCode && options.hideOutput && options.expectError && !options.noRun)
    #expect(options.timeout == 2.5)
}

@Test func unknownOptionIsAnErrorAtItsLineAndColumnListingValidOptions() {
    let markdown = "# T\n\nText.\n\n```swift hide-cod\nlet a = 1\n```\n"
    #expect {
        try LessonParser.parse(markdown: markdown, path: "Lessons/t.md")
    } throws: { error in
        let description = "\(error)"
        return description.hasPrefix("Lessons/t.md:5:10: error: unknown cell option 'hide-cod'")
            && description.contains("hide-code, hide-output, no-run, expect-error, timeout=SECONDS")
    }
}

@Test func badTimeoutValueIsAnError() {
    #expect(throws: RunnerError.self) {
        try LessonParser.parse(markdown: "```swift timeout=soon\n1\n```\n", path: "Lessons/t.md")
    }
}

@Test func hiddenLinesRunButAreNotShown() throws {
    let markdown = "```swift\nimport Generative // hide\nlet a = 1\n```\n"
    let cell = try LessonParser.parse(markdown: markdown, path: "Lessons/t.md").cells[0]
    #expect(cell.source == "import Generative // hide\nlet a = 1")
    #expect(cell.displayedSource == "let a = 1")
}

@Test func titleAndSummaryComeFromTheFirstHeadingAndParagraph() throws {
    let markdown = "# Variational *autoencoders*\n\nThe ELBO, $\\log p(x)$ and friends.\n\nMore.\n"
    let lesson = try LessonParser.parse(markdown: markdown, path: "Lessons/03-vae.md")
    #expect(lesson.title == "Variational autoencoders")
    #expect(lesson.slug == "03-vae")
    #expect(lesson.summaryHTML == "The ELBO, <span class=\"math inline\">\\log p(x)</span> and friends.")
}

@Test func pipeTableRendersAsHTMLTableWithAlignmentAndInlineMarkdown() throws {
    let markdown = """
        | model | evaluate p(x) | sample |
        |:------|:-------------:|-------:|
        | GAN   | no            | **fast** |
        | VAE \\| bound | `elbo` | fast |
        """
    let lesson = try LessonParser.parse(markdown: markdown, path: "Lessons/t.md")
    let expected = """
        <table>
        <thead>
        <tr><th style="text-align: left">model</th><th style="text-align: center">evaluate p(x)</th><th style="text-align: right">sample</th></tr>
        </thead>
        <tbody>
        <tr><td style="text-align: left">GAN</td><td style="text-align: center">no</td><td style="text-align: right"><strong>fast</strong></td></tr>
        <tr><td style="text-align: left">VAE | bound</td><td style="text-align: center"><code>elbo</code></td><td style="text-align: right">fast</td></tr>
        </tbody>
        </table>

        """
    #expect(lesson.blocks == [.prose(html: expected)])
}

@Test func paragraphWithPipesButNoDelimiterRowStaysAParagraph() throws {
    let lesson = try LessonParser.parse(markdown: "a | b\nc | d\n", path: "Lessons/t.md")
    #expect(lesson.blocks == [.prose(html: "<p>a | b\nc | d</p>\n")])
}
