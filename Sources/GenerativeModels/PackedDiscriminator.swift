import NeuralNetworks

/// A packed discriminator (PacGAN, Lin et al., 2018): it judges `packSize` samples at once,
/// all real or all generated, so a generator that repeats itself is easy to catch.
///
/// The batch `[batch, features]` is cut into `batch / packSize` packs of consecutive rows; each
/// pack is concatenated into one input `[packSize * features]` of the inner discriminator, whose
/// logit is then given to every member of the pack:
///
/// `logit(x_i) = D([x_{j+1}, ..., x_{j+m}])` for `j = m ⌊i / m⌋`, `m = packSize`.
///
/// The output keeps the shape `[batch, 1]`, so the GAN's losses (means over the batch) are means
/// over packs and the training step is unchanged. Real and generated samples never share a pack
/// as long as each batch is a multiple of `packSize` (`GAN.trainDiscriminator` stacks the real
/// batch before the generated one).
public struct PackedDiscriminator<Inner: GANDiscriminator>: GANDiscriminator {
    /// The discriminator of one pack, `[packs, packSize * features] -> [packs, 1]`.
    public var inner: Inner
    /// The number of samples judged together, `m >= 1` (1 is an ordinary discriminator).
    @noDerivative public let packSize: Int

    /// Wraps `inner`, which must take `packSize * features` inputs.
    public init(_ inner: Inner, packSize: Int) {
        precondition(packSize >= 1, "PackedDiscriminator: packSize \(packSize) must be at least 1")
        self.inner = inner
        self.packSize = packSize
    }

    /// Returns one logit per sample, `[batch, 1]`, equal within each pack.
    /// - Precondition: `batch` is a multiple of `packSize`.
    @differentiable(reverse)
    public func callAsFunction(_ input: Tensor) -> Tensor {
        let batch = withoutDerivative(at: input.shape[0]), features = withoutDerivative(at: input.shape[1])
        let m = packSize
        precondition(batch % m == 0, "PackedDiscriminator: batch \(batch) is not a multiple of packSize \(m)")
        let packLogits = inner(input.reshaped(to: [batch / m, m * features]))
        return packLogits.broadcasted(to: [batch / m, m]).reshaped(to: [batch, 1])
    }

    public mutating func prepareForTrainingStep() { inner.prepareForTrainingStep() }
}
