import Foundation

/// Draws one `Plot` into a rectangle of a figure: grid, layers, axes, labels, legend, colorbar.
struct PlotRenderer {
    let plot: Plot
    let frame: Rect
    /// A prefix that makes `id`s unique within the page, e.g. `"fig3a9c-p0"`.
    let id: String
    let domains: PlotDomains
    let area: Rect
    let xScale: Scale
    let yScale: Scale
    let xTicks: Ticks
    let yTicks: Ticks
    /// Whether the legend sits right of the axes because every corner inside covers data.
    let legendOutside: Bool

    /// Lays the plot out in `frame`, using `domains` (shared across panels) or fitting its data.
    ///
    /// The legend goes into the emptiest corner of the axes; if each corner would hide data, the
    /// axes shrink and the legend moves to their right.
    static func layout(plot: Plot, frame: Rect, id: String, domains: PlotDomains? = nil) -> PlotRenderer {
        let inside = PlotRenderer(plot: plot, frame: frame, id: id, domains: domains, legendOutside: false)
        guard plot.showsLegend, !plot.legend.isEmpty, inside.legendPlacement().covered > 0 else { return inside }
        return PlotRenderer(plot: plot, frame: frame, id: id, domains: domains, legendOutside: true)
    }

    private init(plot: Plot, frame: Rect, id: String, domains shared: PlotDomains?, legendOutside: Bool) {
        self.plot = plot
        self.legendOutside = legendOutside
        self.frame = frame
        self.id = id
        let xCount = tickCount(length: frame.width - 90, spacing: 70)
        let yCount = tickCount(length: frame.height - 70, spacing: 45)
        var domains = shared ?? PlotDomains(fitting: plot, xTickCount: xCount, yTickCount: yCount)
        let yLabels = Scale(kind: plot.yScale, domain: domains.y, rangeStart: 0, rangeEnd: 1).ticks(count: yCount).labels
        let labelWidth = yLabels.map { Theme.textWidth($0, size: Theme.tickFontSize) }.max() ?? 0
        let left = 10 + labelWidth + 8 + (plot.yLabel.isEmpty ? 0 : 18)
        let top: Double = plot.title.isEmpty ? 12 : 30
        let bottom: Double = 24 + (plot.xLabel.isEmpty ? 0 : 20)
        let right = 14 + (plot.colorbar.map(Self.colorbarWidth) ?? 0) + (legendOutside ? Self.legendSize(plot).width + 4 : 0)
        var area = Rect(x: frame.x + left, y: frame.y + top,
                        width: max(frame.width - left - right, 10), height: max(frame.height - top - bottom, 10))
        if plot.equalAspect && plot.marks.contains(where: { $0.extent.exact }) {
            // A heat map fills its axes exactly, so the axes shrink instead of the domain growing.
            let unit = max((domains.x.upperBound - domains.x.lowerBound) / area.width,
                           (domains.y.upperBound - domains.y.lowerBound) / area.height)
            let width = (domains.x.upperBound - domains.x.lowerBound) / unit
            let height = (domains.y.upperBound - domains.y.lowerBound) / unit
            area = Rect(x: area.x, y: area.y + (area.height - height) / 2, width: width, height: height)
        } else if plot.equalAspect {
            domains.equalize(plotWidth: area.width, plotHeight: area.height)
        }
        self.area = area
        self.domains = domains
        xScale = Scale(kind: plot.xScale, domain: domains.x, rangeStart: area.x, rangeEnd: area.maxX)
        yScale = Scale(kind: plot.yScale, domain: domains.y, rangeStart: area.maxY, rangeEnd: area.y)
        var xTicks = xScale.ticks(count: xCount)
        // Fewer ticks until neighbouring labels leave a gap of at least 8 pixels.
        for count in stride(from: xCount - 1, through: 1, by: -1) where Self.labelsCollide(xTicks, on: xScale) {
            xTicks = xScale.ticks(count: count)
        }
        self.xTicks = plot.categories.isEmpty
            ? xTicks
            : Ticks(values: plot.categories.indices.map(Double.init), step: 1, labels: plot.categories)
        yTicks = yScale.ticks(count: yCount)
    }

    /// Whether any two neighbouring tick labels on a horizontal axis are closer than 8 pixels.
    static func labelsCollide(_ ticks: Ticks, on scale: Scale) -> Bool {
        zip(ticks.values.indices.dropLast(), ticks.values.indices.dropFirst()).contains { a, b in
            let room = (Theme.textWidth(ticks.labels[a], size: Theme.tickFontSize)
                + Theme.textWidth(ticks.labels[b], size: Theme.tickFontSize)) / 2 + 8
            return abs(scale(ticks.values[b]) - scale(ticks.values[a])) < room
        }
    }

    /// The pixels a colorbar and its labels take to the right of the axes.
    static func colorbarWidth(_ colorbar: Colorbar) -> Double {
        let labels = Ticks.linear(from: colorbar.range.lowerBound, to: colorbar.range.upperBound, count: 5).labels
        let widest = labels.map { Theme.textWidth($0, size: Theme.tickFontSize) }.max() ?? 0
        return 16 + 12 + 6 + widest + (colorbar.label.isEmpty ? 0 : 20)
    }

    /// Appends the whole plot to `svg`.
    func render(into svg: inout SVGWriter) {
        svg.open("defs")
        svg.open("clipPath", [("id", id + "-clip")])
        svg.element("rect", [("x", fmt(area.x)), ("y", fmt(area.y)), ("width", fmt(area.width)), ("height", fmt(area.height))])
        svg.close("clipPath")
        svg.close("defs")
        drawGrid(into: &svg)
        svg.open("g", [("clip-path", "url(#\(id)-clip)")])
        var hidden = 0
        for mark in plot.marks { hidden += draw(mark, into: &svg) }
        svg.close("g")
        drawAxes(into: &svg)
        drawLabels(into: &svg)
        if let colorbar = plot.colorbar { drawColorbar(colorbar, into: &svg) }
        drawNotes(hiddenByLogScale: hidden, into: &svg)
        if plot.showsLegend && !plot.legend.isEmpty { drawLegend(into: &svg) }
    }

    // MARK: - Axes

    private func drawGrid(into svg: inout SVGWriter) {
        if plot.categories.isEmpty {
            for value in xTicks.values {
                svg.line(xScale(value), area.y, xScale(value), area.maxY, color: Theme.gridColor, width: 0.8)
            }
        }
        for value in yTicks.values {
            svg.line(area.x, yScale(value), area.maxX, yScale(value), color: Theme.gridColor, width: 0.8)
        }
    }

    private func drawAxes(into svg: inout SVGWriter) {
        svg.line(area.x, area.maxY, area.maxX, area.maxY, color: Theme.axisColor)
        svg.line(area.x, area.y, area.x, area.maxY, color: Theme.axisColor)
        for (value, label) in zip(xTicks.values, xTicks.labels) {
            let x = xScale(value)
            svg.line(x, area.maxY, x, area.maxY + 4, color: Theme.axisColor)
            svg.text(label, x: x, y: area.maxY + 16)
        }
        for (value, label) in zip(yTicks.values, yTicks.labels) {
            let y = yScale(value)
            svg.line(area.x - 4, y, area.x, y, color: Theme.axisColor)
            svg.text(label, x: area.x - 7, y: y + 3.8, anchor: "end")
        }
        for value in minorLogTicks(xScale, skipping: xTicks.values) {
            svg.line(xScale(value), area.maxY, xScale(value), area.maxY + 2.5, color: Theme.axisColor, width: 0.7)
        }
        for value in minorLogTicks(yScale, skipping: yTicks.values) {
            svg.line(area.x - 2.5, yScale(value), area.x, yScale(value), color: Theme.axisColor, width: 0.7)
        }
    }

    /// The unlabelled ticks at 2…9 times each decade of a log scale spanning at most six decades.
    private func minorLogTicks(_ scale: Scale, skipping major: [Double]) -> [Double] {
        guard scale.kind == .logarithmic, scale.domain.lowerBound > 0 else { return [] }
        let first = Int(floor(log10(scale.domain.lowerBound))), last = Int(ceil(log10(scale.domain.upperBound)))
        guard last - first <= 6 else { return [] }
        return (first..<last).flatMap { exponent in
            (2...9).map { Double($0) * pow(10, Double(exponent)) }
        }.filter { value in
            scale.domain.contains(value) && !major.contains { abs($0 - value) <= value * 1e-9 }
        }
    }

    private func drawLabels(into svg: inout SVGWriter) {
        if !plot.title.isEmpty {
            svg.text(plot.title, x: area.x + area.width / 2, y: frame.y + 19, size: Theme.titleFontSize, weight: "600")
        }
        if !plot.xLabel.isEmpty {
            svg.text(plot.xLabel, x: area.x + area.width / 2, y: area.maxY + 35, size: Theme.labelFontSize)
        }
        if !plot.yLabel.isEmpty {
            svg.text(plot.yLabel, x: frame.x + 14, y: area.y + area.height / 2, size: Theme.labelFontSize, rotation: -90)
        }
    }

    private func drawNotes(hiddenByLogScale: Int, into svg: inout SVGWriter) {
        if plot.isEmpty {
            svg.text("no data", x: area.x + area.width / 2, y: area.y + area.height / 2 + 4,
                     size: Theme.labelFontSize, color: Color.mutedGray)
        }
        var notes: [String] = []
        if plot.skippedValues > 0 {
            notes.append("\(plot.skippedValues) non-finite value\(plot.skippedValues == 1 ? "" : "s") skipped")
        }
        if hiddenByLogScale > 0 {
            notes.append("\(hiddenByLogScale) value\(hiddenByLogScale == 1 ? "" : "s") ≤ 0 not shown on the log axis")
        }
        guard !notes.isEmpty else { return }
        svg.element("text", [("x", fmt(area.x + 6)), ("y", fmt(area.maxY - 7)), ("font-size", "10.5"),
                             ("fill", Color.mutedGray.hexString), ("font-style", "italic"),
                             ("stroke", "#ffffff"), ("stroke-width", "3"), ("paint-order", "stroke")],
                    text: notes.joined(separator: "; "))
    }
}
