/// A picture made of one plot or a grid of plots (small multiples), rendered as a standalone SVG.
///
/// ```swift
/// show(Figure(plot))
/// show(Figure(panels: steps.map(plotAtStep), columns: 4, title: "Samples over training"))
/// ```
public struct Figure: Sendable {
    /// The plots, in reading order.
    public var panels: [Plot]
    /// Panels per row.
    public var columns: Int
    /// The width of the whole figure in pixels.
    public var width: Double
    /// The height of the whole figure in pixels.
    public var height: Double
    /// A title above all panels; empty for none.
    public var title: String
    /// Whether all panels show the same x and y intervals, fitted to all their data; scales,
    /// limits and categories come from the first panel.
    public var sharesAxes: Bool

    /// Creates a figure of a single plot, 560 × 380 pixels by default.
    public init(_ plot: Plot, width: Double = 560, height: Double = 380) {
        self.panels = [plot]
        self.columns = 1
        self.width = width
        self.height = height
        self.title = ""
        self.sharesAxes = false
    }

    /// Creates a figure of several plots in a grid, each `panelWidth × panelHeight` pixels.
    ///
    /// - Parameters:
    ///   - columns: Panels per row; defaults to all panels in one row.
    ///   - title: A title above all panels.
    ///   - sharesAxes: Gives every panel the same axis intervals, so they compare at a glance.
    public init(panels: [Plot], columns: Int? = nil, panelWidth: Double = 300, panelHeight: Double = 250,
                title: String = "", sharesAxes: Bool = false) {
        let columns = max(1, min(columns ?? panels.count, max(panels.count, 1)))
        let rows = max(1, (panels.count + columns - 1) / columns)
        self.panels = panels
        self.columns = columns
        self.width = panelWidth * Double(columns)
        self.height = panelHeight * Double(rows) + (title.isEmpty ? 0 : Self.titleHeight)
        self.title = title
        self.sharesAxes = sharesAxes
    }

    private static let titleHeight = 30.0

    /// Returns the figure as a complete SVG document with `width`, `height` and a `viewBox`.
    ///
    /// The bytes depend only on the figure: the `id`s that clip paths and gradients need are
    /// derived from a hash of the drawing, so several figures can share one HTML page.
    public func svg() -> String {
        let draft = body(idPrefix: "figure")
        let hash = draft.utf8.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        let prefix = "f" + String(hash, radix: 16)
        let size = [("width", fmt(width)), ("height", fmt(height)), ("viewBox", "0 0 \(fmt(width)) \(fmt(height))")]
        var svg = SVGWriter()
        svg.open("svg", [("xmlns", "http://www.w3.org/2000/svg")] + size + [
            ("font-family", Theme.fontFamily), ("font-size", fmt(Theme.tickFontSize)), ("fill", Theme.textColor.hexString),
            ("role", "img"), ("aria-label", accessibleDescription),
        ])
        svg.element("title", [], text: accessibleDescription)
        svg.element("rect", [("width", fmt(width)), ("height", fmt(height)), ("fill", "#ffffff")])
        return svg.markup + body(idPrefix: prefix) + "</svg>\n"
    }

    /// What the figure shows, in one line, for screen readers and a page's alt text: its title, or
    /// else each panel's title, or else each panel's axes ("p(x) against x").
    public var accessibleDescription: String {
        if !title.isEmpty { return "Figure: \(title)" }
        let panelDescriptions = panels.map { plot -> String in
            if !plot.title.isEmpty { return plot.title }
            if !plot.xLabel.isEmpty && !plot.yLabel.isEmpty { return "\(plot.yLabel) against \(plot.xLabel)" }
            return plot.xLabel.isEmpty ? plot.yLabel : plot.xLabel
        }.filter { !$0.isEmpty }
        if panelDescriptions.isEmpty { return "Figure" }
        return (panelDescriptions.count == 1 ? "Figure: " : "Figure of \(panelDescriptions.count) panels: ")
            + panelDescriptions.joined(separator: "; ")
    }

    /// The panels and the title, with `id`s starting with `idPrefix`.
    private func body(idPrefix: String) -> String {
        var svg = SVGWriter()
        let top = title.isEmpty ? 0 : Self.titleHeight
        if !title.isEmpty {
            svg.text(title, x: width / 2, y: 21, size: Theme.titleFontSize + 1, weight: "600")
        }
        let rows = max(1, (panels.count + columns - 1) / columns)
        let panelWidth = width / Double(columns), panelHeight = (height - top) / Double(rows)
        let frames = panels.indices.map { index in
            Rect(x: Double(index % columns) * panelWidth, y: top + Double(index / columns) * panelHeight,
                 width: panelWidth, height: panelHeight)
        }
        var shared: PlotDomains?
        if sharesAxes, var combined = panels.first {
            // Fit all panels' layers at once, so the shared axes get nice numbers too.
            combined.marks = panels.flatMap(\.marks)
            shared = PlotDomains(fitting: combined, xTickCount: tickCount(length: panelWidth - 90, spacing: 70),
                                 yTickCount: tickCount(length: panelHeight - 70, spacing: 45))
        }
        for (index, plot) in panels.enumerated() {
            PlotRenderer.layout(plot: plot, frame: frames[index], id: "\(idPrefix)-p\(index)", domains: shared)
                .render(into: &svg)
        }
        return svg.markup
    }
}
