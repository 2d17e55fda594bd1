/// One layer of a plot in data coordinates; `PlotRenderer` turns it into SVG.
enum Mark: Sendable {
    /// Polylines; each run is drawn separately so skipped values leave a gap.
    case line(runs: [[DataPoint]], color: Color, width: Double, dashed: Bool, opacity: Double)
    /// The region between a curve and a horizontal baseline.
    case area(runs: [[DataPoint]], baseline: Double, color: Color, opacity: Double)
    /// Circles, one colour per point.
    case scatter(points: [DataPoint], colors: [Color], radius: Double, opacity: Double, hollow: Bool)
    /// One series of a grouped bar chart: one value per category of the plot.
    case bars(values: [Double], color: Color, series: Int)
    /// Adjacent bars over `edges`.
    case histogram(edges: [Double], heights: [Double], color: Color, opacity: Double)
    /// Cells coloured by viridis over `range`, centred on the grid points.
    case heatMap(grid: Grid, range: ClosedRange<Double>)
    /// Contour segments, one colour per level.
    case contours(levels: [(color: Color, segments: [LineSegment])], width: Double)
    /// Arrows from each origin to its tip (already scaled to data units).
    case arrows(origins: [DataPoint], tips: [DataPoint], colors: [Color], width: Double)
    /// Short texts, each written just above and to the right of its point.
    case annotations(points: [DataPoint], texts: [String], color: Color)

    /// The data extent of the mark: `(xs, ys)` it needs to show, and whether the x and y extent
    /// is exact (heat maps) rather than to be widened to nice numbers.
    var extent: (xs: [Double], ys: [Double], exact: Bool) {
        switch self {
        case .line(let runs, _, _, _, _):
            let points = runs.joined()
            return (points.map(\.x), points.map(\.y), false)
        case .area(let runs, let baseline, _, _):
            let points = runs.joined()
            return (points.map(\.x), points.map(\.y) + [baseline], false)
        case .scatter(let points, _, _, _, _):
            return (points.map(\.x), points.map(\.y), false)
        case .bars(let values, _, _):
            return ([], values + [0], false)
        case .histogram(let edges, let heights, _, _):
            return (edges, heights + [0], false)
        case .heatMap(let grid, _):
            let dx = (grid.xs[1] - grid.xs[0]) / 2, dy = (grid.ys[1] - grid.ys[0]) / 2
            return ([grid.xs[0] - dx, grid.xs[grid.xs.count - 1] + dx],
                    [grid.ys[0] - dy, grid.ys[grid.ys.count - 1] + dy], true)
        case .contours(let levels, _):
            let points = levels.flatMap { $0.segments.flatMap { [$0.start, $0.end] } }
            return (points.map(\.x), points.map(\.y), false)
        case .arrows(let origins, let tips, _, _):
            return ((origins + tips).map(\.x), (origins + tips).map(\.y), false)
        case .annotations(let points, _, _):
            return (points.map(\.x), points.map(\.y), false)
        }
    }
}

/// What the legend draws beside a label.
enum LegendSymbol: Sendable {
    case line(dashed: Bool)
    case patch
    case marker
}

/// One row of a legend.
struct LegendEntry: Sendable {
    var label: String
    var color: Color
    var symbol: LegendSymbol
    var opacity: Double
}

/// A colour scale shown beside the plot.
struct Colorbar: Sendable {
    var range: ClosedRange<Double>
    var label: String
}

/// Splits paired coordinates into runs of finite points, counting the pairs dropped.
///
/// - Precondition: `x.count == y.count`; the message names `kind` and both lengths.
func finiteRuns(_ kind: String, x: [Double], y: [Double]) -> (runs: [[DataPoint]], skipped: Int) {
    require(x.count == y.count, "\(kind): x has \(x.count) values, y has \(y.count)")
    var runs: [[DataPoint]] = [[]]
    var skipped = 0
    for (a, b) in zip(x, y) {
        if a.isFinite && b.isFinite {
            runs[runs.count - 1].append(DataPoint(x: a, y: b))
        } else {
            skipped += 1
            if !(runs.last?.isEmpty ?? true) { runs.append([]) }
        }
    }
    return (runs.filter { !$0.isEmpty }, skipped)
}
