import Foundation

/// Tick positions for axes: "nice numbers" on linear axes and decades on log axes.
///
/// Linear ticks are multiples of a step `{1, 2, 5} × 10^k` (Heckbert, "Nice numbers for graph
/// labels", Graphics Gems, 1990): the smallest such step that divides the range into at most
/// `1.5 × count` intervals. The first and last ticks enclose the data, so `0...97` gives
/// `0, 20, 40, 60, 80, 100`.
public struct Ticks: Equatable, Sendable {
    /// The tick positions, increasing.
    public var values: [Double]
    /// The distance between neighbouring ticks (linear axes) or 0 (log axes).
    public var step: Double
    /// The labels, one per value, formatted compactly.
    public var labels: [String]

    /// Returns nice linear ticks that enclose `lower...upper`.
    ///
    /// - Parameters:
    ///   - lower: The smallest data value.
    ///   - upper: The largest data value; equal bounds are widened by 1 on each side
    ///     (or by 10 % of their size).
    ///   - count: About how many intervals are wanted (at most 1.5 times as many are made).
    public static func linear(from lower: Double, to upper: Double, count: Int = 5) -> Ticks {
        var (low, high) = (min(lower, upper), max(lower, upper))
        if !low.isFinite || !high.isFinite { (low, high) = (0, 1) }
        if high - low <= abs(high) * 1e-12 {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            (low, high) = (low - pad, high + pad)
        }
        let raw = (high - low) / (1.5 * Double(max(count, 1)))
        let magnitude = pow(10, floor(log10(raw)))
        let mantissa = [1.0, 2, 5, 10].first { $0 * magnitude >= raw * (1 - 1e-9) } ?? 10
        let step = mantissa * magnitude
        let first = (low / step + 1e-9).rounded(.down)
        let last = (high / step - 1e-9).rounded(.up)
        let values = stride(from: first, through: last, by: 1).map { index -> Double in
            let value = index * step
            return value == 0 ? 0 : value
        }
        let labels = values.map { NumberFormatting.tickLabel($0, step: step) }
        return Ticks(values: values, step: step, labels: labels)
    }

    /// Returns log-axis ticks at the decades that enclose `lower...upper` (both positive).
    ///
    /// When the range spans less than 2.5 decades, ticks at 2 and 5 times each decade are
    /// added; when it spans more than eight, every second (or n-th) decade is kept. Decades between
    /// 0.001 and 10000 print as plain numbers, others as powers of ten (`10⁻⁶`).
    public static func logarithmic(from lower: Double, to upper: Double) -> Ticks {
        var (low, high) = (min(lower, upper), max(lower, upper))
        if !(low > 0) || !high.isFinite { (low, high) = (1, 10) }
        let firstDecade = Int(floor(log10(low) + 1e-9))
        var lastDecade = Int(ceil(log10(high) - 1e-9))
        if lastDecade == firstDecade { lastDecade += 1 }
        let span = lastDecade - firstDecade
        let addsMultiples = log10(high / low) < 2.5
        let every = max(1, Int((Double(span) / 8).rounded(.up)))
        // One style per axis: plain numbers only when every decade is short to write.
        let plain = firstDecade >= -3 && lastDecade <= 4
        var values: [Double] = []
        var labels: [String] = []
        for exponent in stride(from: firstDecade, through: lastDecade, by: every) {
            let decade = pow(10, Double(exponent))
            values.append(decade)
            labels.append(NumberFormatting.decadeLabel(exponent, plain: plain))
            if addsMultiples && exponent < lastDecade {
                for factor in [2.0, 5.0] {
                    values.append(factor * decade)
                    labels.append(NumberFormatting.tickLabel(factor * decade, step: decade))
                }
            }
        }
        return Ticks(values: values, step: 0, labels: labels)
    }
}
