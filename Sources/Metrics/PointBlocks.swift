/// Points stored in blocks of eight, coordinate by coordinate, so that the squared distances from one
/// query to eight points are summed side by side in the lanes of a vector.
///
/// Each lane adds `(a_j - b_j)²` over the coordinates in order, one at a time, exactly as
/// `squaredDistance(_:_:)` does, so every distance has the same bits as that function's; only eight of
/// them advance together instead of one.
struct PointBlocks: Sendable {
    /// The number of points.
    let count: Int
    /// Coordinates per point.
    let dimension: Int
    /// Block `b`'s coordinate `j` for its eight points is `lanes[b * dimension + j]`; lanes past
    /// `count` in the last block hold zeros and are never reported.
    private let lanes: [SIMD8<Double>]

    /// Stores `points`.
    /// - Precondition: at least one point, every point with the same number of coordinates.
    init(_ points: [[Double]]) {
        precondition(!points.isEmpty, "PrecisionRecall: no points")
        let dimension = points[0].count
        for (i, point) in points.enumerated() where point.count != dimension {
            preconditionFailure("PrecisionRecall: point \(i) has \(point.count) coordinates, point 0 has \(dimension)")
        }
        var lanes = [SIMD8<Double>](repeating: .zero, count: (points.count + 7) / 8 * dimension)
        for (i, point) in points.enumerated() {
            for j in 0..<dimension { lanes[i / 8 * dimension + j][i % 8] = point[j] }
        }
        (self.count, self.dimension, self.lanes) = (points.count, dimension, lanes)
    }

    /// Calls `body(i, |query - point_i|²)` for every point, in order.
    func forEachSquaredDistance(from query: [Double], _ body: (Int, Double) -> Void) {
        precondition(query.count == dimension, "PrecisionRecall: a point of \(query.count) coordinates against \(dimension)")
        lanes.withUnsafeBufferPointer { lanes in
            query.withUnsafeBufferPointer { query in
                for block in 0..<((count + 7) / 8) {
                    var sums = SIMD8<Double>.zero
                    for j in 0..<dimension {
                        let difference = SIMD8(repeating: query[j]) - lanes[block * dimension + j]
                        sums += difference * difference
                    }
                    for lane in 0..<Swift.min(8, count - block * 8) { body(block * 8 + lane, sums[lane]) }
                }
            }
        }
    }

    /// The `count` smallest squared distances from `query` to the points other than point `skipping`,
    /// in ascending order.
    func smallestSquaredDistances(from query: [Double], count wanted: Int, skipping: Int) -> [Double] {
        var smallest = [Double](repeating: .infinity, count: wanted)
        forEachSquaredDistance(from: query) { i, d in
            guard i != skipping, d < smallest[wanted - 1] else { return }
            var position = wanted - 1
            while position > 0 && smallest[position - 1] > d {
                smallest[position] = smallest[position - 1]
                position -= 1
            }
            smallest[position] = d
        }
        return smallest
    }
}
