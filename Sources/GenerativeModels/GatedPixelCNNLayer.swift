import NeuralNetworks

/// The two feature maps a gated PixelCNN carries from layer to layer, both `[N, C, H, W]`.
///
/// At pixel `(r, c)` the **vertical** stack depends only on the rows above `r` (every column
/// within reach), the **horizontal** stack on those rows and the pixels left of `c` on row `r`.
/// Together they see the whole causal past of the pixel, with no blind spot.
public struct GatedStacks: Differentiable {
    /// The vertical stack: features of the rows strictly above each pixel.
    public var vertical: Tensor
    /// The horizontal stack: features of everything before each pixel in raster order.
    public var horizontal: Tensor

    /// Creates the pair.
    @differentiable(reverse)
    public init(vertical: Tensor, horizontal: Tensor) {
        (self.vertical, self.horizontal) = (vertical, horizontal)
    }
}

/// The gated unit `tanh(f) ⊙ σ(g)`, with `f` the first half of the channels of `preActivation`
/// `[N, 2C, H, W]` and `g` the second: `[N, C, H, W]`.
@differentiable(reverse)
func gatedActivation(_ preActivation: Tensor) -> Tensor {
    let channels = withoutDerivative(at: preActivation.shape)[1] / 2
    return tanh(preActivation.sliced(alongAxis: 1, range: 0..<channels))
        * sigmoid(preActivation.sliced(alongAxis: 1, range: channels..<(2 * channels)))
}

/// One layer of the gated PixelCNN (van den Oord et al., "Conditional image generation with
/// PixelCNN decoders", 2016), `C` channels in each stack:
///
///     v' = tanh(W_f * v + V_f h_y) ⊙ σ(W_g * v + V_g h_y)
///     h' = h + U (tanh(W'_f * h + A_f (W * v) + V_f h_y) ⊙ σ(...g...))
///
/// with `W * v` a `2 × 3` convolution over the row above and the row of each pixel of the
/// vertical stack (both lie above the pixel in its input), `W' * h` a `1 × 2` convolution over the
/// pixel and its left neighbour in the horizontal stack, `A` and `U` 1×1 convolutions, and `V h_y`
/// a learned bias per class of the `2C` pre-activations (the paper's conditioning on a one-hot
/// class). The vertical stack feeds the horizontal one and never the reverse, which keeps the
/// vertical features free of the current row. Each layer lets the pixel see one more row up and
/// one more column either side; the horizontal stack's residual connection lets a deep stack train.
public struct GatedPixelCNNLayer: Differentiable {
    /// `C -> 2C`, the `2 × 3` window of the rows `r - 1` and `r` of the vertical stack.
    public var vertical: OffsetConv2D
    /// `2C -> 2C`, 1×1: what the vertical stack tells the horizontal one.
    public var verticalToHorizontal: Conv2D
    /// `C -> 2C`, the `1 × 2` window of the pixels `c - 1` and `c` of the horizontal stack.
    public var horizontal: OffsetConv2D
    /// `C -> C`, 1×1, applied to the horizontal gate before the residual sum.
    public var horizontalOutput: Conv2D
    /// The class bias `V h_y` of the `2C` pre-activations, `[classCount + 1, 2C]`: one row per
    /// class and a last one for "no class".
    public var classBias: Embedding

    /// Creates a layer with Glorot-uniform filters and class biases drawn from `N(0, 0.1²)`.
    public init(channels: Int, classCount: Int, rng: inout RandomGenerator) {
        vertical = OffsetConv2D(inputChannels: channels, outputChannels: 2 * channels, kernelHeight: 2, kernelWidth: 3,
                                rowsAbove: 1, columnsLeft: 1, rng: &rng)
        verticalToHorizontal = Conv2D(inputChannels: 2 * channels, outputChannels: 2 * channels, kernelSize: 1, rng: &rng)
        horizontal = OffsetConv2D(inputChannels: channels, outputChannels: 2 * channels, kernelHeight: 1, kernelWidth: 2,
                                  rowsAbove: 0, columnsLeft: 1, rng: &rng)
        horizontalOutput = Conv2D(inputChannels: channels, outputChannels: channels, kernelSize: 1, rng: &rng)
        classBias = Embedding(weight: Tensor(randomNormal: [classCount + 1, 2 * channels],
                                             standardDeviation: 0.1, using: &rng))
    }

    /// The next pair of stacks; `labels` holds the class of each of the `N` images, in
    /// `0...classCount` (`classCount`, "no class", for every image of an unconditional model).
    @differentiable(reverse, wrt: (self, stacks))
    public func callAsFunction(_ stacks: GatedStacks, labels: [Int]) -> GatedStacks {
        let condition = classBias(labels).reshaped(to: [labels.count, -1, 1, 1])
        let verticalPre = vertical(stacks.vertical)
        let horizontalPre = horizontal(stacks.horizontal) + verticalToHorizontal(verticalPre) + condition
        return GatedStacks(vertical: gatedActivation(verticalPre + condition),
                           horizontal: stacks.horizontal + horizontalOutput(gatedActivation(horizontalPre)))
    }
}
