import Datasets
import Figures
import Probability
import Tensors

// MARK: - The conversions every lesson needs between tensors and pictures
// (`Tensor(points:)` and `tensor.points` live in `Tensors`, where the library uses them too.)

extension Image {
    /// One grayscale image per example of a batch: `[N, height * width]` or `[N, 1, height, width]`.
    ///
    /// Intensities are mapped from `range` to black...white: `(value - lower) / (upper - lower)`,
    /// then clamped (lessons keep pixels in `0...1`, diffusion and flow models in `-1...1`).
    /// - Precondition: each example holds `width * height` values.
    public static func grayscale(batch: Tensor, width: Int = 28, height: Int = 28,
                                 range: ClosedRange<Float> = 0...1) -> [Image] {
        let count = batch.shape.first ?? 0, size = width * height
        precondition(count * size == batch.scalarCount,
                     "Image.grayscale(batch:): shape \(batch.shape) does not hold \(count) images of \(width)x\(height)")
        let values = batch.scalars, lower = range.lowerBound, span = range.upperBound - range.lowerBound
        return (0..<count).map { i in
            Image(grayscale: values[(i * size)..<((i + 1) * size)].map { ($0 - lower) / span }, width: width, height: height)
        }
    }
}

extension Plot {
    /// Adds one circle per point `[x, y]` (the first two coordinates of each point).
    public mutating func scatter(points: [[Double]], label: String? = nil, color: Color? = nil,
                                 size: Double = 2.5, opacity: Double = 0.7) {
        scatter(x: points.map { $0[0] }, y: points.map { $0[1] }, label: label, color: color,
                size: size, opacity: opacity)
    }
}

extension Plot {
    /// A square panel of generated `samples` (in `color`) drawn over `data` (light grey), both
    /// `[[x, y]]`, with both axes limited to `-limit...limit`: how lesson 2 shows a toy GAN.
    public static func samples(_ samples: [[Double]], over data: [[Double]], title: String,
                               color: Color, limit: Double) -> Plot {
        var panel = Plot(title: title, xLabel: "x₁", yLabel: "x₂")
        panel.scatter(points: data, color: Color(hex: 0xBBBBBB), size: 1.5, opacity: 0.6)
        panel.scatter(points: samples, color: color, size: 1.5, opacity: 0.5)
        panel.xLimits = -limit...limit
        panel.yLimits = -limit...limit
        panel.equalAspect = true
        return panel
    }
}

extension Plot {
    /// Samples against the density they should follow: the samples' normalised histogram over
    /// `range` and the density drawn as a line on a fine grid of the same range, labelled
    /// `sampleLabel` and `densityLabel`: how a lesson checks a sampler by eye.
    public static func samples(_ values: [Double], against density: (Double) -> Double, range: ClosedRange<Double>,
                               title: String, bins: Int = 80, sampleLabel: String = "samples",
                               densityLabel: String = "p(x)") -> Plot {
        var plot = Plot(title: title, xLabel: "x", yLabel: "density")
        plot.histogram(values, bins: bins, range: range, density: true, label: sampleLabel)
        let grid = (0...400).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / 400 }
        plot.line(x: grid, y: grid.map(density), label: densityLabel)
        return plot
    }

    /// A 1-D Gaussian mixture over the data it was fitted to: the data's histogram in light grey,
    /// each weighted component `w_k N(μ_k, σ_k²)` as a filled area, and the mixture's density as a
    /// dark line, evaluated on `grid` (which also sets the histogram's range): how lesson 1 shows
    /// the iterations of EM. The legend is off; `yLimits` keeps the panels of a sequence comparable.
    public static func mixture(_ model: GaussianMixture1D, over data: [Double], grid: [Double], title: String,
                               bins: Int = 60, yLimits: ClosedRange<Double>? = nil) -> Plot {
        var plot = Plot(title: title, xLabel: "x", yLabel: "p(x)")
        let range = (grid.min() ?? 0)...(grid.max() ?? 1)
        plot.histogram(data, bins: bins, range: range, density: true, color: Color(hex: 0xBBBBBB))
        for k in 0..<model.componentCount {
            let component = model.component(k)
            plot.area(x: grid, y: grid.map { model.weights[k] * component.prob($0) })
        }
        plot.line(x: grid, y: grid.map(model.prob), color: Color(hex: 0x222222))
        plot.yLimits = yLimits
        plot.showsLegend = false
        return plot
    }
}

// MARK: - Numbers and curves

/// `value` with `digits` decimals, for the numbers lessons print: `format(0.1234)` is `"0.12"`.
public func format<Value: BinaryFloatingPoint>(_ value: Value, _ digits: Int = 2) -> String {
    String(format: "%.\(max(digits, 0))f", Double(value))
}

/// The means of consecutive, non-overlapping windows of `values`, placed at each window's centre.
///
/// For noisy per-step losses: `windowMeans(losses, window: 50)` gives `x = [24.5, 74.5, ...]` (the
/// centre step index) and `y` the mean of each window; an incomplete last window is dropped.
/// - Precondition: `window > 0`.
public func windowMeans<Value: BinaryFloatingPoint>(_ values: [Value], window: Int) -> (x: [Double], y: [Double]) {
    precondition(window > 0, "windowMeans: window \(window) must be positive")
    let starts = Array(stride(from: 0, through: values.count - window, by: window))
    let y = starts.map { start in values[start..<(start + window)].reduce(0.0) { $0 + Double($1) } / Double(window) }
    return (starts.map { Double($0) + Double(window - 1) / 2 }, y)
}
