import NeuralNetworks

/// A compact U-Net noise predictor for 28 × 28 single-channel images, class-conditional for
/// classifier-free guidance.
///
/// With `c = baseChannels`, three resolutions, 28 × 28, 14 × 14 and 7 × 7:
/// ```
/// x [N,1,28,28] -> conv3×3 1→c                 (+ embedding) -> h1 [N,c,28,28]
///   -> conv4×4/2 c→2c                          (+ embedding) -> h2 [N,2c,14,14]
///   -> conv4×4/2 2c→2c                         (+ embedding) -> h3 [N,2c,7,7]
///   -> conv3×3 2c→2c -> conv3×3 2c→2c, + h3                  -> h4 [N,2c,7,7]
///   -> convT4×4/2 2c→2c, concat h2 -> conv3×3 4c→2c          -> m2 [N,2c,14,14]
///   -> convT4×4/2 2c→c,  concat h1 -> conv3×3 2c→c -> conv3×3 c→1
/// ```
/// Every convolution but the last is followed by GroupNorm(8) and SiLU. The 7 × 7 level lets
/// the bottleneck see the whole image, which the denoiser needs at high noise levels to place
/// a silhouette. The embedding is an MLP of the sinusoidal time embedding plus a learned
/// embedding of the label (row `classCount` is the "no label" of classifier-free guidance); it
/// is added at every resolution on the way down: through a linear map at 28 × 28 and 14 × 14,
/// as it is at 7 × 7.
public struct UNet: NoisePredictor {
    /// The MLP on the sinusoidal time embedding: `E → 2E → 2c`.
    public var timeMLP: Sequential<Dense>
    /// One learned vector per class and one for "no label", `[classCount + 1, 2c]`.
    public var classEmbedding: Embedding
    /// Map the embedding to the channels of the 28 × 28 and 14 × 14 features.
    public var fineEmbedding: Dense, middleEmbedding: Dense
    /// The input convolution and its normalization.
    public var inputConv: Conv2D, inputNorm: GroupNorm
    /// The strided convolutions down to 14 × 14 and 7 × 7, and their normalizations.
    public var down1: Conv2D, down1Norm: GroupNorm, down2: Conv2D, down2Norm: GroupNorm
    /// The two bottleneck convolutions at 7 × 7 and their normalizations.
    public var bottleneck1: Conv2D, bottleneck1Norm: GroupNorm, bottleneck2: Conv2D, bottleneck2Norm: GroupNorm
    /// The way back to 14 × 14: transposed convolution, then a convolution over the joined skip.
    public var up2: ConvTranspose2D, up2Norm: GroupNorm, merge2: Conv2D, merge2Norm: GroupNorm
    /// The way back to 28 × 28: transposed convolution, then a convolution over the joined skip.
    public var up1: ConvTranspose2D, up1Norm: GroupNorm, merge1: Conv2D, merge1Norm: GroupNorm
    /// The output convolution to one channel.
    public var outputConv: Conv2D
    /// The number of classes; labels lie in `0...classCount`.
    @noDerivative public let classCount: Int
    /// The size `E` of the sinusoidal time embedding.
    @noDerivative public let embeddingSize: Int
    /// `c`, the channels of the full-resolution features (the coarser levels have `2c`).
    @noDerivative public let baseChannels: Int

    /// Creates the network with freshly initialised weights.
    /// - Parameters:
    ///   - classCount: 10 for Fashion-MNIST; 0 for an unconditional model.
    ///   - baseChannels: `c`, a multiple of 8.
    ///   - embeddingSize: `E`, the size of the sinusoidal time embedding, even.
    public init(classCount: Int = 10, baseChannels: Int = 16, embeddingSize: Int = 64, rng: inout RandomGenerator) {
        precondition(baseChannels % 8 == 0, "UNet: baseChannels \(baseChannels) must be a multiple of 8")
        let c = baseChannels, e = embeddingSize
        (self.classCount, self.embeddingSize, self.baseChannels) = (classCount, e, c)
        func conv(_ input: Int, _ output: Int, kernel: Int = 3, stride: Int = 1) -> Conv2D {
            Conv2D(inputChannels: input, outputChannels: output, kernelSize: kernel, stride: stride, padding: 1, rng: &rng)
        }
        func upsample(_ input: Int, _ output: Int) -> ConvTranspose2D {
            ConvTranspose2D(inputChannels: input, outputChannels: output, kernelSize: 4, stride: 2, padding: 1, rng: &rng)
        }
        let norm = { (channels: Int) in GroupNorm(groupCount: 8, channelCount: channels) }
        timeMLP = Sequential([Dense(inputSize: e, outputSize: 2 * e, activation: silu, rng: &rng),
                              Dense(inputSize: 2 * e, outputSize: 2 * c, rng: &rng)])
        classEmbedding = Embedding(vocabularySize: classCount + 1, embeddingSize: 2 * c, rng: &rng)
        fineEmbedding = Dense(inputSize: 2 * c, outputSize: c, rng: &rng)
        middleEmbedding = Dense(inputSize: 2 * c, outputSize: 2 * c, rng: &rng)
        (inputConv, inputNorm) = (conv(1, c), norm(c))
        (down1, down1Norm) = (conv(c, 2 * c, kernel: 4, stride: 2), norm(2 * c))
        (down2, down2Norm) = (conv(2 * c, 2 * c, kernel: 4, stride: 2), norm(2 * c))
        (bottleneck1, bottleneck1Norm) = (conv(2 * c, 2 * c), norm(2 * c))
        (bottleneck2, bottleneck2Norm) = (conv(2 * c, 2 * c), norm(2 * c))
        (up2, up2Norm, merge2, merge2Norm) = (upsample(2 * c, 2 * c), norm(2 * c), conv(4 * c, 2 * c), norm(2 * c))
        (up1, up1Norm, merge1, merge1Norm) = (upsample(2 * c, c), norm(c), conv(2 * c, c), norm(c))
        outputConv = conv(c, 1)
    }

    /// Returns `ε_θ(x_t, t, y)` for `noisy` `[N, 1, 28, 28]`, `timesteps` `[N]` and `N` labels
    /// (ignored when `classCount == 0`).
    ///
    /// Differentiable in `noisy` too: the flow-matching likelihood takes its vector–Jacobian products.
    @differentiable(reverse, wrt: self)
    @differentiable(reverse, wrt: noisy)
    public func predictedNoise(_ noisy: Tensor, timesteps: Tensor, labels: [Int]) -> Tensor {
        precondition(Array(withoutDerivative(at: noisy).shape.dropFirst()) == [1, 28, 28],
                     "UNet: input \(withoutDerivative(at: noisy).shape) is not [N, 1, 28, 28]")
        var embedding = timeMLP(sinusoidalEmbedding(timesteps, dimension: embeddingSize))
        if classCount > 0 {
            precondition(labels.count == withoutDerivative(at: noisy).shape[0],
                         "UNet: \(labels.count) labels for a batch of \(withoutDerivative(at: noisy).shape)")
            embedding = embedding + classEmbedding(labels)
        }
        let c = baseChannels
        let activated = silu(embedding)
        // The embedding joins after each normalization, which would otherwise remove part of it.
        let h1 = inputNorm.normalizedSiLU(inputConv(noisy)) + fineEmbedding(activated).reshaped(to: [-1, c, 1, 1])
        let h2 = down1Norm.normalizedSiLU(down1(h1)) + middleEmbedding(activated).reshaped(to: [-1, 2 * c, 1, 1])
        let h3 = down2Norm.normalizedSiLU(down2(h2)) + embedding.reshaped(to: [-1, 2 * c, 1, 1])
        let h4 = bottleneck2Norm.normalizedSiLU(bottleneck2(bottleneck1Norm.normalizedSiLU(bottleneck1(h3)))) + h3
        let m2 = merge2Norm.normalizedSiLU(merge2(Tensor(concatenating: [up2Norm.normalizedSiLU(up2(h4)), h2], alongAxis: 1)))
        let m1 = merge1Norm.normalizedSiLU(merge1(Tensor(concatenating: [up1Norm.normalizedSiLU(up1(m2)), h1], alongAxis: 1)))
        return outputConv(m1)
    }
}
