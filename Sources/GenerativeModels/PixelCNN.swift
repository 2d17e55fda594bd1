import Foundation
import NeuralNetworks
import Probability

/// A gated, class-conditional PixelCNN for binary images (van den Oord et al., "Conditional image
/// generation with PixelCNN decoders", 2016; the masked convolutions are from "Pixel recurrent
/// neural networks", 2016).
///
/// Two stacks of features run side by side (`GatedStacks`). The first layer splits a 7×7 type-A
/// window in two: the **vertical** stack starts from the three rows above each pixel (all seven
/// columns), the **horizontal** stack from the type-A masked convolution itself (those rows and
/// the three pixels to the left). Then `layers` gated layers (`GatedPixelCNNLayer`) each grow the
/// window by one row up and one column either side, and the horizontal stack, read by two 1×1
/// convolutions, gives one logit per pixel. A single stack of masked convolutions has a blind spot
/// (pixels above and to the right that no depth reaches); the vertical stack has none, because its
/// window spans whole rows. Every gate adds a learned bias of the class `y`, so `p(x | y)` is a
/// separate exact model per class, and a learned bias per class and pixel on the logits (the
/// paper's location-dependent conditioning in its simplest form) gives each class its silhouette.
/// Both tables have one more entry, the label `classCount`, meaning "no class": trained on
/// images whose label was dropped to it (`CourseModels.trainPixelCNN`), the same network is also
/// an exact model of the images alone, `p(x | ∅)`, which classifier-free guidance
/// (`guided(on:scale:)`) needs. An unconditional model (`classCount == 0`) has that entry only.
///
/// The logit of pixel `(r, c)` depends only on the pixels before it in raster order (and on the
/// class), through `receptiveRows` rows above it. Being convolutional, the same weights model
/// images of any size (`resized(height:width:)`; the pixel biases only fit the size the model was
/// created for, and are left out at any other). Inputs `[batch, height * width]`, flattened row by
/// row; logits the same shape. A conditional model reads the class of each row from `labels` (set
/// with `conditioned(on:)`), so `p(x | y)` is exact and normalised for every `y` in `0...classCount`.
public struct PixelCNN: AutoregressiveModel {
    /// `1 -> channels`, the 3×7 window of the three rows above each pixel: the first vertical stack.
    public var firstVertical: OffsetConv2D
    /// `1 -> channels`, the 7×7 type-A masked convolution: the first horizontal stack.
    public var firstHorizontal: MaskedConv2D
    /// The gated layers.
    public var layers: [GatedPixelCNNLayer]
    /// A 1×1 convolution with ReLU of the horizontal stack, `channels -> channels`.
    public var head: Conv2D
    /// A 1×1 convolution to one logit per pixel.
    public var output: Conv2D
    /// A logit bias per class and pixel, `[classCount + 1, canvasHeight * canvasWidth]` (the last row
    /// for "no class"), zero at first.
    public var pixelBiases: Embedding
    /// The number of classes the model is conditioned on (0: unconditional).
    @noDerivative public let classCount: Int
    /// The image size the pixel biases are laid out for: the size the model was created with.
    @noDerivative public let canvasHeight: Int, canvasWidth: Int
    /// The canvas row of the inputs' first row (nonzero for the cropped passes of `pixelProbabilities`).
    @noDerivative private var firstRow = 0
    /// The image size the flat inputs are read as.
    @noDerivative public private(set) var height: Int, width: Int
    /// The class of each input row (`0...classCount`), for a conditional model; empty otherwise.
    @noDerivative public private(set) var labels: [Int] = []

    /// The raster order `0..<height * width`.
    public var ordering: [Int] { Array(0..<(height * width)) }

    /// Creates a PixelCNN with Glorot-uniform filters and class biases `N(0, 0.1²)` drawn from `rng`.
    public init(height: Int = 28, width: Int = 28, channels: Int = 16, layers: Int = 6, classCount: Int = 0,
                rng: inout RandomGenerator) {
        firstVertical = OffsetConv2D(inputChannels: 1, outputChannels: channels, kernelHeight: 3, kernelWidth: 7,
                                     rowsAbove: 3, columnsLeft: 3, rng: &rng)
        firstHorizontal = MaskedConv2D(inputChannels: 1, outputChannels: channels, kernelSize: 7, type: .a, rng: &rng)
        self.layers = (0..<layers).map { _ in GatedPixelCNNLayer(channels: channels, classCount: classCount, rng: &rng) }
        head = Conv2D(inputChannels: channels, outputChannels: channels, kernelSize: 1, activation: relu, rng: &rng)
        output = Conv2D(inputChannels: channels, outputChannels: 1, kernelSize: 1, rng: &rng)
        pixelBiases = Embedding(weight: Tensor(zeros: [classCount + 1, height * width]))
        self.classCount = classCount
        (self.height, self.width) = (height, width)
        (canvasHeight, canvasWidth) = (height, width)
    }

    /// The same weights, reading inputs as `height × width` images.
    public func resized(height: Int, width: Int) -> PixelCNN {
        var result = self
        (result.height, result.width, result.firstRow) = (height, width, 0)
        return result
    }

    /// The label that means "no class": the model of the images alone, `p(x | ∅)`.
    public var unconditionalLabel: Int { classCount }

    /// The same weights, conditioned on one class per input row: the model of `p(x | labels[b])`,
    /// with the label `unconditionalLabel` giving `p(x | ∅)`. Differentiable, so that a model
    /// built on it (`GuidedPixelCNN`) passes gradients to the shared weights.
    @differentiable(reverse)
    public func conditioned(on labels: [Int]) -> PixelCNN {
        precondition(classCount > 0, "PixelCNN.conditioned(on:): the model has no classes")
        precondition(labels.allSatisfy { (0...classCount).contains($0) },
                     "PixelCNN.conditioned(on:): labels \(labels) must lie in 0...\(classCount)")
        var result = self
        result.labels = labels
        return result
    }

    /// The same weights sampled with classifier-free guidance at scale `scale` towards `labels`
    /// (one class per row): the logits `l_∅ + scale (l_y - l_∅)`; see `GuidedPixelCNN`.
    public func guided(on labels: [Int], scale: Double) -> GuidedPixelCNN {
        GuidedPixelCNN(model: self, labels: labels, scale: scale)
    }

    /// Logits `[batch, height * width]` for inputs `[batch, height * width]`.
    @differentiable(reverse)
    public func callAsFunction(_ input: Tensor) -> Tensor {
        let batch = withoutDerivative(at: input.shape[0])
        precondition(classCount == 0 || labels.count == batch,
                     "PixelCNN: \(labels.count) labels for a batch of \(batch); call conditioned(on:) first")
        let rows = withoutDerivative(at: classCount == 0 ? [Int](repeating: unconditionalLabel, count: batch) : labels)
        let image = input.reshaped(to: [batch, 1, height, width])
        var stacks = GatedStacks(vertical: firstVertical(image), horizontal: firstHorizontal(image))
        for index in 0..<withoutDerivative(at: layers.count) {
            stacks = layers[index](stacks, labels: rows)
        }
        let logits = output(head(stacks.horizontal)).reshaped(to: [batch, height * width])
        guard withoutDerivative(at: width == canvasWidth && firstRow + height <= canvasHeight) else { return logits }
        let biases = pixelBiases(rows).reshaped(to: [batch, canvasHeight, canvasWidth])
            .sliced(alongAxis: 1, range: firstRow..<(firstRow + height))
        return logits + biases.reshaped(to: [batch, height * width])
    }

    /// The rows above a pixel that its logit can depend on: 3 for the first layer, one per gated layer.
    public var receptiveRows: Int { 3 + layers.count }

    /// `p(x_pixel = 1 | x_<pixel)` of each row of `x` `[count, height * width]`: the sigmoid of
    /// `pixelLogits(x, pixel:)`.
    public func pixelProbabilities(_ x: Tensor, pixel: Int) -> [Float] {
        pixelLogits(x, pixel: pixel).map { 1 / (1 + Foundation.exp(-$0)) }
    }

    /// The logit of pixel `pixel` of each row of `x` `[count, height * width]`, computed on the
    /// `receptiveRows + 1` image rows that end at the pixel's row only: the same values as the full
    /// pass, since the masks let nothing below the row or beyond the receptive field in, at a
    /// fraction of its cost when sampling.
    func pixelLogits(_ x: Tensor, pixel: Int) -> [Float] {
        let (count, row, column) = (x.shape[0], pixel / width, pixel % width)
        let top = Swift.max(0, row - receptiveRows)
        let window = x.reshaped(to: [count, height, width]).sliced(alongAxis: 1, range: top..<(row + 1))
        var cropped = resized(height: row + 1 - top, width: width)
        cropped.firstRow = top
        let logits = cropped(window.reshaped(to: [count, (row + 1 - top) * width])).scalars
        let local = (row - top) * width + column, croppedDimension = (row + 1 - top) * width
        return (0..<count).map { logits[$0 * croppedDimension + local] }
    }

    /// `-log p(x_n | labels[n])` of every row of `images` `[count, D]`, in nats, `batchSize` rows at
    /// a time; with `guidanceScale` other than 1, `-log p_w(x_n | labels[n])` of the guided model
    /// (`guided(on:scale:)`, labels then in `0..<classCount`).
    public func negativeLogLikelihoods(_ images: Tensor, labels: [Int], guidanceScale: Double = 1,
                                       batchSize: Int = 500) -> [Double] {
        precondition(labels.count == images.shape[0], "PixelCNN: \(labels.count) labels for \(images.shape[0]) images")
        var values: [Double] = []
        for start in stride(from: 0, to: labels.count, by: batchSize) {
            let rows = start..<Swift.min(start + batchSize, labels.count)
            let batch = images.sliced(alongAxis: 0, range: rows)
            let logLikelihood = guidanceScale == 1 ? conditioned(on: Array(labels[rows])).logLikelihood(batch)
                : guided(on: Array(labels[rows]), scale: guidanceScale).logLikelihood(batch)
            values += (-logLikelihood).scalars.map(Double.init)
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

    /// The mean negative log-likelihood of `batch` and its gradient (see `AutoregressiveModel`).
    public func negativeLogLikelihoodWithGradient(_ batch: Tensor) -> (value: Tensor, gradient: TangentVector) {
        valueWithGradient(at: self) { model in -bernoulliLogLikelihood(batch, logits: model(batch)).mean() }
    }
}
