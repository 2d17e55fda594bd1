import Tensors

extension FashionMNIST {
    /// How `images(_:layout:range:)` shapes a batch.
    public enum Layout: Sendable {
        /// `[N, rows * columns]`, for dense networks.
        case flat
        /// `[N, 1, rows, columns]`, for convolutions.
        case channels
    }

    /// The images at `indices` as one tensor, intensities mapped from `0...1` to `range`.
    public func images<Indices: Sequence<Int>>(_ indices: Indices, layout: Layout = .flat,
                                               range: ClosedRange<Float> = 0...1) -> Tensor {
        let chosen = Array(indices)
        let lower = range.lowerBound, span = range.upperBound - range.lowerBound
        let values = batch(chosen).pixels.map { lower + span * $0 }
        let shape = layout == .flat ? [chosen.count, pixelsPerImage] : [chosen.count, 1, rows, columns]
        return Tensor(shape: shape, scalars: values)
    }
}
