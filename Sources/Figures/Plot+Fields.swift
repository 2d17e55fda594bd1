// MARK: - Heat maps, contours, vector fields and trajectories

extension Plot {
    /// Colours each grid cell by its value with viridis and adds a colorbar.
    ///
    /// Cells are centred on the grid points, and the axes fit the grid exactly.
    /// - Parameters:
    ///   - range: The values at the two ends of the colormap; defaults to the finite range.
    ///   - colorbarLabel: The title of the colorbar, e.g. `"E(x)"`.
    public mutating func heatMap(_ grid: Grid, range: ClosedRange<Double>? = nil, colorbarLabel: String = "") {
        let range = range ?? grid.finiteRange ?? (0...1)
        skippedValues += grid.values.filter { !$0.isFinite }.count
        marks.append(.heatMap(grid: grid, range: range))
        colorbar = Colorbar(range: range, label: colorbarLabel)
    }

    /// Draws contour lines of `grid` at `levels` nice values spread over its range.
    ///
    /// - Parameters:
    ///   - levels: About how many levels to draw (chosen as nice numbers).
    ///   - color: One colour for all lines (white reads well over a heat map); `nil` colours
    ///     each level with viridis.
    public mutating func contour(_ grid: Grid, levels: Int = 8, color: Color? = nil, width: Double = 1.2) {
        let range = grid.finiteRange ?? (0...1)
        let ticks = Ticks.linear(from: range.lowerBound, to: range.upperBound, count: levels + 1).values
        contour(grid, levels: ticks.filter { $0 > range.lowerBound && $0 < range.upperBound }, color: color, width: width)
    }

    /// Draws contour lines of `grid` at the given level values (marching squares).
    public mutating func contour(_ grid: Grid, levels: [Double], color: Color? = nil, width: Double = 1.2) {
        let sorted = levels.sorted()
        let lines = sorted.enumerated().map { index, level in
            (color: color ?? Color.viridis(sorted.count > 1 ? Double(index) / Double(sorted.count - 1) : 0.5),
             segments: grid.contourSegments(at: level))
        }
        marks.append(.contours(levels: lines, width: width))
    }

    /// Draws an arrow from each point `(x[i], y[i])` along `(dx[i], dy[i])` (a score or velocity).
    ///
    /// Arrows are scaled together so the longest is `0.9` of the typical spacing between points.
    /// - Parameter colorsByMagnitude: Colours arrows by their length with viridis instead of `color`.
    /// - Precondition: the four arrays have equal lengths.
    public mutating func vectorField(x: [Double], y: [Double], dx: [Double], dy: [Double],
                                     color: Color = Color(hex: 0x3b3b3b), colorsByMagnitude: Bool = false) {
        require(x.count == y.count, "vectorField: x has \(x.count) values, y has \(y.count)")
        require(dx.count == x.count && dy.count == x.count,
                     "vectorField: x has \(x.count) values, dx has \(dx.count), dy has \(dy.count)")
        let keep = x.indices.filter { [x[$0], y[$0], dx[$0], dy[$0]].allSatisfy(\.isFinite) }
        skippedValues += x.count - keep.count
        let lengths = keep.map { (dx[$0] * dx[$0] + dy[$0] * dy[$0]).squareRoot() }
        let longest = lengths.max() ?? 0
        let xs = keep.map { x[$0] }, ys = keep.map { y[$0] }
        let area = ((xs.max() ?? 0) - (xs.min() ?? 0)) * ((ys.max() ?? 0) - (ys.min() ?? 0))
        let spacing = keep.count > 1 ? (area / Double(keep.count)).squareRoot() : 1
        let factor = longest > 0 ? 0.9 * spacing / longest : 0
        let origins = keep.map { DataPoint(x: x[$0], y: y[$0]) }
        let tips = keep.map { DataPoint(x: x[$0] + factor * dx[$0], y: y[$0] + factor * dy[$0]) }
        let colors = colorsByMagnitude
            ? lengths.map { Color.viridis(longest > 0 ? $0 / longest : 0) }
            : [Color](repeating: color, count: keep.count)
        marks.append(.arrows(origins: origins, tips: tips, colors: colors, width: 1.1))
    }

    /// Samples `field(x, y)` on a `resolution × resolution` grid over the ranges and draws it as
    /// arrows (see `vectorField(x:y:dx:dy:...)`).
    public mutating func vectorField(x: ClosedRange<Double>, y: ClosedRange<Double>, resolution: Int = 15,
                                     color: Color = Color(hex: 0x3b3b3b), colorsByMagnitude: Bool = false,
                                     field: (Double, Double) -> (dx: Double, dy: Double)) {
        var xs: [Double] = [], ys: [Double] = [], dxs: [Double] = [], dys: [Double] = []
        for b in evenlySpaced(y, count: resolution) {
            for a in evenlySpaced(x, count: resolution) {
                let vector = field(a, b)
                xs.append(a); ys.append(b); dxs.append(vector.dx); dys.append(vector.dy)
            }
        }
        vectorField(x: xs, y: ys, dx: dxs, dy: dys, color: color, colorsByMagnitude: colorsByMagnitude)
    }

    /// Draws the paths of particles: path `p` visits `(x[p][t], y[p][t])` for `t = 0, 1, ...`.
    ///
    /// - Parameters:
    ///   - marksEnds: Marks each start with a hollow circle and each end with a dot.
    ///   - opacity: The line opacity; lower it for many paths.
    /// - Precondition: `x.count == y.count` and each path's x and y have equal lengths.
    public mutating func trajectories(x: [[Double]], y: [[Double]], label: String? = nil, color: Color? = nil,
                                      width: Double = 1.2, opacity: Double = 0.6, marksEnds: Bool = true) {
        require(x.count == y.count, "trajectories: x has \(x.count) paths, y has \(y.count)")
        let color = seriesColor(color)
        var starts: [DataPoint] = [], ends: [DataPoint] = []
        for (xs, ys) in zip(x, y) {
            let (runs, skipped) = finiteRuns("trajectories", x: xs, y: ys)
            skippedValues += skipped
            marks.append(.line(runs: runs, color: color, width: width, dashed: false, opacity: opacity))
            if let first = runs.first?.first, let last = runs.last?.last {
                starts.append(first)
                ends.append(last)
            }
        }
        if marksEnds {
            marks.append(.scatter(points: starts, colors: starts.map { _ in color }, radius: 3, opacity: 1, hollow: true))
            marks.append(.scatter(points: ends, colors: ends.map { _ in color }, radius: 2.6, opacity: 1, hollow: false))
        }
        addLegend(label, color: color, symbol: .line(dashed: false))
    }
}
