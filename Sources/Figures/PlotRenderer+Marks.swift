import Foundation

// MARK: - Layers

extension PlotRenderer {
    /// Appends one layer; returns how many points a log axis could not show.
    func draw(_ mark: Mark, into svg: inout SVGWriter) -> Int {
        switch mark {
        case .line(let runs, let color, let width, let dashed, let opacity):
            let (paths, hidden) = pixelRuns(runs)
            var attributes: [(String, String)] = [("fill", "none"), ("stroke", color.hexString), ("stroke-width", fmt(width)),
                                                  ("stroke-linejoin", "round"), ("stroke-linecap", "round")]
            if dashed { attributes.append(("stroke-dasharray", "6 4")) }
            if opacity < 1 { attributes.append(("stroke-opacity", fmt(opacity))) }
            if !paths.isEmpty { svg.element("path", [("d", pathData(paths))] + attributes) }
            // A point between two skipped values has no neighbour to connect to: show it as a dot.
            for path in paths where path.count == 1 {
                svg.element("circle", [("cx", fmt(path[0].0)), ("cy", fmt(path[0].1)), ("r", fmt(width)),
                                       ("fill", color.hexString)])
            }
            return hidden
        case .area(let runs, let baseline, let color, let opacity):
            let (paths, hidden) = pixelRuns(runs)
            let base = yScale(yScale.accepts(baseline) ? baseline : domains.y.lowerBound)
            for path in paths {
                guard let first = path.first, let last = path.last else { continue }
                let outline = [(first.0, base)] + path + [(last.0, base)]
                svg.element("path", [("d", pathData([outline]) + "Z"), ("fill", color.hexString),
                                     ("fill-opacity", fmt(opacity)), ("stroke", "none")])
            }
            if !paths.isEmpty {
                svg.element("path", [("d", pathData(paths)), ("fill", "none"), ("stroke", color.hexString),
                                     ("stroke-width", "1.2"), ("stroke-linejoin", "round")])
            }
            return hidden
        case .scatter(let points, let colors, let radius, let opacity, let hollow):
            var hidden = 0
            // Shared attributes go on a group, which keeps scatter plots of thousands of points small.
            svg.open("g", hollow ? [("fill", "#ffffff"), ("stroke-width", "1.3")]
                                 : (opacity < 1 ? [("fill-opacity", fmt(opacity))] : []))
            for (point, color) in zip(points, colors) {
                guard xScale.accepts(point.x) && yScale.accepts(point.y) else { hidden += 1; continue }
                svg.element("circle", [("cx", fmt(xScale(point.x))), ("cy", fmt(yScale(point.y))), ("r", fmt(radius)),
                                       (hollow ? "stroke" : "fill", color.hexString)])
            }
            svg.close("g")
            return hidden
        case .bars(let values, let color, let series):
            let barWidth = 0.8 / Double(max(plot.barSeriesCount, 1))
            let base = yScale(yScale.kind == .linear ? 0 : domains.y.lowerBound)
            for (index, value) in values.enumerated() where yScale.accepts(value) {
                let left = Double(index) - 0.4 + Double(series) * barWidth
                rect(xScale(left), yScale(value), xScale(left + barWidth), base, color: color, opacity: 1, into: &svg)
            }
            return 0
        case .histogram(let edges, let heights, let color, let opacity):
            let base = yScale(yScale.kind == .linear ? 0 : domains.y.lowerBound)
            for (index, height) in heights.enumerated() where height > 0 && yScale.accepts(height) {
                rect(xScale(edges[index]), yScale(height), xScale(edges[index + 1]), base,
                     color: color, opacity: opacity, into: &svg)
            }
            return 0
        case .heatMap(let grid, let range):
            drawHeatMap(grid, range: range, into: &svg)
            return 0
        case .contours(let levels, let width):
            for level in levels where !level.segments.isEmpty {
                let d = level.segments.map { segment in
                    "M" + point(segment.start) + "L" + point(segment.end)
                }.joined()
                svg.element("path", [("d", d), ("fill", "none"), ("stroke", level.color.hexString),
                                     ("stroke-width", fmt(width)), ("stroke-linecap", "round")])
            }
            return 0
        case .arrows(let origins, let tips, let colors, let width):
            for (index, origin) in origins.enumerated() {
                drawArrow(from: origin, to: tips[index], color: colors[index], width: width, into: &svg)
            }
            return 0
        case .annotations(let points, let texts, let color):
            var hidden = 0
            for (point, text) in zip(points, texts) {
                guard xScale.accepts(point.x) && yScale.accepts(point.y) else { hidden += 1; continue }
                svg.text(text, x: xScale(point.x) + 5, y: yScale(point.y) - 5, anchor: "start", color: color)
            }
            return hidden
        }
    }

    // MARK: - Helpers

    /// Projects runs of data points to pixels, splitting where a log axis cannot show a point.
    private func pixelRuns(_ runs: [[DataPoint]]) -> (paths: [[(Double, Double)]], hidden: Int) {
        var paths: [[(Double, Double)]] = [], hidden = 0
        for run in runs {
            var current: [(Double, Double)] = []
            for point in run {
                if xScale.accepts(point.x) && yScale.accepts(point.y) {
                    current.append((xScale(point.x), yScale(point.y)))
                } else {
                    hidden += 1
                    if !current.isEmpty { paths.append(current) }
                    current = []
                }
            }
            if !current.isEmpty { paths.append(current) }
        }
        return (paths, hidden)
    }

    private func pathData(_ paths: [[(Double, Double)]]) -> String {
        paths.map { path in
            path.enumerated().map { ($0.offset == 0 ? "M" : "L") + fmt($0.element.0) + " " + fmt($0.element.1) }.joined()
        }.joined()
    }

    private func point(_ point: DataPoint) -> String {
        fmt(xScale(point.x)) + " " + fmt(yScale(point.y))
    }

    private func rect(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, color: Color, opacity: Double,
                      into svg: inout SVGWriter) {
        var attributes = [("x", fmt(min(x1, x2))), ("y", fmt(min(y1, y2))),
                          ("width", fmt(abs(x2 - x1))), ("height", fmt(abs(y2 - y1))), ("fill", color.hexString)]
        if opacity < 1 { attributes.append(("fill-opacity", fmt(opacity))) }
        attributes += [("stroke", "#ffffff"), ("stroke-width", "0.6")]
        svg.element("rect", attributes)
    }

    private func drawHeatMap(_ grid: Grid, range: ClosedRange<Double>, into svg: inout SVGWriter) {
        // Image rows run top to bottom, grid rows bottom to top.
        let rows = (0..<grid.ys.count).reversed().flatMap { row in
            grid.values[row * grid.xs.count..<(row + 1) * grid.xs.count]
        }
        let image = Image(colormapping: Array(rows), width: grid.xs.count, height: grid.ys.count, range: range)
        let extent = Mark.heatMap(grid: grid, range: range).extent
        let x1 = xScale(extent.xs[0]), x2 = xScale(extent.xs[1])
        let y1 = yScale(extent.ys[1]), y2 = yScale(extent.ys[0])
        svg.element("image", [("x", fmt(min(x1, x2))), ("y", fmt(min(y1, y2))),
                              ("width", fmt(abs(x2 - x1))), ("height", fmt(abs(y2 - y1))),
                              ("preserveAspectRatio", "none"), ("style", "image-rendering:pixelated"),
                              ("href", "data:image/png;base64," + base64Encoded(image.pngData()))])
    }

    private func drawArrow(from origin: DataPoint, to tip: DataPoint, color: Color, width: Double,
                           into svg: inout SVGWriter) {
        let (x0, y0) = (xScale(origin.x), yScale(origin.y)), (x1, y1) = (xScale(tip.x), yScale(tip.y))
        let length = ((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0)).squareRoot()
        guard length > 0.5 else { return }
        let (ux, uy) = ((x1 - x0) / length, (y1 - y0) / length)
        let head = min(6, 0.4 * length), half = head * 0.45
        let (bx, by) = (x1 - ux * head, y1 - uy * head)
        let d = "M" + fmt(x0) + " " + fmt(y0) + "L" + fmt(bx) + " " + fmt(by)
            + "M" + fmt(x1) + " " + fmt(y1) + "L" + fmt(bx - uy * half) + " " + fmt(by + ux * half)
            + "L" + fmt(bx + uy * half) + " " + fmt(by - ux * half) + "Z"
        svg.element("path", [("d", d), ("fill", color.hexString), ("stroke", color.hexString),
                             ("stroke-width", fmt(width)), ("stroke-linejoin", "round")])
    }
}
