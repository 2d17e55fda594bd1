import NeuralNetworks

/// A small DCGAN-style generator for 28×28 grayscale images (Radford et al., 2016, without batch
/// normalisation): a dense projection of `z` to `channels × 7 × 7` feature maps, two transposed
/// convolutions (kernel 4, stride 2, padding 1) that double the size to 14×14 and 28×28, and a
/// 3×3 convolution to one channel.
///
/// The last layer is an ordinary convolution because a stride-2 transposed convolution that
/// writes pixels directly tends to leave a checkerboard: neighbouring output pixels are computed
/// by different subsets of its kernel's weights (Odena et al., 2016). The 3×3 convolution mixes
/// neighbouring pixels again.
///
/// `z` `[batch, latentSize]` gives `tanh` pixels in `(-1, 1)`, flattened to `[batch, 784]` so that
/// the same discriminators and metrics as for an MLP generator apply.
public struct GANConvGenerator: Layer {
    /// `z -> [channels * 49]`, ReLU.
    public var projection: Dense
    /// `[channels, 7, 7] -> [channels / 2, 14, 14]`, ReLU.
    public var upsample1: ConvTranspose2D
    /// `[channels / 2, 14, 14] -> [channels / 4, 28, 28]`, ReLU.
    public var upsample2: ConvTranspose2D
    /// `[channels / 4, 28, 28] -> [1, 28, 28]`, tanh.
    public var output: Conv2D
    /// The number of feature maps at 7×7.
    @noDerivative public let channels: Int

    /// Creates the generator with `channels` feature maps at 7×7, half as many at 14×14 and a
    /// quarter at 28×28.
    /// - Precondition: `channels` is a positive multiple of 4.
    public init(latentSize: Int, channels: Int = 32, rng: inout RandomGenerator) {
        precondition(channels > 0 && channels % 4 == 0, "GANConvGenerator: channels \(channels) must be a positive multiple of 4")
        self.channels = channels
        projection = Dense(inputSize: latentSize, outputSize: channels * 49, activation: relu, rng: &rng)
        upsample1 = ConvTranspose2D(inputChannels: channels, outputChannels: channels / 2, kernelSize: 4, stride: 2,
                                    padding: 1, activation: relu, rng: &rng)
        upsample2 = ConvTranspose2D(inputChannels: channels / 2, outputChannels: channels / 4, kernelSize: 4, stride: 2,
                                    padding: 1, activation: relu, rng: &rng)
        output = Conv2D(inputChannels: channels / 4, outputChannels: 1, kernelSize: 3, padding: 1, activation: tanh, rng: &rng)
    }

    /// Returns `G(z)`, `[batch, 784]`, pixels in `(-1, 1)`.
    @differentiable(reverse)
    public func callAsFunction(_ input: Tensor) -> Tensor {
        let batch = withoutDerivative(at: input.shape[0])
        let maps = projection(input).reshaped(to: [batch, channels, 7, 7])
        return output(upsample2(upsample1(maps))).reshaped(to: [batch, 784])
    }
}
