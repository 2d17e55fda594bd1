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

    /// Returns the convolution above, the same height and width as `input`.
    @differentiable(reverse)
    public func callAsFunction(_ input: Tensor) -> Tensor {
        let shape = withoutDerivative(at: input.shape), kernel = withoutDerivative(at: weight.shape)
        let (height, width, kernelHeight, kernelWidth) = (shape[2], shape[3], kernel[2], kernel[3])
        // `conv2D` pads every side by the same `padding`, so its output row `i` reads the input
        // rows from `i - padding`: the output row `r` we want is the padded output's row
        // `r + padding - rowsAbove` (and likewise for columns).
        let padding = Swift.max(rowsAbove, columnsLeft, kernelHeight - 1 - rowsAbove, kernelWidth - 1 - columnsLeft)
        var output = conv2D(input, filter: weight, padding: padding)
        let (top, left) = (padding - rowsAbove, padding - columnsLeft)
        if height + 2 * padding - kernelHeight + 1 != height || top != 0 {
            output = output.sliced(alongAxis: 2, range: top..<(top + height))
        }
        if width + 2 * padding - kernelWidth + 1 != width || left != 0 {
            output = output.sliced(alongAxis: 3, range: left..<(left + width))
        }
        return activation(output + bias.reshaped(to: [1, -1, 1, 1]))
    }
}
