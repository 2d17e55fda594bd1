/// The two masks of PixelCNN (van den Oord et al., "Pixel recurrent neural networks", 2016).
public enum PixelCNNMaskType: Sendable {
    /// The first layer: the centre pixel is hidden, so the output at a pixel sees only the pixels
    /// above it and to its left.
    case a
    /// Every later layer: the centre is kept, since the features there already exclude the pixel.
    case b
}

/// A 2-D convolution over NCHW tensors whose filters see only the causal half of their window:
/// `activation(conv2D(input, weight ⊙ mask) + bias)`, with "same" zero padding.
///
/// In raster order (row by row, left to right) the mask keeps the rows above the centre and the
/// pixels left of it on the centre row; type A also drops the centre, type B keeps it. A stack of
/// one type-A layer and any number of type-B layers gives outputs at `(r, c)` that depend only on
/// input pixels before `(r, c)` in raster order. `input` `[N, inputChannels, H, W]` gives
/// `[N, outputChannels, H, W]`.
public struct MaskedConv2D: Layer {
    /// The filters, `[outputChannels, inputChannels, kernelSize, kernelSize]`.
    public var weight: Tensor
    /// The per-channel bias, `[outputChannels]`.
    public var bias: Tensor
    /// Ones on the causal half of the window, shape `[1, 1, kernelSize, kernelSize]` (broadcast).
    @noDerivative public let mask: Tensor
    /// The activation applied after the bias.
    @noDerivative public let activation: Activation

    /// Creates a layer with Glorot-uniform filters and zero bias.
    /// - Precondition: `kernelSize` is odd.
    public init(inputChannels: Int, outputChannels: Int, kernelSize: Int, type: PixelCNNMaskType,
                activation: @escaping Activation = identity, rng: inout RandomGenerator) {
        precondition(kernelSize % 2 == 1, "MaskedConv2D: kernel size \(kernelSize) must be odd")
        let area = kernelSize * kernelSize
        weight = Tensor(glorotUniform: [outputChannels, inputChannels, kernelSize, kernelSize],
                        fanIn: inputChannels * area, fanOut: outputChannels * area, using: &rng)
        bias = Tensor(zeros: [outputChannels])
        mask = Self.mask(kernelSize: kernelSize, type: type)
        self.activation = activation
    }

    /// The causal mask of one `kernelSize × kernelSize` window, `[1, 1, k, k]`.
    public static func mask(kernelSize: Int, type: PixelCNNMaskType) -> Tensor {
        let centre = kernelSize / 2
        let scalars = (0..<(kernelSize * kernelSize)).map { offset -> Float in
            let (row, column) = (offset / kernelSize, offset % kernelSize)
            if row != centre { return row < centre ? 1 : 0 }
            return column < centre || (column == centre && type == .b) ? 1 : 0
        }
        return Tensor(shape: [1, 1, kernelSize, kernelSize], scalars: scalars)
    }

    /// Returns `activation(conv2D(input, weight ⊙ mask) + bias)`, the same height and width as `input`.
    @differentiable(reverse)
    public func callAsFunction(_ input: Tensor) -> Tensor {
        let padding = ConvolutionPadding(withoutDerivative(at: weight.shape[2]) / 2)
        return activation(conv2D(input, filter: weight * mask, bias: bias, padding: padding))
    }
}
