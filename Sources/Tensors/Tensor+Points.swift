// Conversions between tensors and lists of points, for 2-D toy data and scatter plots.

extension Tensor {
    /// Points `[[x, y, ...]]` as an `[N, D]` tensor, `D` the length of the first point.
    ///
    /// - Precondition: every point has the same length.
    public init(points: [[Double]]) {
        let width = points.first?.count ?? 0
        precondition(points.allSatisfy { $0.count == width },
                     "Tensor(points:): points have different lengths (the first has \(width))")
        self.init(shape: [points.count, width], scalars: points.flatMap { $0.map { Float($0) } })
    }

    /// The rows of an `[N, D]` tensor as points `[[x, y, ...]]`.
    ///
    /// - Precondition: `rank == 2`.
    public var points: [[Double]] {
        precondition(shape.count == 2, "Tensor.points: shape \(shape) is not [N, D]")
        let width = shape[1], values = scalars
        return (0..<shape[0]).map { row in (0..<width).map { Double(values[row * width + $0]) } }
    }
}
