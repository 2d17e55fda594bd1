import Foundation
import NeuralNetworks
import Probability

/// A PixelCNN (van den Oord et al., "Pixel recurrent neural networks", 2016) for binary images,
/// optionally conditioned on a class ("Conditional image generation with PixelCNN decoders", 2016):
/// a 7×7 type-A masked convolution, `hiddenLayers` residual blocks, then two 1×1 convolutions to one
/// logit per pixel, plus a learned bias per class and pixel.
///
/// Each residual block adds `relu(conv_B(h) + e_y)` to its input `h`, with `conv_B` a 3×3 type-B
/// masked convolution and `e_y` a learned per-channel bias of the class `y` (absent when
/// `classCount` is 0). The skip connections let a deep stack train quickly; the class bias carries
/// the global "what garment is this" that a few-pixel receptive field cannot see. The bias per class
/// and pixel added to the logits is the conditional PixelCNN's *location-dependent* conditioning in
/// its simplest form: it gives every class its own silhouette, a prior on where the garment lies
/// that a receptive field of a few rows cannot coordinate from left to right.
///
/// The logit of pixel `(r, c)` depends only on the pixels before it in raster order (and on the
/// class), through a receptive field that grows by one pixel per block. Being convolutional, the
/// same convolutions model images of any size (`resized(height:width:)`; the pixel biases only fit
/// the size the model was created for, and are left out at any other). Inputs `[batch, height * width]`,
/// flattened row by row; logits the same shape. A conditional model reads the class of each row
/// from `labels` (set with `conditioned(on:)`), so `p(x | y)` is exact and normalised for every `y`.
public struct PixelCNN: AutoregressiveModel {
    /// The type-A layer, `1 -> channels`, 7×7, with ReLU.
    public var first: MaskedConv2D
    /// The type-B convolutions of the residual blocks, `channels -> channels`, 3×3.
    public var hidden: Sequential<MaskedConv2D>
    /// One class-bias table per block, `[classCount, channels]` (empty for an unconditional model).
    public var classBiases: [Embedding]
    /// A 1×1 convolution with ReLU, `channels -> channels`.
    public var head: Conv2D
    /// A 1×1 convolution to one logit per pixel.
    public var output: Conv2D
    /// A logit bias per class and pixel, `[max(classCount, 1), canvasHeight * canvasWidth]`, zero at first.
    public var pixelBiases: Embedding
    /// The image size the pixel biases are laid out for: the size the model was created with.
    @noDerivative public let canvasHeight: Int, canvasWidth: Int
    /// The canvas row of the inputs' first row (nonzero for the cropped passes of `pixelProbabilities`).
    @noDerivative private var firstRow = 0
    /// The image size the flat inputs are read as.
    @noDerivative public private(set) var height: Int, width: Int
    /// The class of each input row, for a conditional model; empty otherwise.
    @noDerivative public private(set) var labels: [Int] = []

    /// The raster order `0..<height * width`.
    public var ordering: [Int] { Array(0..<(height * width)) }

    /// The number of classes the model is conditioned on (0: unconditional).
    public var classCount: Int { classBiases.first?.weight.shape[0] ?? 0 }

    /// Creates a PixelCNN with Glorot-uniform filters and class biases `N(0, 0.1²)` drawn from `rng`.
    public init(height: Int = 28, width: Int = 28, channels: Int = 32, hiddenLayers: Int = 4, classCount: Int = 0,
                rng: inout RandomGenerator) {
        first = MaskedConv2D(inputChannels: 1, outputChannels: channels, kernelSize: 7, type: .a, activation: relu, rng: &rng)
        hidden = Sequential((0..<hiddenLayers).map { _ in
            MaskedConv2D(inputChannels: channels, outputChannels: channels, kernelSize: 3, type: .b, rng: &rng)
        })
        classBiases = classCount == 0 ? [] : (0..<hiddenLayers).map { _ in
            Embedding(weight: Tensor(randomNormal: [classCount, channels], standardDeviation: 0.1, using: &rng))
        }
        head = Conv2D(inputChannels: channels, outputChannels: channels, kernelSize: 1, activation: relu, rng: &rng)
        output = Conv2D(inputChannels: channels, outputChannels: 1, kernelSize: 1, rng: &rng)
        pixelBiases = Embedding(weight: Tensor(zeros: [Swift.max(classCount, 1), height * width]))
        (self.height, self.width) = (height, width)
        (canvasHeight, canvasWidth) = (height, width)
    }

    /// The same weights, reading inputs as `height × width` images.
    public func resized(height: Int, width: Int) -> PixelCNN {
        var result = self
        (result.height, result.width, result.firstRow) = (height, width, 0)
        return result
    }

    /// The same weights, conditioned on one class per input row: the model of `p(x | labels[b])`.
    public func conditioned(on labels: [Int]) -> PixelCNN {
        precondition(classCount > 0, "PixelCNN.conditioned(on:): the model has no classes")
        precondition(labels.allSatisfy { (0..<classCount).contains($0) },
                     "PixelCNN.conditioned(on:): labels must lie in 0..<\(classCount)")
        var result = self
        result.labels = labels
        return result
    }

    /// Logits `[batch, height * width]` for inputs `[batch, height * width]`.
    @differentiable(reverse)
    public func callAsFunction(_ input: Tensor) -> Tensor {
        let batch = withoutDerivative(at: input.shape[0])
        precondition(classBiases.isEmpty || labels.count == batch,
                     "PixelCNN: \(labels.count) labels for a batch of \(batch); call conditioned(on:) first")
        var features = first(input.reshaped(to: [batch, 1, height, width]))
        for index in 0..<withoutDerivative(at: hidden.layers.count) {
            var update = hidden.layers[index](features)
            if !classBiases.isEmpty {
                update = update + classBiases[index](labels).reshaped(to: [batch, -1, 1, 1])
            }
            features = features + relu(update)
        }
        let logits = output(head(features)).reshaped(to: [batch, height * width])
        guard withoutDerivative(at: width == canvasWidth && firstRow + height <= canvasHeight) else { return logits }
        let rows = withoutDerivative(at: classBiases.isEmpty ? [Int](repeating: 0, count: batch) : labels)
        let biases = pixelBiases(rows).reshaped(to: [batch, canvasHeight, canvasWidth])
            .sliced(alongAxis: 1, range: firstRow..<(firstRow + height))
        return logits + biases.reshaped(to: [batch, height * width])
    }

    /// The rows above a pixel that its logit can depend on: 3 for the 7×7 type-A layer, one per block.
    public var receptiveRows: Int { 3 + hidden.layers.count }

    /// `p(x_pixel = 1 | x_<pixel)` of each row of `x` `[count, height * width]`, computed on the
    /// `receptiveRows + 1` image rows that end at the pixel's row only: the same values as the full
    /// pass, since the masks let nothing below the row or beyond the receptive field in, at a
    /// fraction of its cost when sampling.
    public func pixelProbabilities(_ x: Tensor, pixel: Int) -> [Float] {
        let (count, row, column) = (x.shape[0], pixel / width, pixel % width)
        let top = Swift.max(0, row - receptiveRows)
        let window = x.reshaped(to: [count, height, width]).sliced(alongAxis: 1, range: top..<(row + 1))
        var cropped = resized(height: row + 1 - top, width: width)
        cropped.firstRow = top
        let probabilities = sigmoid(cropped(window.reshaped(to: [count, (row + 1 - top) * width]))).scalars
        let local = (row - top) * width + column, croppedDimension = (row + 1 - top) * width
        return (0..<count).map { probabilities[$0 * croppedDimension + local] }
    }

    /// `-log p(x_n | labels[n])` of every row of `images` `[count, D]`, in nats, `batchSize` rows at a time.
    public func negativeLogLikelihoods(_ images: Tensor, labels: [Int], batchSize: Int = 500) -> [Double] {
        precondition(labels.count == images.shape[0], "PixelCNN: \(labels.count) labels for \(images.shape[0]) images")
        var values: [Double] = []
        for start in stride(from: 0, to: labels.count, by: batchSize) {
            let rows = start..<Swift.min(start + batchSize, labels.count)
            let batch = images.sliced(alongAxis: 0, range: rows)
            values += (-conditioned(on: Array(labels[rows])).logLikelihood(batch)).scalars.map(Double.init)
        }
        return values
    }

    /// The exact marginal `-log p(x) = -log Σ_y p(y) p(x | y)` of every row of `images`, with the
    /// uniform prior `p(y) = 1 / classCount`: one pass per class.
    public func marginalNegativeLogLikelihoods(_ images: Tensor, batchSize: Int = 500) -> [Double] {
        let count = images.shape[0]
        let perClass = (0..<classCount).map { label in
            negativeLogLikelihoods(images, labels: Array(repeating: label, count: count), batchSize: batchSize)
        }
        return (0..<count).map { row in
            Foundation.log(Double(classCount)) - logSumExp(perClass.map { -$0[row] })
        }
    }
}
