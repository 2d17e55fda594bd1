/// Values of a function of two variables sampled on a regular grid, for heat maps and contours.
///
/// `values[row * xs.count + column]` is the value at `(xs[column], ys[row])`; row 0 is the
/// bottom of the plot (the smallest y).
public struct Grid: Sendable {
    /// The x coordinates of the columns, increasing and evenly spaced.
    public var xs: [Double]
    /// The y coordinates of the rows, increasing and evenly spaced.
    public var ys: [Double]
    /// `ys.count * xs.count` values, row by row from the smallest y.
    public var values: [Double]

    /// Creates a grid from values laid out row by row from the smallest y.
    ///
    /// - Precondition: `values.count == xs.count * ys.count` and both axes have 2 or more points.
    public init(xs: [Double], ys: [Double], values: [Double]) {
        require(xs.count >= 2 && ys.count >= 2, "Grid: needs at least 2x2 points, got \(xs.count)x\(ys.count)")
        require(values.count == xs.count * ys.count,
                     "Grid: \(xs.count) xs and \(ys.count) ys need \(xs.count * ys.count) values, got \(values.count)")
        self.xs = xs
        self.ys = ys
        self.values = values
    }

    /// Samples `function(x, y)` at `resolution` evenly spaced points per axis, ends included.
    ///
    /// ```swift
    /// let energy = Grid(x: -3...3, y: -3...3, resolution: 60) { x, y in x * x + y * y }
    /// ```
    public init(x: ClosedRange<Double>, y: ClosedRange<Double>, resolution: Int = 60,
                function: (Double, Double) -> Double) {
        require(resolution >= 2, "Grid: resolution is \(resolution), needs at least 2")
        let xs = evenlySpaced(x, count: resolution), ys = evenlySpaced(y, count: resolution)
        self.init(xs: xs, ys: ys, values: ys.flatMap { y in xs.map { x in function(x, y) } })
    }

    /// The value at `column`, `row`.
    public subscript(column: Int, row: Int) -> Double {
        values[row * xs.count + column]
    }

    /// The smallest and largest finite values, or `nil` when there are none.
    public var finiteRange: ClosedRange<Double>? {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return nil }
        return low...high
    }

    /// Returns the segments of the contour line `f(x, y) = level` (marching squares).
    ///
    /// Each grid cell whose corners lie on both sides of `level` contributes one segment (two
    /// at a saddle, split by the mean of the corners) between points found by linear
    /// interpolation along the cell's edges. Cells with a non-finite corner are skipped.
    public func contourSegments(at level: Double) -> [LineSegment] {
        var segments: [LineSegment] = []
        for row in 0..<(ys.count - 1) {
            for column in 0..<(xs.count - 1) {
                segments += cellSegments(column: column, row: row, level: level)
            }
        }
        return segments
    }

    private func cellSegments(column: Int, row: Int, level: Double) -> [LineSegment] {
        // Corners counter-clockwise from bottom-left.
        let corners = [(column, row), (column + 1, row), (column + 1, row + 1), (column, row + 1)]
        let v = corners.map { self[$0.0, $0.1] }
        guard v.allSatisfy(\.isFinite) else { return [] }
        let above = v.map { $0 >= level }
        // The crossing on the edge from corner a to corner b.
        func crossing(_ a: Int, _ b: Int) -> DataPoint {
            let t = v[a] == v[b] ? 0.5 : (level - v[a]) / (v[b] - v[a])
            let (ca, cb) = (corners[a], corners[b])
            return DataPoint(x: xs[ca.0] + t * (xs[cb.0] - xs[ca.0]), y: ys[ca.1] + t * (ys[cb.1] - ys[ca.1]))
        }
        let crossed = (0..<4).filter { above[$0] != above[($0 + 1) % 4] }
        let points = crossed.map { crossing($0, ($0 + 1) % 4) }
        if points.count == 2 { return [LineSegment(start: points[0], end: points[1])] }
        guard points.count == 4 else { return [] }
        // Saddle: all four edges are crossed. If the centre is on corner 0's side, corners 0 and 2
        // connect through it and the lines cut off corners 1 and 3; otherwise corners 0 and 2.
        let centreAbove = v.reduce(0, +) / 4 >= level
        if centreAbove == above[0] {
            return [LineSegment(start: points[0], end: points[1]), LineSegment(start: points[2], end: points[3])]
        }
        return [LineSegment(start: points[3], end: points[0]), LineSegment(start: points[1], end: points[2])]
    }
}

/// A point in data coordinates.
public struct DataPoint: Equatable, Sendable {
    /// The horizontal coordinate.
    public var x: Double
    /// The vertical coordinate.
    public var y: Double

    /// Creates a point.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A straight piece of a contour line, in data coordinates.
public struct LineSegment: Equatable, Sendable {
    /// One end.
    public var start: DataPoint
    /// The other end.
    public var end: DataPoint
}

/// `count` evenly spaced values from `range.lowerBound` to `range.upperBound`, ends included.
func evenlySpaced(_ range: ClosedRange<Double>, count: Int) -> [Double] {
    let step = (range.upperBound - range.lowerBound) / Double(max(count - 1, 1))
    return (0..<count).map { index in
        index == count - 1 ? range.upperBound : range.lowerBound + Double(index) * step
    }
}
