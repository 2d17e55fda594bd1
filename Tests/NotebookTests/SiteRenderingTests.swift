import Foundation
import Notebook
import Testing

// Golden HTML for the site's parts: heading anchors, the sidebar and table of contents, the boxes
// of exercises and corrections, folded cells.

/// The part of `html` from the first `start` to the end of the first `end` after it.
private func excerpt(_ html: String, from start: String, through end: String) throws -> String {
    let lower = try #require(html.range(of: start)).lowerBound
    let upper = try #require(html.range(of: end, range: lower..<html.endIndex)).upperBound
    return String(html[lower..<upper])
}

@Test func headingsGetUniqueAnchorsWithALinkIconAndBecomeSections() throws {
    let markdown = "# Title\n\nIntro.\n\n## The ELBO, $p(x)$\n\n### Sub part\n\n## The ELBO, $p(x)$\n\n## Ünïcode ¿only?\n"
    let lesson = try LessonParser.parse(markdown: markdown, path: "Lessons/03-vae.md")
    #expect(lesson.title == "Title")
    #expect(lesson.sections.map(\.anchor) == ["the-elbo-p-x", "sub-part", "the-elbo-p-x-2", "ünïcode-only"])
    #expect(lesson.sections.map(\.level) == [2, 3, 2, 2])
    #expect(lesson.sections[0].titleHTML == "The ELBO, <span class=\"math inline\">p(x)</span>")
    let html = PageRenderer.render(lesson, result: nil).html
    #expect(html.contains("<h1 id=\"title\">Title<a class=\"anchor\" href=\"#title\" aria-label=\"Link to this section\"></a></h1>"))
    #expect(html.contains("<h2 id=\"the-elbo-p-x\">The ELBO, <span class=\"math inline\">p(x)</span><a class=\"anchor\" href=\"#the-elbo-p-x\" aria-label=\"Link to this section\"></a></h2>"))
    #expect(html.contains("<h2 id=\"the-elbo-p-x-2\">"))
}

@Test func sidebarListsEveryLessonWithItsSectionsAndMarksTheCurrentOne() throws {
    let first = try LessonParser.parse(markdown: "# 1. One\n\n## Alpha\n\n### Deep\n", path: "Lessons/01-one.md")
    let second = try LessonParser.parse(markdown: "# 2. Two & more\n\nNo sections.\n", path: "Lessons/02-two.md")
    let navigation = Navigation(next: ("02-two", "2. Two & more"), lessons: [LessonLink(first), LessonLink(second)])
    let html = PageRenderer.render(first, result: nil, navigation: navigation).html
    let expectedSidebar = """
        <nav class="sidebar" aria-label="Lessons">
        <ol>
        <li class="current"><details open><summary><a href="01-one.html" aria-current="page">1. One</a></summary>
        <ol>
        <li><a href="01-one.html#alpha">Alpha</a></li>
        </ol>
        </details></li>
        <li><a href="02-two.html">2. Two &amp; more</a></li>
        </ol>
        </nav>
        """
    #expect(try excerpt(html, from: "<nav class=\"sidebar\"", through: "</nav>") == expectedSidebar)
    let expectedContents = """
        <nav class="toc" aria-label="On this page">
        <p class="toc-title">On this page</p>
        <ol>
        <li class="level-2"><a href="#alpha">Alpha</a></li>
        <li class="level-3"><a href="#deep">Deep</a></li>
        </ol>
        </nav>
        """
    #expect(try excerpt(html, from: "<nav class=\"toc\"", through: "</nav>") == expectedContents)
}

@Test func blockQuotesWithALabelBecomeBoxesAndOthersStayQuotes() throws {
    let markdown = """
        > **Exercise 1.2** (`f` in [`Sources/Exercises/Lesson01.swift`](../Sources/Exercises/Lesson01.swift)): do it.

        > **The slide says** $a$. **It should say** $b$.

        > **Note:** careful.

        > **Warning** hot.

        > **Exercises 3.1 and 3.2** (both).

        > Just a quote with **bold**.
        """
    let html = PageRenderer.render(try LessonParser.parse(markdown: markdown, path: "Lessons/t.md"), result: nil).html
    let expected = """
        <aside class="admonition exercise" id="exercise-1-2">
        <p><strong>Exercise 1.2</strong> (<code>f</code> in <a href="../Sources/Exercises/Lesson01.swift"><code>Sources/Exercises/Lesson01.swift</code></a>): do it.</p>
        <p class="admonition-links"><a href="../Tests/ExerciseChecks/lesson01.public.json">The checks that grade it</a></p>
        </aside>
        <aside class="admonition slide-correction">
        <p class="slide-says"><strong>The slide says</strong> <span class="math inline">a</span>.</p>
        <p class="should-say"><strong>It should say</strong> <span class="math inline">b</span>.</p>
        </aside>
        <aside class="admonition note">
        <p><strong>Note:</strong> careful.</p>
        </aside>
        <aside class="admonition warning">
        <p><strong>Warning</strong> hot.</p>
        </aside>
        <aside class="admonition exercise" id="exercise-3-1">
        <p><strong>Exercises 3.1 and 3.2</strong> (both).</p>
        <p class="admonition-links"><a href="../Tests/ExerciseChecks/lesson03.public.json">The checks that grade it</a></p>
        </aside>
        <blockquote>
        <p>Just a quote with <strong>bold</strong>.</p>
        </blockquote>
        """
    #expect(try excerpt(html, from: "<aside", through: "</blockquote>") == expected)
}

@Test func foldedCellShowsItsCodeClosedBehindItsFirstCommentAndKeepsItsCacheKey() throws {
    let folded = "```swift fold\n// Plotting helpers\nfunc f() {}\n```\n\n```swift fold\nlet a = 1\nlet b = 2\n```\n"
    let lesson = try LessonParser.parse(markdown: folded, path: "Lessons/t.md")
    #expect(lesson.cells.map(\.options.fold) == [true, true])
    let html = PageRenderer.render(lesson, result: nil).html
    #expect(html.contains("""
        <div class="cell" id="cell-1">
        <details class="fold"><summary>Plotting helpers</summary>
        <pre class="cell-code"><code class="language-swift">// Plotting helpers
        func f() {}</code></pre>
        </details>
        """))
    #expect(html.contains("<details class=\"fold\"><summary>Code (2 lines)</summary>"))
    let unfolded = try LessonParser.parse(markdown: folded.replacingOccurrences(of: " fold", with: ""), path: "Lessons/t.md")
    #expect(ResultCache.key(for: lesson, fingerprint: "f") == ResultCache.key(for: unfolded, fingerprint: "f"))
}

@Test func captionedCellsAreNumberedFiguresThatReferencesName() throws {
    let markdown = """
        # Figures

        As [](#fig-ring) shows, and [](#fig-grid) after it; see [](#the-data).

        ## The data

        ```swift caption="Eight modes on a ring, $r = 2$" label=fig-ring
        show(svg: "<svg/>")
        ```

        ```swift label=fig-grid caption="A grid"
        show(png: [1])
        ```
        """
    let lesson = try LessonParser.parse(markdown: markdown, path: "Lessons/t.md")
    #expect(lesson.cells.map(\.figureNumber) == [1, 2])
    #expect(lesson.cells[0].options.caption == "Eight modes on a ring, $r = 2$")
    let result = RunResult(cells: [CellResult(number: 1, status: .succeeded, outputs: [.svg("<svg/>")]),
                                   CellResult(number: 2, status: .succeeded, outputs: [.png(Data([1]))])])
    let html = PageRenderer.render(lesson, result: result).html
    #expect(html.contains("<p>As <a class=\"reference\" href=\"#fig-ring\">Figure 1</a> shows, and <a class=\"reference\" href=\"#fig-grid\">Figure 2</a> after it; see <a class=\"reference\" href=\"#the-data\">The data</a>.</p>"))
    #expect(html.contains("""
        <figure class="cell-figure" id="fig-ring">
        <div class="cell-outputs">
        <figure class="output figure"><svg/></figure>
        </div>
        <figcaption><span class="figure-number">Figure 1.</span> Eight modes on a ring, <span class="math inline">r = 2</span></figcaption>
        </figure>
        """))
    #expect(html.contains("<img src=\"t/cell02-image1.png\" alt=\"Figure 2. A grid\">"))
}

@Test func referenceToAnUnknownLabelIsAnErrorAtItsLine() {
    let markdown = "# T\n\nText.\n\nSee the plot in [](#fig-nowhere).\n"
    #expect {
        try LessonParser.parse(markdown: markdown, path: "Lessons/t.md")
    } throws: { error in
        "\(error)".hasPrefix("Lessons/t.md:5:17: error: no figure or section is labelled 'fig-nowhere'")
    }
}

@Test func twoFiguresWithOneLabelAreAnError() {
    let markdown = "```swift label=a\n1\n```\n\n```swift label=a\n2\n```\n"
    #expect {
        try LessonParser.parse(markdown: markdown, path: "Lessons/t.md")
    } throws: { error in
        "\(error)".hasPrefix("Lessons/t.md:5:4: error: the label 'a' is already used")
    }
}

private let bibtex = """
    % The course's references.
    @inproceedings{ho2020,
      author = {Ho, Jonathan and Jain, Ajay and Abbeel, Pieter},
      title = {Denoising Diffusion Probabilistic {Models}},
      booktitle = {NeurIPS},
      year = 2020,
      url = {https://arxiv.org/abs/2006.11239}
    }
    @article{kingma2014, author = "Diederik P. Kingma and Max Welling", title = {Auto-Encoding Variational {B}ayes},
      journal = {ICLR}, year = {2014}, doi = {10.48550/arXiv.1312.6114}}
    """

@Test func citationsLinkToAReferenceListInOrderOfFirstCitation() throws {
    let bibliography = try Bibliography(bibtex: bibtex, path: "Lessons/references.bib")
    let markdown = "# T\n\nVAEs [@kingma2014], then DDPM [@ho2020; @kingma2014]. Code `[@ho2020]` stays. Ho et al. [-@ho2020].\n"
    let lesson = try LessonParser.parse(markdown: markdown, path: "Lessons/t.md", bibliography: bibliography)
    let html = PageRenderer.render(lesson, result: nil).html
    #expect(html.contains("<p>VAEs <span class=\"citation\">(<a href=\"#ref-kingma2014\">Kingma and Welling, 2014</a>)</span>, then DDPM <span class=\"citation\">(<a href=\"#ref-ho2020\">Ho et al., 2020</a>; <a href=\"#ref-kingma2014\">Kingma and Welling, 2014</a>)</span>. Code <code>[@ho2020]</code> stays. Ho et al. <span class=\"citation\">(<a href=\"#ref-ho2020\">2020</a>)</span>.</p>"))
    let expectedList = """
        <section class="bibliography">
        <h2 id="references">References<a class="anchor" href="#references" aria-label="Link to this section"></a></h2>
        <ol>
        <li id="ref-kingma2014">Diederik P. Kingma, Max Welling (2014). <cite>Auto-Encoding Variational Bayes</cite>. ICLR. <a href="https://doi.org/10.48550/arXiv.1312.6114">https://doi.org/10.48550/arXiv.1312.6114</a></li>
        <li id="ref-ho2020">Jonathan Ho, Ajay Jain, Pieter Abbeel (2020). <cite>Denoising Diffusion Probabilistic Models</cite>. NeurIPS. <a href="https://arxiv.org/abs/2006.11239">https://arxiv.org/abs/2006.11239</a></li>
        </ol>
        </section>
        """
    #expect(html.contains(expectedList))
    #expect(lesson.sections.last?.anchor == "references")
}

@Test func unknownCitationKeyIsAnErrorAtItsLine() throws {
    let bibliography = try Bibliography(bibtex: bibtex, path: "Lessons/references.bib")
    #expect {
        try LessonParser.parse(markdown: "# T\n\nAs shown [@song2021].\n", path: "Lessons/t.md", bibliography: bibliography)
    } throws: { error in
        "\(error)".hasPrefix("Lessons/t.md:3:11: error: the citation key 'song2021' is not in the bibliography")
    }
}

@Test func malformedBibTeXIsAnErrorAtTheEntrysLine() {
    #expect {
        try Bibliography(bibtex: "@article{a, title = {x}}\n\n@article{b,\n  title = {never closed\n", path: "Lessons/references.bib")
    } throws: { error in
        "\(error)".hasPrefix("Lessons/references.bib:3: error: the field 'title' of 'b' is not closed")
    }
}

@Test func frontMatterGivesTheFamiliesAndKeepsLineNumbers() throws {
    let markdown = "---\n# the lesson's metadata\nfamilies: [GANs, variational autoencoders]\n---\n# Title\n\nSee [](#fig-none).\n"
    #expect {
        try LessonParser.parse(markdown: markdown, path: "Lessons/t.md")
    } throws: { error in
        "\(error)".hasPrefix("Lessons/t.md:7:5: error: no figure or section is labelled 'fig-none'")
    }
    let lesson = try LessonParser.parse(markdown: markdown.replacingOccurrences(of: "See [](#fig-none).", with: "Text."),
                                        path: "Lessons/t.md")
    #expect(lesson.families == ["GANs", "variational autoencoders"])
    #expect(lesson.title == "Title" && lesson.summaryHTML == "Text.")
    #expect(try LessonParser.parse(markdown: "---\nfamilies: a,  b ,\n---\n# T\n", path: "t.md").families == ["a", "b"])
    #expect(try LessonParser.parse(markdown: "---\nfamilies: diffusion (DDPM, DDIM), flows\n---\n", path: "t.md").families
        == ["diffusion (DDPM, DDIM)", "flows"])
    #expect(try LessonParser.parse(markdown: "# T\n\n---\n\nfamilies: a\n", path: "t.md").families == [])
}

@Test func badFrontMatterIsAnErrorAtItsLine() {
    #expect {
        try LessonParser.parse(markdown: "---\nfamilies: a\nauthor: me\n---\n# T\n", path: "Lessons/t.md")
    } throws: { error in
        "\(error)".hasPrefix("Lessons/t.md:3:1: error: unknown front-matter key 'author'; known keys: families")
    }
    #expect {
        try LessonParser.parse(markdown: "---\nfamilies a\n---\n", path: "Lessons/t.md")
    } throws: { error in "\(error)".hasPrefix("Lessons/t.md:2:1: error: a front-matter line is 'key: value'") }
    #expect {
        try LessonParser.parse(markdown: "---\nfamilies: a\n# T\n", path: "Lessons/t.md")
    } throws: { error in "\(error)".hasPrefix("Lessons/t.md:1:1: error: the front matter that starts here has no closing") }
}
