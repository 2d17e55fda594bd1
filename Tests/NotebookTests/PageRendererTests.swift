import Foundation
import Notebook
import Testing

private let lessonMarkdown = """
    # Tiny

    Intro.

    ```swift
    import LessonRuntime // hide
    print("hi")
    ```

    ```swift hide-code
    show(svg: "<svg/>")
    ```

    ```swift hide-output
    print("hidden")
    ```

    ```swift
    fatalError("boom")
    ```

    ```swift
    print("never")
    ```
    """

@Test func pageShowsOutputsStatusesAndAssetsInOrder() throws {
    let lesson = try LessonParser.parse(markdown: lessonMarkdown, path: "Lessons/01-tiny.md")
    let png = Data([0x89, 0x50, 0x4E, 0x47])
    let result = RunResult(cells: [
        CellResult(number: 1, status: .succeeded, outputs: [.stdout("hi\n"), .png(png)]),
        CellResult(number: 2, status: .succeeded, outputs: [.svg("<svg/>")]),
        CellResult(number: 3, status: .succeeded, outputs: [.stdout("hidden\n")]),
        CellResult(number: 4, status: .failed(message: "Fatal error: boom")),
        CellResult(number: 5, status: .notRun),
    ])
    let page = PageRenderer.render(lesson, result: result, navigation: Navigation(next: ("02-next", "Next <one>")))
    let main = try #require(page.html.range(of: "<h1 ").map { page.html[$0.lowerBound...] })
    let expected = """
        <h1 id="tiny">Tiny<a class="anchor" href="#tiny" aria-label="Link to this section"></a></h1>
        <p>Intro.</p>
        <div class="cell" id="cell-1">
        <pre class="cell-code"><code class="language-swift">print(&quot;hi&quot;)</code></pre>
        <div class="cell-outputs">
        <pre class="output stdout">hi
        </pre>
        <figure class="output image"><img src="01-tiny/cell01-image1.png" alt="Image 1 of cell 1"></figure>
        </div>
        </div>
        <div class="cell" id="cell-2">
        <div class="cell-outputs">
        <figure class="output figure"><svg/></figure>
        </div>
        </div>
        <div class="cell" id="cell-3">
        <pre class="cell-code"><code class="language-swift">print(&quot;hidden&quot;)</code></pre>
        </div>
        <div class="cell" id="cell-4">
        <pre class="cell-code"><code class="language-swift">fatalError(&quot;boom&quot;)</code></pre>
        <div class="cell-status error"><strong>Error in cell 4:</strong><pre>Fatal error: boom</pre></div>
        </div>
        <div class="cell" id="cell-5">
        <pre class="cell-code"><code class="language-swift">print(&quot;never&quot;)</code></pre>
        <div class="cell-status not-run">Not run: an earlier cell failed.</div>
        </div>
        <nav class="course-nav bottom">
        """
    #expect(main.hasPrefix(expected))
    #expect(page.assets.map(\.path) == ["01-tiny/cell01-image1.png"])
    #expect(page.assets.first?.data == png)
    #expect(page.html.contains("<a class=\"next\" href=\"02-next.html\">Next &lt;one&gt; →</a>"))
    #expect(page.html.contains("<title>Tiny · "))
}

@Test func largeFiguresBecomeFilesWithStableNames() throws {
    let lesson = try LessonParser.parse(markdown: "```swift\nlet a = 1\n```\n", path: "Lessons/02-big.md")
    let big = "<svg>" + String(repeating: "<g/>", count: PageRenderer.inlineSVGLimit / 4) + "</svg>"
    let result = RunResult(cells: [CellResult(number: 1, status: .succeeded, outputs: [.svg(big), .svg(big)])])
    let page = PageRenderer.render(lesson, result: result)
    #expect(page.assets.map(\.path) == ["02-big/cell01-figure1.svg", "02-big/cell01-figure2.svg"])
    #expect(page.html.contains("<img src=\"02-big/cell01-figure2.svg\""))
}

@Test func renderingIsDeterministic() throws {
    let lesson = try LessonParser.parse(markdown: lessonMarkdown, path: "Lessons/01-tiny.md")
    let result = RunResult(cells: [CellResult(number: 1, status: .succeeded, outputs: [.table(header: ["a"], rows: [["<1>"]])])])
    #expect(PageRenderer.render(lesson, result: result) == PageRenderer.render(lesson, result: result))
    #expect(PageRenderer.render(lesson, result: result).html.contains("<td>&lt;1&gt;</td>"))
}

/// Expected digests: FIPS 180-2 appendix B, confirmed with `sha256sum`.
@Test func sha256MatchesTheFIPSExampleVectors() {
    var abc = SHA256()
    abc.update(Array("abc".utf8))
    #expect(abc.hexDigest() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    var long = SHA256()
    long.update(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
    #expect(long.hexDigest() == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    var million = SHA256()
    for _ in 0..<1000 { million.update([UInt8](repeating: UInt8(ascii: "a"), count: 1000)) }
    #expect(million.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
}
