// MARK: - Histograms and bar charts

extension Plot {
    /// Adds a histogram of `values` in `bins` equal bins.
    ///
    /// - Parameters:
    ///   - range: The binned interval; defaults to the finite minimum and maximum.
    ///   - density: Scales bar heights to `count / (total * binWidth)`, so the bars integrate to 1
    ///     and a density curve drawn with `line` lies on top of them.
    ///   - label: The legend entry; `nil` for none.
    public mutating func histogram(_ values: [Double], bins: Int = 30, range: ClosedRange<Double>? = nil,
                                   density: Bool = false, label: String? = nil, color: Color? = nil,
                                   opacity: Double = 0.55) {
        let histogram = Histogram(values, bins: bins, range: range)
        let color = seriesColor(color)
        skippedValues += histogram.nonFiniteCount
        addLegend(label, color: color, symbol: .patch, opacity: opacity)
        guard histogram.counts.contains(where: { $0 > 0 }) else { return }
        let heights = density ? histogram.densities : histogram.counts.map { Double($0) }
        marks.append(.histogram(edges: histogram.edges, heights: heights, color: color, opacity: opacity))
    }

    /// `histogram(_:...)` for `Float` (or any floating-point) data.
    public mutating func histogram<Value: BinaryFloatingPoint>(_ values: [Value], bins: Int = 30, range: ClosedRange<Double>? = nil,
                                   density: Bool = false, label: String? = nil, color: Color? = nil,
                                   opacity: Double = 0.55) {
        histogram(values.map { Double($0) }, bins: bins, range: range, density: density, label: label,
                  color: color, opacity: opacity)
    }

    /// Adds one series of a bar chart: `values[i]` is the bar of `categories[i]`.
    ///
    /// Call it once per series; series sit side by side within each category (a grouped bar
    /// chart) in the order of the calls. Every call must pass the same categories. Non-finite
    /// values draw no bar.
    /// - Precondition: `categories.count == values.count`, and the categories match earlier calls.
    public mutating func bars(categories: [String], values: [Double], label: String? = nil, color: Color? = nil) {
        require(categories.count == values.count,
                     "bars: categories has \(categories.count) values, values has \(values.count)")
        require(self.categories.isEmpty || self.categories == categories,
                     "bars: categories \(categories) differ from the earlier \(self.categories)")
        self.categories = categories
        let color = seriesColor(color)
        skippedValues += values.filter { !$0.isFinite }.count
        marks.append(.bars(values: values, color: color, series: barSeriesCount))
        barSeriesCount += 1
        addLegend(label, color: color, symbol: .patch)
    }
}
