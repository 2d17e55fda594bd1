import Tensors

extension FashionMNIST {
    /// The images at `indices`, binarised: a pixel is 1 when its intensity is at least `threshold`,
    /// else 0. Shape `[N, rows * columns]`.
    ///
    /// With the default threshold of one half, a pixel is on when its byte is 128 or more: a fixed,
    /// deterministic binarisation (not a fresh Bernoulli draw per epoch), so every model and every
    /// run sees the same binary data.
    public func binarizedImages<Indices: Sequence<Int>>(_ indices: Indices, threshold: Float = 0.5) -> Tensor {
        let chosen = Array(indices)
        let values = batch(chosen).pixels.map { $0 >= threshold ? Float(1) : 0 }
        return Tensor(shape: [chosen.count, pixelsPerImage], scalars: values)
    }
}
