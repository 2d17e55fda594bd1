// MARK: - Lines, areas and scatter plots

extension Plot {
    /// Adds a line through the points `(x[i], y[i])`, in order.
    ///
    /// Non-finite points are skipped and break the line.
    /// - Parameters:
    ///   - label: The legend entry; `nil` for none.
    ///   - color: The stroke colour; `nil` takes the next palette colour.
    ///   - width: The stroke width in pixels.
    ///   - dashed: Draws the line dashed (for references such as a true density).
    /// - Precondition: `x.count == y.count`.
    public mutating func line(x: [Double], y: [Double], label: String? = nil, color: Color? = nil,
                              width: Double = 1.8, dashed: Bool = false, opacity: Double = 1) {
        let (runs, skipped) = finiteRuns("line", x: x, y: y)
        let color = seriesColor(color)
        skippedValues += skipped
        marks.append(.line(runs: runs, color: color, width: width, dashed: dashed, opacity: opacity))
        addLegend(label, color: color, symbol: .line(dashed: dashed), opacity: opacity)
    }

    /// Adds a line through `y[i]` at `x = 0, 1, 2, ...` (a loss per step, say).
    public mutating func line(y: [Double], label: String? = nil, color: Color? = nil,
                              width: Double = 1.8, dashed: Bool = false, opacity: Double = 1) {
        line(x: y.indices.map { Double($0) }, y: y, label: label, color: color, width: width,
             dashed: dashed, opacity: opacity)
    }

    /// `line(y:...)` for `Float` (or any floating-point) data, e.g. losses collected as `Float`.
    public mutating func line<Value: BinaryFloatingPoint>(y: [Value], label: String? = nil, color: Color? = nil,
                                                          width: Double = 1.8, dashed: Bool = false, opacity: Double = 1) {
        line(y: y.map { Double($0) }, label: label, color: color, width: width, dashed: dashed, opacity: opacity)
    }

    /// `line(x:y:...)` for `Float` (or any floating-point) data.
    public mutating func line<Value: BinaryFloatingPoint>(x: [Value], y: [Value], label: String? = nil, color: Color? = nil,
                              width: Double = 1.8, dashed: Bool = false, opacity: Double = 1) {
        line(x: x.map { Double($0) }, y: y.map { Double($0) }, label: label, color: color, width: width,
             dashed: dashed, opacity: opacity)
    }

    /// Fills the region between the curve `(x[i], y[i])` and the horizontal line `baseline`,
    /// with a thin outline of the same colour (a mixture component, say).
    ///
    /// - Parameter opacity: The fill opacity; overlapping areas stay visible at the default.
    /// - Precondition: `x.count == y.count`.
    public mutating func area(x: [Double], y: [Double], baseline: Double = 0, label: String? = nil,
                              color: Color? = nil, opacity: Double = 0.3) {
        let (runs, skipped) = finiteRuns("area", x: x, y: y)
        let color = seriesColor(color)
        skippedValues += skipped
        marks.append(.area(runs: runs, baseline: baseline, color: color, opacity: opacity))
        addLegend(label, color: color, symbol: .patch, opacity: opacity)
    }

    /// `area(x:y:...)` for `Float` (or any floating-point) data.
    public mutating func area<Value: BinaryFloatingPoint>(x: [Value], y: [Value], baseline: Double = 0, label: String? = nil,
                              color: Color? = nil, opacity: Double = 0.3) {
        area(x: x.map { Double($0) }, y: y.map { Double($0) }, baseline: baseline, label: label,
             color: color, opacity: opacity)
    }

    /// Adds one circle per point `(x[i], y[i])` in a single colour.
    ///
    /// - Parameters:
    ///   - size: The circle radius in pixels.
    ///   - opacity: The fill opacity; lower it for thousands of samples.
    /// - Precondition: `x.count == y.count`.
    public mutating func scatter(x: [Double], y: [Double], label: String? = nil, color: Color? = nil,
                                 size: Double = 2.5, opacity: Double = 0.7) {
        let color = seriesColor(color)
        addScatter("scatter", x: x, y: y, colors: [Color](repeating: color, count: x.count),
                   size: size, opacity: opacity)
        addLegend(label, color: color, symbol: .marker, opacity: opacity)
    }

    /// `scatter(x:y:...)` for `Float` (or any floating-point) data.
    public mutating func scatter<Value: BinaryFloatingPoint>(x: [Value], y: [Value], label: String? = nil, color: Color? = nil,
                                 size: Double = 2.5, opacity: Double = 0.7) {
        scatter(x: x.map { Double($0) }, y: y.map { Double($0) }, label: label, color: color,
                size: size, opacity: opacity)
    }

    /// Adds points coloured by class with the categorical palette: class `k` gets
    /// `Color.category(k)` and, if `classNames` is given, the legend row `classNames[k]`.
    ///
    /// - Precondition: `x`, `y` and `classes` have equal lengths.
    public mutating func scatter(x: [Double], y: [Double], classes: [Int], classNames: [String] = [],
                                 size: Double = 2.5, opacity: Double = 0.7) {
        require(classes.count == x.count, "scatter: x has \(x.count) values, classes has \(classes.count)")
        addScatter("scatter", x: x, y: y, colors: classes.map(Color.category), size: size, opacity: opacity)
        for (index, name) in classNames.enumerated() {
            addLegend(name, color: Color.category(index), symbol: .marker, opacity: opacity)
        }
    }

    /// Adds points coloured by `values` with viridis, and a colorbar titled `colorbarLabel`.
    ///
    /// - Precondition: `x`, `y` and `values` have equal lengths.
    public mutating func scatter(x: [Double], y: [Double], values: [Double], colorbarLabel: String = "",
                                 size: Double = 2.5, opacity: Double = 0.8) {
        require(values.count == x.count, "scatter: x has \(x.count) values, values has \(values.count)")
        let finite = values.filter(\.isFinite)
        let range = (finite.min() ?? 0)...(finite.max() ?? 1)
        let spread = range.upperBound - range.lowerBound
        let colors = values.map { Color.viridis(spread > 0 ? ($0 - range.lowerBound) / spread : 0.5) }
        let keep = values.map(\.isFinite)
        let kept = { (array: [Double]) in zip(array, keep).map { $0.1 ? $0.0 : .nan } }
        addScatter("scatter", x: kept(x), y: kept(y), colors: colors, size: size, opacity: opacity)
        colorbar = Colorbar(range: range, label: colorbarLabel)
    }

    /// Writes `texts[i]` just above and to the right of the point `(x[i], y[i])`, to name the points
    /// of a curve or a scatter (matplotlib's `annotate`): `plot.annotate(x: rates, y: distortions,
    /// texts: betas.map { "β = \($0)" })`. Points with a non-finite coordinate are skipped.
    /// - Precondition: `x`, `y` and `texts` have equal lengths.
    public mutating func annotate(x: [Double], y: [Double], texts: [String], color: Color? = nil) {
        require(x.count == y.count && y.count == texts.count,
                "annotate: x has \(x.count) values, y \(y.count), texts \(texts.count)")
        let kept = x.indices.filter { x[$0].isFinite && y[$0].isFinite }
        skippedValues += x.count - kept.count
        marks.append(.annotations(points: kept.map { DataPoint(x: x[$0], y: y[$0]) }, texts: kept.map { texts[$0] },
                                  color: color ?? Theme.textColor))
    }

    private mutating func addScatter(_ kind: String, x: [Double], y: [Double], colors: [Color],
                                     size: Double, opacity: Double) {
        require(x.count == y.count, "\(kind): x has \(x.count) values, y has \(y.count)")
        var points: [DataPoint] = [], kept: [Color] = []
        for index in x.indices {
            if x[index].isFinite && y[index].isFinite {
                points.append(DataPoint(x: x[index], y: y[index]))
                kept.append(colors[index])
            } else {
                skippedValues += 1
            }
        }
        marks.append(.scatter(points: points, colors: kept, radius: size, opacity: opacity, hollow: false))
    }
}
