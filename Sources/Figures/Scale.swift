import Foundation

/// How an axis maps data values to positions.
public enum AxisScale: Sendable {
    /// Equal distances for equal differences.
    case linear
    /// Equal distances for equal ratios (base 10); values `<= 0` cannot be drawn and are skipped.
    case logarithmic
}

/// A map from a data interval to a pixel interval, linear or logarithmic.
///
/// `scale(domain.lowerBound) == rangeStart` and `scale(domain.upperBound) == rangeEnd`; a y axis
/// passes a `rangeStart` below its `rangeEnd` in pixels because SVG's y grows downwards.
public struct Scale: Sendable {
    /// Linear or logarithmic.
    public var kind: AxisScale
    /// The data interval; positive on a log scale.
    public var domain: ClosedRange<Double>
    /// The pixel position of `domain.lowerBound`.
    public var rangeStart: Double
    /// The pixel position of `domain.upperBound`.
    public var rangeEnd: Double

    /// Creates a scale from `domain` to the pixels `rangeStart...rangeEnd` (in either order).
    public init(kind: AxisScale = .linear, domain: ClosedRange<Double>, rangeStart: Double, rangeEnd: Double) {
        self.kind = kind
        self.domain = domain
        self.rangeStart = rangeStart
        self.rangeEnd = rangeEnd
    }

    /// Returns the pixel position of `value`; a log scale maps values `<= 0` to NaN.
    public func callAsFunction(_ value: Double) -> Double {
        let (low, high, v) = kind == .linear
            ? (domain.lowerBound, domain.upperBound, value)
            : (log10(domain.lowerBound), log10(domain.upperBound), value > 0 ? log10(value) : .nan)
        let fraction = high > low ? (v - low) / (high - low) : 0.5
        return rangeStart + fraction * (rangeEnd - rangeStart)
    }

    /// Returns whether `value` can be drawn on this kind of scale (finite, positive on a log scale).
    public func accepts(_ value: Double) -> Bool {
        value.isFinite && (kind == .linear || value > 0)
    }

    /// Returns the ticks of this scale inside its domain, at most about `count` intervals apart.
    public func ticks(count: Int = 5) -> Ticks {
        let all = kind == .linear
            ? Ticks.linear(from: domain.lowerBound, to: domain.upperBound, count: count)
            : Ticks.logarithmic(from: domain.lowerBound, to: domain.upperBound)
        let slack = (domain.upperBound - domain.lowerBound) * 1e-9
        let inside = all.values.indices.filter {
            all.values[$0] >= domain.lowerBound - slack && all.values[$0] <= domain.upperBound + slack
        }
        return Ticks(values: inside.map { all.values[$0] }, step: all.step, labels: inside.map { all.labels[$0] })
    }

    /// Returns `lower...upper` widened to whole ticks: nice numbers (linear) or decades (log).
    public static func niceDomain(_ kind: AxisScale, lower: Double, upper: Double, count: Int = 5) -> ClosedRange<Double> {
        let ticks = kind == .linear
            ? Ticks.linear(from: lower, to: upper, count: count)
            : Ticks.logarithmic(from: lower, to: upper)
        let first = ticks.values.first ?? lower, last = ticks.values.last ?? upper
        return min(first, lower)...max(last, upper)
    }
}
