import Testing
import Generative
import Figures

@Test func grayscaleBatchMapsTheRangeToBlackAndWhite() {
    // Two 2x1 images in [-1, 1]: -1 is black (0), 1 white (255), 0 the middle grey (128 after rounding).
    let batch = Tensor(shape: [2, 1, 1, 2], scalars: [-1, 1, 0, 3])
    let images = Image.grayscale(batch: batch, width: 2, height: 1, range: -1...1)
    #expect(images.map(\.pixels) == [[0, 255], [128, 255]])
}

@Test func windowMeansAveragesWholeWindowsAtTheirCentres() {
    let (x, y) = windowMeans([1, 3, 5, 7, 100] as [Float], window: 2)
    #expect(x == [0.5, 2.5])
    #expect(y == [2, 6])
}

@Test func samplePanelDrawsTheSamplesOverTheDataInASquare() {
    let panel = Plot.samples([[0, 1]], over: [[1, 0], [0, 0]], title: "step 0", color: Color.tab10[0], limit: 3)
    #expect(panel.xLimits == -3...3 && panel.yLimits == -3...3 && panel.equalAspect)
    #expect(panel.title == "step 0")
}

@Test func samplesAgainstADensityLabelBothLayers() {
    let panel = Plot.samples([0.1, 0.2, 0.9], against: { _ in 1 }, range: 0...1, title: "uniform",
                             bins: 4, sampleLabel: "draws", densityLabel: "p(x) = 1")
    let svg = Figure(panel).svg()
    #expect(panel.title == "uniform")
    #expect(svg.contains(">draws</text>") && svg.contains(">p(x) = 1</text>"))
}

@Test func mixturePanelHasOneAreaPerComponentAndNoLegend() {
    let model = GaussianMixture1D(weights: [0.5, 0.5], means: [-1, 1], standardDeviations: [0.5, 0.5])
    let panel = Plot.mixture(model, over: [-1, 0, 1], grid: [-2, -1, 0, 1, 2], title: "iteration 0", yLimits: 0...1)
    #expect(panel.yLimits == 0...1 && !panel.showsLegend)
    // One filled area per component (the histogram's bars are rects, the mixture a plain line).
    let svg = Figure(panel).svg()
    #expect(svg.components(separatedBy: "Z\" fill=").count - 1 == 2)
}

@Test func formatRoundsToTheGivenDecimals() {
    #expect(format(0.1234) == "0.12")
    #expect(format(Float(2.5), 0) == "2")
    #expect(format(-1.0 / 3, 4) == "-0.3333")
}
