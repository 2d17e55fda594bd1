/// A 2-D convolution over NCHW tensors whose rectangular window is placed anywhere relative to
/// the output pixel: the building block of the gated PixelCNN's vertical and horizontal stacks.
///
/// `output[n, o, r, c] = activation(bias[o] + Σ_{ch, a, b} weight[o, ch, a, b] ·
/// input[n, ch, r - rowsAbove + a, c - columnsLeft + b])`, with zeros outside the image, for
/// `a < kernelHeight`, `b < kernelWidth`. With `rowsAbove = kernelHeight` the window lies strictly
/// above the output row; with `kernelHeight = 1, rowsAbove = 0` it lies on the output row, and
/// `columnsLeft = kernelWidth` keeps it strictly left of the output pixel. No mask is stored: the
/// window holds only the pixels it may see, so no multiplication is spent on zeros.
/// `input` `[N, inputChannels, H, W]` gives `[N, outputChannels, H, W]`.
public struct OffsetConv2D: Layer {
    /// The filters, `[outputChannels, inputChannels, kernelHeight, kernelWidth]`.
    public var weight: Tensor
    /// The per-channel bias, `[outputChannels]`.
    public var bias: Tensor
    /// How far the window's first row lies above the output row, and its first column left of the output column.
    @noDerivative public let rowsAbove: Int, columnsLeft: Int
    /// The activation applied after the bias.
    @noDerivative public let activation: Activation

    /// Creates a layer with Glorot-uniform filters and zero bias.
    public init(inputChannels: Int, outputChannels: Int, kernelHeight: Int, kernelWidth: Int,
                rowsAbove: Int, columnsLeft: Int, activation: @escaping Activation = identity,
                rng: inout RandomGenerator) {
        precondition(kernelHeight > 0 && kernelWidth > 0 && rowsAbove >= 0 && columnsLeft >= 0,
                     "OffsetConv2D: kernel \(kernelHeight)×\(kernelWidth), offsets \(rowsAbove), \(columnsLeft)")
        let area = kernelHeight * kernelWidth
        weight = Tensor(glorotUniform: [outputChannels, inputChannels, kernelHeight, kernelWidth],
                        fanIn: inputChannels * area, fanOut: outputChannels * area, using: &rng)
        bias = Tensor(zeros: [outputChannels])
        (self.rowsAbove, self.columnsLeft, self.activation) = (rowsAbove, columnsLeft, activation)
    }

    /// Returns the convolution above, the same height and width as `input`: `conv2D` padded by
    /// `rowsAbove` rows on top and `kernelHeight - 1 - rowsAbove` below (negative, a crop, when
    /// the window lies strictly above the row), and likewise for the columns.
    @differentiable(reverse)
    public func callAsFunction(_ input: Tensor) -> Tensor {
        let kernel = withoutDerivative(at: weight.shape)
        let padding = ConvolutionPadding(top: rowsAbove, bottom: kernel[2] - 1 - rowsAbove,
                                         left: columnsLeft, right: kernel[3] - 1 - columnsLeft)
        return activation(conv2D(input, filter: weight, bias: bias, padding: padding))
    }
}
