import Foundation
import Notebook
import Testing

/// What a reader's browser does with a built course: a small course is built once, and one
/// headless Chromium run drives its pages from a test page (`harness`) that loads them in frames
/// at 1280 and 400 pixels, uses the search box and the theme toggle, and reports what it saw.
struct BrowserReport: Decodable, Sendable {
    /// The pages the sidebar links to, in order, and the one marked current.
    var sidebar: [String]
    var current: String?
    /// The pages of the search results for a word only lesson 3 uses, in order.
    var search: [String]
    /// The page's computed background before and after the toggle, and after a reload.
    var backgroundBefore: String
    var backgroundAfterToggle: String
    var backgroundAfterReload: String
    /// Elements wider than the 400-pixel viewport that no scrolling box holds.
    var overflowing: [String]
    /// How far the 400-pixel page itself scrolls sideways (0 when nothing escapes its box).
    var pageOverflow: Int
    /// The text of the reference to the figure labelled `fig-code`, and the caption of that figure.
    var figureReference: String
    var figureCaption: String
    /// The number of copy buttons on the page, one per code box.
    var copyButtons: Int
    var codeBoxes: Int

    /// The report of the one browser run, or nil when Chromium is absent.
    static let shared: Result<BrowserReport, any Error>? = HeadlessChromium.executable == nil ? nil : Result { try run() }

    static let lessons: [String: String] = [
        "01-basics.md": """
            # 1. Basics

            The first lesson, about densities.

            ## A long formula

            $$p(x) = \\sum_{k=1}^{K} \\pi_k \\, \\mathcal{N}(x; \\mu_k, \\sigma_k^2) = \\sum_{k=1}^{K} \\frac{\\pi_k}{\\sqrt{2 \\pi \\sigma_k^2}} \\exp\\left(-\\frac{(x - \\mu_k)^2}{2 \\sigma_k^2}\\right) + \\sum_{k=1}^{K} \\pi_k \\, \\mathcal{N}(x; \\mu_k, \\sigma_k^2)$$

            ## A wide table

            | model | evaluate p(x) | sample | train | latent | exact likelihood | fast sampling | notes on the model |
            |---|---|---|---|---|---|---|---|
            | generative adversarial network | no | yes | adversarial | yes | no | yes | unstable training dynamics, $\\min_G \\max_D V(D, G)$ |

            ## Long code

            The cell of [](#fig-code) does not run.

            ```swift no-run caption="A long line" label=fig-code
            let aVeryLongNameForAValue = someFunctionWithALongName(argumentNumberOne: 1, argumentNumberTwo: 2, argumentNumberThree: 3)
            ```

            > **Exercise 1.1** (`f`): an exercise box.
            """,
        "02-middle.md": "# 2. Middle\n\nThe second lesson.\n\n## Something\n\nText.\n",
        "03-target.md": "# 3. Target\n\nThe third lesson.\n\n## The trick\n\nThe reparameterisation trick moves the noise out.\n",
        "90-developer.md": "# Gallery\n\nA developer page.\n",
    ]

    static func run() throws -> BrowserReport {
        let scratch = try scratchFolder("browser-tests")
        let folder = scratch.appendingPathComponent("Lessons")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, markdown) in lessons { try markdown.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let output = scratch.appendingPathComponent("Output")
        let options = CourseBuilder.Options(outputDirectory: output, cacheDirectory: scratch.appendingPathComponent("cache"))
        let paths = lessons.keys.sorted().map { folder.appendingPathComponent($0).path }
        _ = try CourseBuilder(toolchain: try builtToolchain(), options: options, terminal: Terminal(interactive: false))
            .build(selected: paths, all: paths)
        let harness = output.appendingPathComponent("harness.html")
        try Self.harness.write(to: harness, atomically: true, encoding: .utf8)
        let dom = try HeadlessChromium.dumpDOM(of: harness, width: 1400, height: 1000, profile: scratch.appendingPathComponent("profile"))
        guard let start = dom.range(of: "<pre id=\"report\">"), let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex) else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSDebugDescriptionErrorKey: "no report in the DOM: \(dom.prefix(2000))"])
        }
        let json = dom[start.upperBound..<end.lowerBound].replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        return try JSONDecoder().decode(BrowserReport.self, from: Data(json.utf8))
    }

    static let harness = """
        <!DOCTYPE html>
        <html><body>
        <iframe id="wide" style="width:1280px;height:900px;border:0"></iframe>
        <iframe id="narrow" style="width:400px;height:800px;border:0"></iframe>
        <pre id="report"></pre>
        <script>
        function load(frame, url) {
          return new Promise(function (resolve) {
            frame.onload = function () { setTimeout(resolve, 200); };
            frame.src = url + "?" + Math.random();
          });
        }
        function background(frame) { return frame.contentWindow.getComputedStyle(frame.contentDocument.body).backgroundColor; }
        function scrolls(element, window) {
          for (var e = element.parentElement; e; e = e.parentElement) {
            var overflow = window.getComputedStyle(e).overflowX;
            if (overflow === "auto" || overflow === "scroll" || overflow === "hidden") return true;
          }
          return false;
        }
        async function run() {
          var report = {};
          var wide = document.getElementById("wide"), narrow = document.getElementById("narrow");
          await load(wide, "01-basics.html");
          var doc = wide.contentDocument;
          report.sidebar = Array.from(doc.querySelectorAll(".sidebar > ol > li > a, .sidebar > ol > li > details > summary > a"))
            .map(function (a) { return a.getAttribute("href"); });
          var current = doc.querySelector('.sidebar a[aria-current="page"]');
          report.current = current ? current.getAttribute("href") : null;
          report.figureReference = doc.querySelector('a.reference[href="#fig-code"]').textContent;
          report.figureCaption = doc.querySelector("#fig-code figcaption").textContent;
          report.copyButtons = doc.querySelectorAll("pre .copy-button").length;
          report.codeBoxes = doc.querySelectorAll("pre.cell-code, pre.code").length;
          var input = doc.getElementById("search");
          input.value = "reparameterisation";
          input.dispatchEvent(new Event("input"));
          report.search = Array.from(doc.querySelectorAll(".search-results a")).map(function (a) { return a.dataset.page; });
          report.backgroundBefore = background(wide);
          doc.querySelector(".theme-toggle").click();
          report.backgroundAfterToggle = background(wide);
          await load(wide, "01-basics.html");
          report.backgroundAfterReload = background(wide);
          await load(narrow, "01-basics.html");
          var win = narrow.contentWindow, width = win.innerWidth;
          var root = narrow.contentDocument.documentElement;
          report.pageOverflow = root.scrollWidth - root.clientWidth;
          report.overflowing = Array.from(narrow.contentDocument.querySelectorAll("body *")).filter(function (e) {
            var box = e.getBoundingClientRect();
            return box.width > 0 && box.right > width + 1 && !scrolls(e, win);
          }).map(function (e) { return e.tagName + "." + e.className + " right=" + Math.round(e.getBoundingClientRect().right); });
          return report;
        }
        run().then(function (report) { document.getElementById("report").textContent = JSON.stringify(report); },
                   function (error) { document.getElementById("report").textContent = JSON.stringify({ error: String(error) }); });
        </script>
        </body></html>
        """
}

/// The report, or a skip with a message when Chromium is absent.
private func browserReport() throws -> BrowserReport? {
    guard let shared = BrowserReport.shared else {
        print("Browser tests skipped: Debian's chromium is not installed (apt-get install chromium).")
        return nil
    }
    return try shared.get()
}

@Test func sidebarListsEveryStudentLessonAndMarksTheCurrentOne() throws {
    guard let report = try browserReport() else { return }
    #expect(report.sidebar == ["01-basics.html", "02-middle.html", "03-target.html"])
    #expect(report.current == "01-basics.html")
}

@Test func searchForAWordOnlyLessonThreeUsesFindsLessonThreeFirst() throws {
    guard let report = try browserReport() else { return }
    #expect(report.search.first == "03-target")
}

@Test func themeToggleChangesTheBackgroundAndPersistsAcrossAReload() throws {
    guard let report = try browserReport() else { return }
    #expect(report.backgroundBefore == "rgb(255, 255, 255)")
    #expect(report.backgroundAfterToggle == "rgb(13, 17, 23)")
    #expect(report.backgroundAfterReload == report.backgroundAfterToggle)
}

@Test func nothingIsWiderThanA400PixelViewportOutsideAScrollingBox() throws {
    guard let report = try browserReport() else { return }
    #expect(report.overflowing == [])
    // Absolutely positioned parts of a formula (KaTeX's hidden MathML) escape a scrolling table
    // unless the table is their containing block: the page must not scroll sideways either.
    #expect(report.pageOverflow == 0)
}

@Test func figureReferenceResolvesToItsFiguresNumber() throws {
    guard let report = try browserReport() else { return }
    #expect(report.figureReference == "Figure 1")
    #expect(report.figureCaption == "Figure 1. A long line")
}

@Test func everyCodeBoxHasACopyButton() throws {
    guard let report = try browserReport() else { return }
    #expect(report.codeBoxes == 1 && report.copyButtons == 1)
}
