/// A 2-D convolution layer over NCHW tensors: `activation(conv2D(input, filter) + bias)`.
///
/// `input` `[N, inputChannels, H, W]` gives `[N, outputChannels, (H + 2p - k) / s + 1, ...]`.
/// Parameters use PyTorch's `nn.Conv2d` names and layouts, so checkpoints carry over.
public struct Conv2D: Layer {
    /// The filters, `[outputChannels, inputChannels, kernelSize, kernelSize]`.
    public var weight: Tensor
    /// The per-channel bias, `[outputChannels]`.
    public var bias: Tensor
    /// The step between windows and the zero padding on each side.
    @noDerivative public let stride: Int, padding: Int
    /// The activation applied after the bias.
    @noDerivative public let activation: Activation

    /// Creates a layer with Glorot-uniform filters (fan-in `C k²`, fan-out `O k²`) and zero bias.
    public init(inputChannels: Int, outputChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
                activation: @escaping Activation = identity, rng: inout RandomGenerator) {
        let area = kernelSize * kernelSize
        weight = Tensor(glorotUniform: [outputChannels, inputChannels, kernelSize, kernelSize],
                        fanIn: inputChannels * area, fanOut: outputChannels * area, using: &rng)
        bias = Tensor(zeros: [outputChannels])
        (self.stride, self.padding, self.activation) = (stride, padding, activation)
    }

    /// Returns `activation(conv2D(input, weight) + bias)`, the bias broadcast over N, H and W.
    @differentiable(reverse)
    public func callAsFunction(_ input: Tensor) -> Tensor {
        activation(conv2D(input, filter: weight, bias: bias, stride: stride, padding: ConvolutionPadding(padding)))
    }
}

/// A 2-D transposed convolution layer over NCHW tensors, which upsamples:
/// `activation(convTranspose2D(input, filter) + bias)`.
///
/// `input` `[N, inputChannels, H, W]` gives `[N, outputChannels, (H - 1) s - 2p + k, ...]`; with
/// `kernelSize: 4, stride: 2, padding: 1` the spatial size doubles.
public struct ConvTranspose2D: Layer {
    /// The filters, `[inputChannels, outputChannels, kernelSize, kernelSize]` (PyTorch's layout).
    public var weight: Tensor
    /// The per-channel bias, `[outputChannels]`.
    public var bias: Tensor
    /// The stride and padding of the convolution this layer transposes.
    @noDerivative public let stride: Int, padding: Int
    /// The activation applied after the bias.
    @noDerivative public let activation: Activation

    /// Creates a layer with Glorot-uniform filters and zero bias.
    public init(inputChannels: Int, outputChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
                activation: @escaping Activation = identity, rng: inout RandomGenerator) {
        let area = kernelSize * kernelSize
        weight = Tensor(glorotUniform: [inputChannels, outputChannels, kernelSize, kernelSize],
                        fanIn: outputChannels * area, fanOut: inputChannels * area, using: &rng)
        bias = Tensor(zeros: [outputChannels])
        (self.stride, self.padding, self.activation) = (stride, padding, activation)
    }

    /// Returns `activation(convTranspose2D(input, weight) + bias)`.
    @differentiable(reverse)
    public func callAsFunction(_ input: Tensor) -> Tensor {
        let output = convTranspose2D(input, filter: weight, stride: stride, padding: padding)
        return activation(output + bias.reshaped(to: [1, -1, 1, 1]))
    }
}

/// Group normalization over NCHW tensors (Wu and He, 2018): the channels are split into
/// `groupCount` groups, and each group of each example is normalized over its channels and
/// pixels, `(x - mean) / sqrt(variance + ε)`, then scaled and shifted per channel.
public struct GroupNorm: Layer {
    /// The per-channel gain, `[channelCount]`, initially 1.
    public var weight: Tensor
    /// The per-channel offset, `[channelCount]`, initially 0.
    public var bias: Tensor
    /// The number of groups, which divides the channel count.
    @noDerivative public let groupCount: Int
    /// The `ε` added to the variance.
    @noDerivative public let epsilon: Float

    /// Creates the layer with unit gain and zero offset.
    public init(groupCount: Int, channelCount: Int, epsilon: Float = 1e-5) {
        precondition(groupCount > 0 && channelCount % groupCount == 0,
                     "GroupNorm: \(groupCount) groups do not divide \(channelCount) channels")
        weight = Tensor(ones: [channelCount])
        bias = Tensor(zeros: [channelCount])
        self.groupCount = groupCount
        self.epsilon = epsilon
    }

    /// Normalizes each group of each example, then applies the per-channel gain and offset.
    @differentiable(reverse)
    public func callAsFunction(_ input: Tensor) -> Tensor {
        precondition(withoutDerivative(at: input).rank == 4 && withoutDerivative(at: input).shape[1] == weight.shape[0],
                     "GroupNorm: input \(withoutDerivative(at: input).shape) does not have \(weight.shape[0]) channels (NCHW)")
        return groupNormalized(input, weight: weight, bias: bias, groupCount: groupCount, epsilon: epsilon)
    }

    /// `silu(self(input))` in one pass over the activations (`groupNormalizedSiLU`): the
    /// normalization and activation that follow a U-Net's convolutions.
    @differentiable(reverse)
    public func normalizedSiLU(_ input: Tensor) -> Tensor {
        precondition(withoutDerivative(at: input).rank == 4 && withoutDerivative(at: input).shape[1] == weight.shape[0],
                     "GroupNorm: input \(withoutDerivative(at: input).shape) does not have \(weight.shape[0]) channels (NCHW)")
        return groupNormalizedSiLU(input, weight: weight, bias: bias, groupCount: groupCount, epsilon: epsilon)
    }
}
