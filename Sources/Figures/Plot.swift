/// One set of axes and the layers drawn on it, built up call by call in a lesson cell.
///
/// ```swift
/// var plot = Plot(title: "Gaussian mixture", xLabel: "x", yLabel: "p(x)")
/// plot.area(x: xs, y: component, label: "w₁ N(μ₁, σ₁²)")
/// plot.line(x: xs, y: density, label: "p(x)")
/// show(Figure(plot))
/// ```
/// Layers are drawn in the order they were added. Series without an explicit colour take the
/// next colour of `Color.tab10`. Non-finite values are skipped and counted in a note inside the
/// axes; a plot without data draws its axes, labels and "no data".
public struct Plot: Sendable {
    /// The title above the axes; empty for none.
    public var title: String
    /// The label under the x axis; empty for none.
    public var xLabel: String
    /// The label beside the y axis; empty for none.
    public var yLabel: String
    /// Linear (default) or logarithmic x axis.
    public var xScale: AxisScale = .linear
    /// Linear (default) or logarithmic y axis.
    public var yScale: AxisScale = .linear
    /// Fixed x limits; `nil` fits the data and widens to nice numbers.
    public var xLimits: ClosedRange<Double>?
    /// Fixed y limits; `nil` fits the data and widens to nice numbers.
    public var yLimits: ClosedRange<Double>?
    /// Whether one data unit has the same length on both axes (for 2-D samples and fields).
    public var equalAspect = false
    /// Whether labelled series get a legend (placed in the emptiest corner).
    public var showsLegend = true

    var marks: [Mark] = []
    var legend: [LegendEntry] = []
    var categories: [String] = []
    var barSeriesCount = 0
    var colorbar: Colorbar?
    var skippedValues = 0
    private var nextColor = 0

    /// Creates an empty plot with a title and axis labels (Unicode such as μ, σ, θ, x̂ is fine).
    public init(title: String = "", xLabel: String = "", yLabel: String = "") {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
    }

    /// Returns `color`, or the next palette colour when it is `nil`.
    mutating func seriesColor(_ color: Color?) -> Color {
        if let color { return color }
        defer { nextColor += 1 }
        return Color.category(nextColor)
    }

    /// Adds a legend row when `label` is not empty.
    mutating func addLegend(_ label: String?, color: Color, symbol: LegendSymbol, opacity: Double = 1) {
        guard let label, !label.isEmpty else { return }
        legend.append(LegendEntry(label: label, color: color, symbol: symbol, opacity: opacity))
    }

    /// Whether no layer has anything to draw (no layers, or only empty or non-finite data); such a
    /// plot still draws its axes and labels, and says "no data".
    public var isEmpty: Bool {
        marks.allSatisfy { mark in
            let extent = mark.extent
            return extent.xs.isEmpty && extent.ys.count <= 1
        }
    }
}

/// Stops the program with `message` when `condition` is false: a programmer mistake such as
/// mismatched lengths.
///
/// Unlike `precondition`, whose message `-O` builds drop, this prints the message in the
/// optimized lesson programs too, so the author sees "line: x has 10 values, y has 9".
func require(_ condition: Bool, _ message: @autoclosure () -> String,
             file: StaticString = #fileID, line: UInt = #line) {
    if !condition { fatalError(message(), file: file, line: line) }
}
