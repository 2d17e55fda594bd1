import NeuralNetworks

/// A compact U-Net noise predictor for 28 × 28 single-channel images, class-conditional for
/// classifier-free guidance.
///
/// With `c = baseChannels` (32 gives the PyTorch reference's `convddpm` network):
/// ```
/// x [N,1,28,28] -> conv3×3 1→c, + embedding -> h1 [N,c,28,28]
///   -> conv4×4/2 c→2c -> h2 [N,2c,14,14] -> (+ embedding) conv3×3 2c→2c -> h3
///   -> convT4×4/2 2c→c -> h4 [N,c,28,28] -> concat(h4, h1) -> conv3×3 2c→c -> conv3×3 c→1
/// ```
/// Every convolution but the last is followed by GroupNorm(8) and SiLU. The embedding is an MLP
/// of the sinusoidal time embedding plus a learned embedding of the label (row `classCount` is
/// the "no label" of classifier-free guidance); it is added to the bottleneck's input and, through
/// a linear map, to the full-resolution features `h1`.
public struct UNet: NoisePredictor {
    /// The MLP on the sinusoidal time embedding: `E → 2E → E`.
    public var timeMLP: Sequential<Dense>
    /// One learned vector per class and one for "no label", `[classCount + 1, E]`.
    public var classEmbedding: Embedding
    /// Maps the embedding to the channels of the full-resolution features.
    public var fineEmbedding: Dense
    /// The input convolution and its normalization.
    public var inputConv: Conv2D, inputNorm: GroupNorm
    /// The strided convolution to 14 × 14 and its normalization.
    public var downConv: Conv2D, downNorm: GroupNorm
    /// The bottleneck convolution and its normalization.
    public var middleConv: Conv2D, middleNorm: GroupNorm
    /// The transposed convolution back to 28 × 28 and its normalization.
    public var upConv: ConvTranspose2D, upNorm: GroupNorm
    /// The convolution over the joined skip connection and its normalization.
    public var mergeConv: Conv2D, mergeNorm: GroupNorm
    /// The output convolution to one channel.
    public var outputConv: Conv2D
    /// The number of classes; labels lie in `0...classCount`.
    @noDerivative public let classCount: Int
    /// The size `E` of the sinusoidal time embedding.
    @noDerivative public let embeddingSize: Int
    /// `c`, the channels of the full-resolution features (the bottleneck has `2c`).
    @noDerivative public let baseChannels: Int

    /// Creates the network with freshly initialised weights.
    /// - Parameters:
    ///   - classCount: 10 for Fashion-MNIST; 0 for an unconditional model.
    ///   - baseChannels: `c`, a multiple of 8.
    ///   - embeddingSize: `E`, the size of the sinusoidal time embedding, even.
    public init(classCount: Int = 10, baseChannels: Int = 32, embeddingSize: Int = 64, rng: inout RandomGenerator) {
        precondition(baseChannels % 8 == 0, "UNet: baseChannels \(baseChannels) must be a multiple of 8")
        let c = baseChannels, e = embeddingSize
        self.classCount = classCount
        self.embeddingSize = e
        self.baseChannels = c
        timeMLP = Sequential([Dense(inputSize: e, outputSize: 2 * e, activation: silu, rng: &rng),
                              Dense(inputSize: 2 * e, outputSize: 2 * c, rng: &rng)])
        classEmbedding = Embedding(vocabularySize: classCount + 1, embeddingSize: 2 * c, rng: &rng)
        fineEmbedding = Dense(inputSize: 2 * c, outputSize: c, rng: &rng)
        inputConv = Conv2D(inputChannels: 1, outputChannels: c, kernelSize: 3, padding: 1, rng: &rng)
        inputNorm = GroupNorm(groupCount: 8, channelCount: c)
        downConv = Conv2D(inputChannels: c, outputChannels: 2 * c, kernelSize: 4, stride: 2, padding: 1, rng: &rng)
        downNorm = GroupNorm(groupCount: 8, channelCount: 2 * c)
        middleConv = Conv2D(inputChannels: 2 * c, outputChannels: 2 * c, kernelSize: 3, padding: 1, rng: &rng)
        middleNorm = GroupNorm(groupCount: 8, channelCount: 2 * c)
        upConv = ConvTranspose2D(inputChannels: 2 * c, outputChannels: c, kernelSize: 4, stride: 2, padding: 1, rng: &rng)
        upNorm = GroupNorm(groupCount: 8, channelCount: c)
        mergeConv = Conv2D(inputChannels: 2 * c, outputChannels: c, kernelSize: 3, padding: 1, rng: &rng)
        mergeNorm = GroupNorm(groupCount: 8, channelCount: c)
        outputConv = Conv2D(inputChannels: c, outputChannels: 1, kernelSize: 3, padding: 1, rng: &rng)
    }

    /// Returns `ε_θ(x_t, t, y)` for `noisy` `[N, 1, 28, 28]`, `timesteps` `[N]` and `N` labels
    /// (ignored when `classCount == 0`).
    @differentiable(reverse, wrt: self)
    public func predictedNoise(_ noisy: Tensor, timesteps: Tensor, labels: [Int]) -> Tensor {
        var embedding = timeMLP(sinusoidalEmbedding(timesteps, dimension: embeddingSize))
        if classCount > 0 {
            precondition(labels.count == withoutDerivative(at: noisy).shape[0],
                         "UNet: \(labels.count) labels for a batch of \(withoutDerivative(at: noisy).shape)")
            embedding = embedding + classEmbedding(labels)
        }
        let coarse = embedding.reshaped(to: [-1, 2 * baseChannels, 1, 1])
        let fine = fineEmbedding(silu(embedding)).reshaped(to: [-1, baseChannels, 1, 1])
        // The embedding joins after the normalization, which would otherwise remove part of it.
        let h1 = silu(inputNorm(inputConv(noisy))) + fine
        let h2 = silu(downNorm(downConv(h1)))
        let h3 = silu(middleNorm(middleConv(h2 + coarse)))
        let h4 = silu(upNorm(upConv(h3)))
        let h5 = silu(mergeNorm(mergeConv(Tensor(concatenating: [h4, h1], alongAxis: 1))))
        return outputConv(h5)
    }
}
