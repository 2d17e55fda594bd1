import Foundation

/// A rectangle in SVG pixels.
struct Rect: Sendable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double
    var maxX: Double { x + width }
    var maxY: Double { y + height }
}

/// The data intervals that the axes of a plot show, before the plot is placed on the page.
struct PlotDomains: Sendable {
    var x: ClosedRange<Double>
    var y: ClosedRange<Double>

    /// Fits the layers of `plot`: exact for heat maps; otherwise widened to nice numbers (or
    /// decades) when that costs little, with 5 % room around scatter plots; fixed limits win.
    init(fitting plot: Plot, xTickCount: Int, yTickCount: Int) {
        var xs: [Double] = [], ys: [Double] = []
        var exact = false, padded = false
        for mark in plot.marks {
            let extent = mark.extent
            xs += extent.xs
            ys += extent.ys
            exact = exact || extent.exact
            if case .scatter = mark { padded = true }
            if case .arrows = mark { padded = true }
        }
        func fit(_ values: [Double], _ kind: AxisScale, count: Int) -> ClosedRange<Double> {
            let usable = values.filter { $0.isFinite && (kind == .linear || $0 > 0) }
            guard var low = usable.min(), var high = usable.max() else {
                return kind == .linear ? 0...1 : 1...10
            }
            if exact && high > low { return low...high }
            if kind == .logarithmic {
                // Whole decades unless they add more than a quarter; else 3 % room in log space.
                let decades = Scale.niceDomain(kind, lower: low, upper: high, count: count)
                let span = log10(high / low), pad = pow(10, max(span, 1) * 0.03)
                return log10(decades.upperBound / decades.lowerBound) > 1.25 * span + 0.1
                    ? (low / pad)...(high * pad) : decades
            }
            if padded && high > low {
                // A baseline at zero (bars, histograms) stays on the axis.
                let pad = (high - low) * 0.05
                (low, high) = (low == 0 ? 0 : low - pad, high + pad)
            }
            // Snap to nice numbers unless that widens the axis by more than 15 %.
            let nice = Scale.niceDomain(kind, lower: low, upper: high, count: count)
            let span = high - low
            return span > 0 && nice.upperBound - nice.lowerBound > 1.15 * span ? low...high : nice
        }
        x = plot.xLimits ?? (plot.categories.isEmpty
            ? fit(xs, plot.xScale, count: xTickCount)
            : -0.5...(Double(plot.categories.count) - 0.5))
        y = plot.yLimits ?? fit(ys, plot.yScale, count: yTickCount)
    }

    /// Widens the shorter side (in data units per pixel) so both axes have the same unit length.
    mutating func equalize(plotWidth: Double, plotHeight: Double) {
        let xSpan = x.upperBound - x.lowerBound, ySpan = y.upperBound - y.lowerBound
        let unit = max(xSpan / plotWidth, ySpan / plotHeight)
        let xMid = (x.lowerBound + x.upperBound) / 2, yMid = (y.lowerBound + y.upperBound) / 2
        x = (xMid - unit * plotWidth / 2)...(xMid + unit * plotWidth / 2)
        y = (yMid - unit * plotHeight / 2)...(yMid + unit * plotHeight / 2)
    }
}

/// About how many tick intervals suit an axis of `length` pixels, `spacing` pixels apart.
func tickCount(length: Double, spacing: Double) -> Int {
    min(max(Int(length / spacing), 3), 6)
}
