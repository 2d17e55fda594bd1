/// Counts of values in equal-width bins, optionally normalised to a density.
///
/// Bin `i` covers `[edges[i], edges[i + 1])`; the last bin also includes its right edge.
/// Non-finite values and values outside the range are not counted.
public struct Histogram: Sendable {
    /// `bins + 1` increasing bin edges.
    public var edges: [Double]
    /// How many values fell into each bin.
    public var counts: [Int]
    /// How many values were NaN or infinite.
    public var nonFiniteCount: Int

    /// Bins `values` into `bins` equal bins over `range` (default: the finite minimum to maximum).
    public init(_ values: [Double], bins: Int = 30, range: ClosedRange<Double>? = nil) {
        require(bins >= 1, "histogram: bins is \(bins), needs at least 1")
        let finite = values.filter(\.isFinite)
        nonFiniteCount = values.count - finite.count
        var bounds = range ?? ((finite.min() ?? 0)...(finite.max() ?? 1))
        if bounds.upperBound == bounds.lowerBound {
            bounds = (bounds.lowerBound - 0.5)...(bounds.upperBound + 0.5)
        }
        edges = evenlySpaced(bounds, count: bins + 1)
        var counts = [Int](repeating: 0, count: bins)
        let width = (bounds.upperBound - bounds.lowerBound) / Double(bins)
        for value in finite where bounds.contains(value) {
            counts[min(Int((value - bounds.lowerBound) / width), bins - 1)] += 1
        }
        self.counts = counts
    }

    /// The density of each bin, `count / (total * width)`, so that the bars' areas sum to 1.
    public var densities: [Double] {
        let total = Double(counts.reduce(0, +))
        return counts.indices.map { index in
            let width = edges[index + 1] - edges[index]
            return total > 0 && width > 0 ? Double(counts[index]) / (total * width) : 0
        }
    }
}
