import Figures
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// A figure with every kind of layer, some bad values and an empty panel.
func kitchenSinkFigure() -> Figure {
    let xs = (0..<50).map { Double($0) / 10 }
    var lines = Plot(title: "Lines μ, σ", xLabel: "x", yLabel: "p(x)")
    lines.area(x: xs, y: xs.map { exp(-$0) }, label: "area")
    lines.line(x: xs, y: xs.map { sin($0) }, label: "sin", dashed: true)
    lines.scatter(x: [1, 2, .nan], y: [0.5, 0.2, 0.1], label: "points")
    var classes = Plot(title: "classes")
    classes.scatter(x: [0, 1, 2], y: [2, 1, 0], classes: [0, 1, 2], classNames: ["a", "b", "c"])
    classes.scatter(x: [0, 1], y: [0, 1], values: [3, 4], colorbarLabel: "v")
    var histogram = Plot(title: "histogram")
    histogram.histogram(xs, bins: 10, density: true, label: "h")
    histogram.bars(categories: ["GAN", "VAE"], values: [1, 2], label: "b")
    let grid = Grid(x: -1...1, y: -1...1, resolution: 12) { x, y in x * x + y * y }
    var field = Plot(title: "field", xLabel: "x₁", yLabel: "x₂")
    field.heatMap(grid, colorbarLabel: "E")
    field.contour(grid, levels: 4, color: .white)
    field.vectorField(x: -1...1, y: -1...1, resolution: 5) { x, y in (-x, -y) }
    field.trajectories(x: [[0, 0.5, 1]], y: [[0, 0.2, 0.1]], label: "path")
    field.equalAspect = true
    var loss = Plot(title: "loss", xLabel: "step", yLabel: "loss")
    loss.line(y: [10, 1, 0.1, 0.01, 0], label: "loss")
    loss.yScale = .logarithmic
    let empty = Plot(title: "empty", xLabel: "nothing", yLabel: "none")
    return Figure(panels: [lines, classes, histogram, field, loss, empty], columns: 3, title: "All layers")
}

/// Parses `svg` with Foundation's `XMLParser`, collecting element names and text.
final class SVGCollector: NSObject, XMLParserDelegate {
    var elements: [String] = []
    var rootAttributes: [String: String] = [:]
    var texts: [String] = []
    private var currentText: String?

    func parse(_ svg: String) -> Bool {
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = self
        return parser.parse()
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        if elements.isEmpty { rootAttributes = attributes }
        elements.append(name)
        if name == "text" { currentText = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        currentText? += string
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text", let text = currentText { texts.append(text) }
        currentText = nil
    }
}

@Test func figureIsWellFormedSVGWithSizeAndViewBox() {
    let figure = kitchenSinkFigure()
    let collector = SVGCollector()
    #expect(collector.parse(figure.svg()))
    #expect(collector.elements.first == "svg")
    #expect(collector.rootAttributes["width"] == "900" && collector.rootAttributes["height"] == "530")
    #expect(collector.rootAttributes["viewBox"] == "0 0 900 530")
    for name in ["path", "circle", "rect", "image", "linearGradient", "clipPath", "text"] {
        #expect(collector.elements.contains(name), "no <\(name)> in the figure")
    }
}

@Test func pythonParsesTheFigureAsXML() throws {
    let script = "import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); print(r.tag, len(list(r.iter())))"
    let output = try ExternalDecoder.runTool(["python3", "-c", script], on: Array(kitchenSinkFigure().svg().utf8),
                                             fileExtension: "svg")
    #expect(String(decoding: output, as: UTF8.self).hasPrefix("{http://www.w3.org/2000/svg}svg "))
}

@Test func unicodeAndMarkupInLabelsAreEscaped() {
    let label = "μ < σ & θ > \"x̂\""
    let figure = Figure(Plot(title: label, xLabel: "θ", yLabel: "p(x̂)"))
    let svg = figure.svg()
    #expect(svg.contains("μ &lt; σ &amp; θ &gt; &quot;x̂&quot;"))
    let collector = SVGCollector()
    #expect(collector.parse(svg))
    #expect(collector.texts.contains(label) && collector.texts.contains("p(x̂)"))
}

@Test func sameDataGivesIdenticalBytes() {
    #expect(kitchenSinkFigure().svg() == kitchenSinkFigure().svg())
}

@Test func differentFiguresGetDifferentIDs() {
    var a = Plot(), b = Plot()
    a.line(x: [0, 1], y: [0, 1])
    b.line(x: [0, 1], y: [1, 0])
    let idA = Figure(a).svg().components(separatedBy: "id=\"")[1].prefix(12)
    let idB = Figure(b).svg().components(separatedBy: "id=\"")[1].prefix(12)
    #expect(idA != idB)
}

@Test func nonFiniteValuesAreSkippedWithANote() {
    var plot = Plot(title: "diverged")
    plot.line(x: [0, 1, 2, 3, 4], y: [1, .nan, 2, .infinity, -.infinity])
    let collector = SVGCollector()
    #expect(collector.parse(Figure(plot).svg()))
    #expect(collector.texts.contains("3 non-finite values skipped"))
}

@Test func emptyPlotKeepsItsLabelsAndSaysNoData() {
    var plot = Plot(title: "Nothing yet", xLabel: "epoch", yLabel: "FID")
    plot.line(x: [], y: [], label: "FID")
    let collector = SVGCollector()
    #expect(collector.parse(Figure(plot).svg()))
    for text in ["Nothing yet", "epoch", "FID", "no data"] {
        #expect(collector.texts.contains(text), "missing \(text)")
    }
}

@Test func logAxisLabelsDecadesAndNotesHiddenValues() {
    var plot = Plot()
    plot.line(y: [100, 10, 1, 0.1, 0], label: "loss")
    plot.yScale = .logarithmic
    let collector = SVGCollector()
    #expect(collector.parse(Figure(plot).svg()))
    for label in ["0.1", "1", "10", "100"] { #expect(collector.texts.contains(label), "missing tick \(label)") }
    #expect(collector.texts.contains("1 value ≤ 0 not shown on the log axis"))
}

@Test func categoriesLabelTheBarAxis() {
    var plot = Plot()
    plot.bars(categories: ["GAN", "VAE", "Flow"], values: [3, 1, 2], label: "FID")
    plot.bars(categories: ["GAN", "VAE", "Flow"], values: [1, 2, 3], label: "IS")
    let collector = SVGCollector()
    #expect(collector.parse(Figure(plot).svg()))
    for text in ["GAN", "VAE", "Flow", "FID", "IS"] { #expect(collector.texts.contains(text)) }
}

@Test func heatMapEmbedsAPNGWithViridisCells() throws {
    // Rows from the bottom: (0, 1) then (2, 3); the image's top row is the grid's last row.
    let grid = Grid(xs: [0, 1], ys: [0, 1], values: [0, 1, 2, 3])
    var plot = Plot()
    plot.heatMap(grid)
    let svg = Figure(plot).svg()
    let base64 = try #require(svg.components(separatedBy: "data:image/png;base64,").last?.split(separator: "\"").first)
    let png = try #require(Data(base64Encoded: String(base64)))
    let decoded = try ExternalDecoder.decode(Array(png), with: "decode-png.py", fileExtension: "png")
    #expect(decoded.header == [2, 2, 3])
    let expected = [2.0 / 3, 1, 0, 1.0 / 3].flatMap { t -> [UInt8] in
        let c = Color.viridis(t).bytes
        return [c.red, c.green, c.blue]
    }
    #expect(decoded.payload == expected)
}

@Test func mismatchedLengthsStopWithBothLengths() async {
    await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
        var plot = Plot()
        plot.line(x: [Double](repeating: 0, count: 10), y: [Double](repeating: 0, count: 9))
    }.map { result in
        let message = String(decoding: result.standardErrorContent, as: UTF8.self)
        #expect(message.contains("line: x has 10 values, y has 9"), "stderr: \(message)")
    }
}

@Test func floatDataDrawsLikeDoubleData() {
    var a = Plot(), b = Plot()
    a.line(y: [Float(0.5), 0.25, 0.125])
    a.scatter(x: [Float(1), 2], y: [Float(3), 4])
    b.line(y: [0.5, 0.25, 0.125])
    b.scatter(x: [1, 2], y: [3, 4])
    #expect(Figure(a).svg() == Figure(b).svg())
}

/// The x of the legend box (the only rect with rounded corners) in `svg`.
func legendX(_ svg: String) -> Double? {
    guard let line = svg.split(separator: "\n").first(where: { $0.contains("rx=\"3\"") }),
          let value = line.components(separatedBy: "x=\"").dropFirst().first?.split(separator: "\"").first
    else { return nil }
    return Double(value)
}

@Test func legendAvoidsTheDataCorner() throws {
    // A diagonal line from the bottom-left to the top-right: the legend must go top-left.
    var rising = Plot()
    rising.line(x: [0, 10], y: [0, 10], label: "rising")
    var falling = Plot()
    falling.line(x: [0, 10], y: [10, 0], label: "falling")
    let risingX = try #require(legendX(Figure(rising).svg()))
    let fallingX = try #require(legendX(Figure(falling).svg()))
    #expect(risingX < 200 && fallingX > 300, "rising legend at \(risingX), falling at \(fallingX)")
}

@Test func panelsFillRowsOfTheGivenColumns() {
    let titles = (1...5).map { "panel \($0)" }
    let figure = Figure(panels: titles.map { Plot(title: $0) }, columns: 2, panelWidth: 300, panelHeight: 250,
                        title: "five")
    #expect(figure.width == 600 && figure.height == 3 * 250 + 30)
    let collector = SVGCollector()
    #expect(collector.parse(figure.svg()))
    for title in titles + ["five"] { #expect(collector.texts.contains(title)) }
    let clipIDs = figure.svg().components(separatedBy: "<clipPath id=\"").dropFirst().map { $0.prefix(while: { $0 != "\"" }) }
    #expect(clipIDs.count == 5 && Set(clipIDs).count == 5)
}

@Test func annotationsWriteEachTextBesideItsPoint() {
    var plot = Plot(title: "rate against distortion", xLabel: "rate", yLabel: "distortion")
    plot.line(x: [1, 4, 9], y: [30, 20, 10])
    plot.annotate(x: [1, 4, 9, .nan], y: [30, 20, 10, 5], texts: ["β = 16", "β = 1 & 2", "β = 0.25", "lost"])
    let svg = Figure(plot, width: 400, height: 300).svg()
    let collector = SVGCollector()
    #expect(collector.parse(svg))
    #expect(collector.texts.contains("β = 16") && collector.texts.contains("β = 1 & 2") && collector.texts.contains("β = 0.25"))
    #expect(!collector.texts.contains("lost") && collector.texts.contains("1 non-finite value skipped"))
    // Each text starts right of its point and sits above it: the first point is at the left of the
    // plot and highest, the last at the right and lowest.
    let positions = ["β = 16", "β = 1 &amp; 2", "β = 0.25"].map { text -> (Double, Double) in
        let element = svg.components(separatedBy: "<text ").first { $0.contains(">\(text)</text>") } ?? ""
        func value(_ name: String) -> Double {
            Double(element.components(separatedBy: "\(name)=\"").dropFirst().first?.prefix { $0 != "\"" } ?? "") ?? .nan
        }
        return (value("x"), value("y"))
    }
    #expect(positions[0].0 < positions[1].0 && positions[1].0 < positions[2].0)
    #expect(positions[0].1 < positions[1].1 && positions[1].1 < positions[2].1)
}

@Test func annotationsAtTheEdgesStayInsideThePlotArea() {
    // The top-right point's text would leave the plot: it is written to the left of and below it.
    var plot = Plot()
    plot.line(x: [0, 10], y: [0, 10])
    plot.annotate(x: [10], y: [10], texts: ["a long label at the corner"])
    let svg = Figure(plot, width: 400, height: 300).svg()
    let element = svg.components(separatedBy: "<text ").first { $0.contains(">a long label at the corner</text>") } ?? ""
    #expect(element.contains("text-anchor=\"end\""))
}

@Test func figureNamesWhatItShowsForScreenReaders() {
    var untitled = Plot(xLabel: "x", yLabel: "p(x)")
    untitled.line(x: [0, 1], y: [0, 1])
    #expect(Figure(untitled).accessibleDescription == "Figure: p(x) against x")
    #expect(Figure(panels: [Plot(title: "step 0"), Plot(title: "step 100")]).accessibleDescription
        == "Figure of 2 panels: step 0; step 100")
    #expect(Figure(panels: [Plot(title: "a")], title: "Samples over training").accessibleDescription
        == "Figure: Samples over training")
    #expect(Figure(Plot()).accessibleDescription == "Figure")

    let collector = SVGCollector()
    #expect(collector.parse(Figure(Plot(title: "μ < σ")).svg()))
    #expect(collector.rootAttributes["role"] == "img")
    #expect(collector.rootAttributes["aria-label"] == "Figure: μ < σ")
    #expect(collector.elements.dropFirst().first == "title")
}
