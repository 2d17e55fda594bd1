// MARK: - Legend and colorbar

extension PlotRenderer {
    /// The width and height of the legend box.
    static func legendSize(_ plot: Plot) -> (width: Double, height: Double) {
        let widest = plot.legend.map { Theme.textWidth($0.label, size: Theme.tickFontSize) }.max() ?? 0
        return (34 + widest, Double(plot.legend.count) * legendRowHeight + 8)
    }

    private static let legendRowHeight = 17.0

    /// The top-left corner of the legend and how many data points it covers there: right of the
    /// axes when `legendOutside`, else the inside corner that covers the fewest points (the
    /// bottom-left corner only when there is no note there).
    func legendPlacement() -> (left: Double, top: Double, covered: Int) {
        let box = Self.legendSize(plot), inset = 8.0
        if legendOutside {
            return (left: frame.maxX - box.width - 6, top: area.y, covered: 0)
        }
        let corners = [
            (area.maxX - inset - box.width, area.y + inset), (area.x + inset, area.y + inset),
            (area.maxX - inset - box.width, area.maxY - inset - box.height),
            (area.x + inset, area.maxY - inset - box.height),
        ]
        let points = dataPixels()
        let hasNote = plot.skippedValues > 0
        let costs = corners.enumerated().map { index, corner in
            let covered = points.filter { p in
                p.0 >= corner.0 - 2 && p.0 <= corner.0 + box.width + 2 && p.1 >= corner.1 - 2 && p.1 <= corner.1 + box.height + 2
            }.count
            return index == 3 && hasNote ? Int.max : covered
        }
        let best = costs.indices.min { costs[$0] < costs[$1] } ?? 0
        return (left: corners[best].0, top: corners[best].1, covered: costs[best])
    }

    /// Draws the legend where `legendPlacement()` puts it.
    func drawLegend(into svg: inout SVGWriter) {
        let box = Self.legendSize(plot)
        let (left, top, _) = legendPlacement()
        svg.element("rect", [("x", fmt(left)), ("y", fmt(top)), ("width", fmt(box.width)), ("height", fmt(box.height)),
                             ("rx", "3"), ("fill", "#ffffff"), ("fill-opacity", "0.88"),
                             ("stroke", "#d9d9d9"), ("stroke-width", "0.8")])
        for (row, entry) in plot.legend.enumerated() {
            let y = top + 4 + Self.legendRowHeight * (Double(row) + 0.5)
            drawSymbol(entry, x: left + 8, y: y, into: &svg)
            svg.text(entry.label, x: left + 30, y: y + 3.8, anchor: "start")
        }
    }

    private func drawSymbol(_ entry: LegendEntry, x: Double, y: Double, into svg: inout SVGWriter) {
        switch entry.symbol {
        case .line(let dashed):
            var attributes = [("x1", fmt(x)), ("y1", fmt(y)), ("x2", fmt(x + 16)), ("y2", fmt(y)),
                              ("stroke", entry.color.hexString), ("stroke-width", "2")]
            if dashed { attributes.append(("stroke-dasharray", "4 2")) }
            svg.element("line", attributes)
        case .patch:
            svg.element("rect", [("x", fmt(x)), ("y", fmt(y - 5)), ("width", "16"), ("height", "10"),
                                 ("fill", entry.color.hexString), ("fill-opacity", fmt(max(entry.opacity, 0.45))),
                                 ("stroke", entry.color.hexString), ("stroke-width", "1")])
        case .marker:
            svg.element("circle", [("cx", fmt(x + 8)), ("cy", fmt(y)), ("r", "4"), ("fill", entry.color.hexString)])
        }
    }

    /// Pixel positions of the data, sampled, to find where the legend hides the least.
    private func dataPixels() -> [(Double, Double)] {
        var points: [(Double, Double)] = []
        func add(_ p: DataPoint) {
            if xScale.accepts(p.x) && yScale.accepts(p.y) { points.append((xScale(p.x), yScale(p.y))) }
        }
        for mark in plot.marks {
            switch mark {
            case .line(let runs, _, _, _, _), .area(let runs, _, _, _):
                // Points every few pixels along each segment, so long straight pieces count too.
                for run in runs {
                    for (a, b) in zip(run, run.dropFirst()) where xScale.accepts(a.x) && yScale.accepts(a.y)
                        && xScale.accepts(b.x) && yScale.accepts(b.y) {
                        let (ax, ay, bx, by) = (xScale(a.x), yScale(a.y), xScale(b.x), yScale(b.y))
                        let steps = min(200, Int(((bx - ax) * (bx - ax) + (by - ay) * (by - ay)).squareRoot() / 4))
                        for step in 0...steps {
                            let t = Double(step) / Double(steps + 1)
                            points.append((ax + t * (bx - ax), ay + t * (by - ay)))
                        }
                    }
                    run.last.map(add)
                }
            case .scatter(let pts, _, _, _, _):
                pts.forEach(add)
            case .histogram(let edges, let heights, _, _):
                for (index, height) in heights.enumerated() {
                    let x = (edges[index] + edges[index + 1]) / 2
                    stride(from: 0, through: height, by: max(height / 8, 1e-12)).forEach { add(DataPoint(x: x, y: $0)) }
                }
            case .bars(let values, _, let series):
                let width = 0.8 / Double(max(plot.barSeriesCount, 1))
                for (index, value) in values.enumerated() where value.isFinite {
                    let x = Double(index) - 0.4 + (Double(series) + 0.5) * width
                    stride(from: 0, through: value, by: max(abs(value) / 8, 1e-12)).forEach { add(DataPoint(x: x, y: $0)) }
                }
            case .arrows(let origins, _, _, _):
                origins.forEach(add)
            case .annotations(let points, _, _):
                points.forEach(add)
            case .heatMap, .contours:
                break
            }
        }
        return points
    }

    /// Draws a vertical viridis bar right of the axes, with ticks and the colorbar's label.
    func drawColorbar(_ colorbar: Colorbar, into svg: inout SVGWriter) {
        let left = area.maxX + 16, width = 12.0
        let gradient = id + "-colorbar"
        svg.open("defs")
        svg.open("linearGradient", [("id", gradient), ("x1", "0"), ("y1", "1"), ("x2", "0"), ("y2", "0")])
        for step in 0...16 {
            let t = Double(step) / 16
            svg.element("stop", [("offset", fmt(t)), ("stop-color", Color.viridis(t).hexString)])
        }
        svg.close("linearGradient")
        svg.close("defs")
        svg.element("rect", [("x", fmt(left)), ("y", fmt(area.y)), ("width", fmt(width)), ("height", fmt(area.height)),
                             ("fill", "url(#\(gradient))")])
        let low = colorbar.range.lowerBound, high = colorbar.range.upperBound
        let scale = Scale(domain: low...(high > low ? high : low + 1), rangeStart: area.maxY, rangeEnd: area.y)
        let ticks = scale.ticks(count: 5)
        var widest = 0.0
        for (value, label) in zip(ticks.values, ticks.labels) {
            let y = scale(value)
            svg.line(left + width, y, left + width + 3, y, color: Theme.axisColor)
            svg.text(label, x: left + width + 6, y: y + 3.8, anchor: "start")
            widest = max(widest, Theme.textWidth(label, size: Theme.tickFontSize))
        }
        if !colorbar.label.isEmpty {
            svg.text(colorbar.label, x: left + width + 6 + widest + 12, y: area.y + area.height / 2,
                     size: Theme.labelFontSize, rotation: 90)
        }
    }
}
