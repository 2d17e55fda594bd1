import NeuralNetworks

/// A small PixelCNN (van den Oord et al., "Pixel recurrent neural networks", 2016) for binary
/// images: a 7×7 type-A masked convolution, `hiddenLayers` 3×3 type-B masked convolutions, then
/// two 1×1 convolutions to one logit per pixel; ReLU in between.
///
/// The logit of pixel `(r, c)` depends only on the pixels before it in raster order, through a
/// receptive field that grows by one pixel per type-B layer. Being convolutional, the same weights
/// model images of any size (`resized(height:width:)`). Inputs `[batch, height * width]`, flattened
/// row by row; logits the same shape.
public struct PixelCNN: AutoregressiveModel {
    /// The type-A layer, `1 -> channels`, 7×7.
    public var first: MaskedConv2D
    /// The type-B layers, `channels -> channels`, 3×3.
    public var hidden: Sequential<MaskedConv2D>
    /// A 1×1 convolution with ReLU, `channels -> channels`.
    public var head: Conv2D
    /// A 1×1 convolution to one logit per pixel.
    public var output: Conv2D
    /// The image size the flat inputs are read as.
    @noDerivative public private(set) var height: Int, width: Int

    /// The raster order `0..<height * width`.
    public var ordering: [Int] { Array(0..<(height * width)) }

    /// Creates a PixelCNN with Glorot-uniform filters drawn from `rng`.
    public init(height: Int = 28, width: Int = 28, channels: Int = 32, hiddenLayers: Int = 4,
                rng: inout RandomGenerator) {
        first = MaskedConv2D(inputChannels: 1, outputChannels: channels, kernelSize: 7, type: .a, activation: relu, rng: &rng)
        hidden = Sequential((0..<hiddenLayers).map { _ in
            MaskedConv2D(inputChannels: channels, outputChannels: channels, kernelSize: 3, type: .b, activation: relu, rng: &rng)
        })
        head = Conv2D(inputChannels: channels, outputChannels: channels, kernelSize: 1, activation: relu, rng: &rng)
        output = Conv2D(inputChannels: channels, outputChannels: 1, kernelSize: 1, rng: &rng)
        (self.height, self.width) = (height, width)
    }

    /// The same weights, reading inputs as `height × width` images.
    public func resized(height: Int, width: Int) -> PixelCNN {
        var result = self
        (result.height, result.width) = (height, width)
        return result
    }

    /// Logits `[batch, height * width]` for inputs `[batch, height * width]`.
    @differentiable(reverse)
    public func callAsFunction(_ input: Tensor) -> Tensor {
        let batch = withoutDerivative(at: input.shape[0])
        let images = input.reshaped(to: [batch, 1, height, width])
        return output(head(hidden(first(images)))).reshaped(to: [batch, height * width])
    }
}
