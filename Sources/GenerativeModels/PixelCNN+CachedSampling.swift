import Foundation
import NeuralNetworks

/// Sampling a `PixelCNN` with its activations cached (Ramachandran et al., "Fast generation for
/// convolutional autoregressive models", 2017), in the raster order of the network.
///
/// A full pass per pixel recomputes every feature of the image, yet a new pixel changes few of
/// them. In a gated PixelCNN the **vertical** stack at row `r` depends only on the rows above, so it
/// is computed once per row, when row `r - 1` is complete: one row of each layer's `2 × 3`
/// convolution, from the cached rows `r - 1` and `r` of the layer below. The **horizontal** stack at
/// `(r, c)` depends on the same position of the layer below, its left neighbour, and the vertical
/// stack's row: one position of each layer per pixel, with the `1 × 2` and `1 × 1` convolutions as
/// matrix products over the batch. A whole image then costs the arithmetic of one full pass, each
/// layer at each position once, in `D` sequential steps instead of `D` passes. The logits are those of the full pass up to the order
/// of floating-point sums.
struct CachedPixelCNNPass {
    /// The network, conditioned on `labels` (one per row of the batch).
    let model: PixelCNN
    /// The class of each row, in `0...classCount`.
    let labels: [Int]
    /// Per layer: the `1 × 2` window's taps on the left neighbour and on the pixel, `[2C, C]` each,
    /// and the class bias of each row, `[B, 2C]`.
    private let leftTaps: [Tensor], centreTaps: [Tensor], conditions: [Tensor]
    /// The first horizontal layer's masked `k × k` filters, `[C, k²]`.
    private let firstFilters: Tensor
    /// The pixel biases of each row, `[B, H * W]`, when the image has the canvas's width.
    private let pixelBiases: [Float]?

    /// The image being built, row by row of the batch: `[B, H * W]` as a flat array.
    private(set) var pixels: [Float]
    /// Per layer `0...L`, the vertical stack's row above the current one, `[B, C, 1, W]` (empty at row 0).
    private var rowsAbove: [Tensor] = []
    /// Per gated layer, the vertical-to-horizontal term of the current row, split into columns `[B, 2C]`.
    private var verticalToHorizontal: [[Tensor]] = []
    /// Per layer `0...L`, the horizontal stack at the previous column of the current row, `[B, C]`.
    private var leftNeighbours: [Tensor] = []

    /// Prepares a pass over `count` images of `model`'s size, conditioned on `labels`
    /// (`count` values in `0...classCount`, or empty for an unconditional model).
    init(model: PixelCNN, labels: [Int], count: Int) {
        self.model = model
        let labels = labels.isEmpty ? Array(repeating: model.unconditionalLabel, count: count) : labels
        self.labels = labels
        let channels = model.head.weight.shape[0]
        leftTaps = model.layers.map { $0.horizontal.weight.sliced(alongAxis: 3, range: 0..<1).reshaped(to: [2 * channels, channels]) }
        centreTaps = model.layers.map { $0.horizontal.weight.sliced(alongAxis: 3, range: 1..<2).reshaped(to: [2 * channels, channels]) }
        conditions = model.layers.map { $0.classBias(labels) }
        firstFilters = (model.firstHorizontal.weight * model.firstHorizontal.mask).reshaped(to: [channels, -1])
        pixelBiases = model.width == model.canvasWidth && model.height <= model.canvasHeight
            ? model.pixelBiases(labels).sliced(alongAxis: 1, range: 0..<(model.height * model.width)).scalars : nil
        pixels = Array(repeating: 0, count: count * model.height * model.width)
    }

    /// The number of images in the batch.
    var count: Int { labels.count }

    /// Computes the vertical stack of row `row` for every layer from the finished rows above it:
    /// each layer's window convolved at that row only.
    mutating func startRow(_ row: Int) {
        let (width, height) = (model.width, model.height)
        let first = model.firstVertical, firstRows = first.weight.shape[2]
        var windowPixels = [Float](repeating: 0, count: count * firstRows * width)
        for image in 0..<count {
            for offset in 0..<firstRows where row - first.rowsAbove + offset >= 0 {
                let source = (image * height + row - first.rowsAbove + offset) * width
                for column in 0..<width { windowPixels[(image * firstRows + offset) * width + column] = pixels[source + column] }
            }
        }
        var below = convolvedRow(first, window: Tensor(shape: [count, 1, firstRows, width], scalars: windowPixels))
        var rows = [below]
        verticalToHorizontal = []
        for (index, layer) in model.layers.enumerated() {
            let above = row == 0 ? Tensor(zeros: below.shape) : rowsAbove[index]
            let preActivation = convolvedRow(layer.vertical, window: Tensor(concatenating: [above, below], alongAxis: 2))
            verticalToHorizontal.append(columns(of: layer.verticalToHorizontal(preActivation)))
            below = gatedActivation(preActivation + conditions[index].reshaped(to: [count, -1, 1, 1]))
            rows.append(below)
        }
        rowsAbove = rows
        let channels = model.head.weight.shape[0]
        leftNeighbours = Array(repeating: Tensor(zeros: [count, channels]), count: model.layers.count + 1)
    }

    /// One output row of `layer`, whose window lies on the rows above (and on) the output row,
    /// from exactly the rows of its window, `[B, C, kernelHeight, W]` (zeros above the image):
    /// `[B, O, 1, W]`, the layer's arithmetic at that row and no other.
    private func convolvedRow(_ layer: OffsetConv2D, window: Tensor) -> Tensor {
        let kernelWidth = layer.weight.shape[3]
        let padding = ConvolutionPadding(top: 0, bottom: 0, left: layer.columnsLeft, right: kernelWidth - 1 - layer.columnsLeft)
        return layer.activation(conv2D(window, filter: layer.weight, bias: layer.bias, padding: padding))
    }

    /// The logit of pixel `(row, column)` of every image, `[B]`, from the pixels before it;
    /// `startRow(row)` must have run, and the columns of the row must come in order.
    mutating func logits(row: Int, column: Int) -> [Float] {
        var horizontal = model.firstHorizontal.activation(matmul(patches(row: row, column: column), firstFilters, transposeB: true)
                                                          + model.firstHorizontal.bias)
        var next = [horizontal]
        for (index, layer) in model.layers.enumerated() {
            let window = layer.horizontal.activation(matmul(leftNeighbours[index], leftTaps[index], transposeB: true)
                + matmul(horizontal, centreTaps[index], transposeB: true) + layer.horizontal.bias)
            let preActivation = window + verticalToHorizontal[index][column] + conditions[index]
            let gate = gatedActivation(preActivation.reshaped(to: [count, -1, 1, 1])).reshaped(to: [count, -1])
            let output = layer.horizontalOutput
            horizontal = horizontal + output.activation(matmul(gate, output.weight.reshaped(to: [-1, gate.shape[1]]), transposeB: true)
                                                        + output.bias)
            next.append(horizontal)
        }
        leftNeighbours = next
        let head = model.head.activation(matmul(horizontal, model.head.weight.reshaped(to: [-1, horizontal.shape[1]]), transposeB: true)
                                         + model.head.bias)
        let logits = model.output.activation(matmul(head, model.output.weight.reshaped(to: [1, -1]), transposeB: true)
                                             + model.output.bias).scalars
        guard let pixelBiases else { return logits }
        let (dimension, pixel) = (model.height * model.width, row * model.width + column)
        return (0..<count).map { logits[$0] + pixelBiases[$0 * dimension + pixel] }
    }

    /// Sets pixel `(row, column)` of every image to `values`, whose count divides the batch's: image `i`
    /// gets `values[i % values.count]` (a guided pass holds its images twice, once per label).
    mutating func setPixel(row: Int, column: Int, to values: [Float]) {
        precondition(!values.isEmpty && count % values.count == 0, "setPixel: \(values.count) values for \(count) images")
        let dimension = model.height * model.width
        for image in 0..<count { pixels[image * dimension + row * model.width + column] = values[image % values.count] }
    }

    /// The `k × k` windows of the first layer around `(row, column)`, zero outside the image,
    /// `[B, k²]` (only their rows up to the pixel's are filled: the mask zeroes the rest, and the
    /// taps at and after the pixel, whatever they hold).
    private func patches(row: Int, column: Int) -> Tensor {
        let (width, height) = (model.width, model.height)
        let size = model.firstHorizontal.weight.shape[2], half = size / 2, area = size * size
        var values = [Float](repeating: 0, count: count * area)
        for image in 0..<count {
            for a in 0...half where row - half + a >= 0 {
                for b in 0..<size where (0..<width).contains(column - half + b) {
                    values[image * area + a * size + b] = pixels[(image * height + row - half + a) * width + column - half + b]
                }
            }
        }
        return Tensor(shape: [count, area], scalars: values)
    }

    /// The `W` columns of a row `[B, K, 1, W]`, each `[B, K]`.
    private func columns(of row: Tensor) -> [Tensor] {
        let (count, channels, width) = (row.shape[0], row.shape[1], row.shape[3])
        let scalars = row.scalars
        return (0..<width).map { column in
            Tensor(shape: [count, channels], scalars: (0..<(count * channels)).map { scalars[$0 * width + column] })
        }
    }
}

extension PixelCNN {
    /// Samples `pixels` (a tail of `ordering`) of each row of `x` `[count, D]` in raster order,
    /// pixel `i` of row `b` becoming 1 exactly when `uniforms[b, i] < σ(l_i)`; other pixels stay as
    /// they are. The same rule as `AutoregressiveModel`'s sampler, computed with cached
    /// activations (`CachedPixelCNNPass`): about one pass of arithmetic per image.
    public func completing<Pixels: Sequence<Int>>(_ x: Tensor, pixels: Pixels, uniforms: Tensor) -> Tensor {
        cachedCompleting(x, pixels: pixels, uniforms: uniforms, labels: labels) { logits in
            logits.map { 1 / (1 + Foundation.exp(-$0)) }
        }
    }

    /// The cached sampler behind `completing`, for `labels` (one per row of the pass) and a map
    /// from the pass's logits to each row of `x`'s probability of a 1.
    func cachedCompleting<Pixels: Sequence<Int>>(_ x: Tensor, pixels: Pixels, uniforms: Tensor, labels: [Int],
                                                 probabilities: ([Float]) -> [Float]) -> Tensor {
        let (count, dimension) = (x.shape[0], height * width)
        precondition(x.shape == [count, dimension] && uniforms.shape == x.shape,
                     "completing: x \(x.shape) and uniforms \(uniforms.shape) must both be [count, \(dimension)]")
        precondition(labels.isEmpty ? classCount == 0 : count > 0 && labels.count % count == 0,
                     "completing: \(labels.count) labels for \(count) images; call conditioned(on:) first")
        let copies = labels.isEmpty ? 1 : labels.count / count
        var pass = CachedPixelCNNPass(model: self, labels: labels, count: count * copies)
        let (known, u) = (x.scalars, uniforms.scalars)
        var position = 0
        for target in pixels {
            precondition(target >= position && target < dimension, "completing: pixel \(target) is not next in raster order")
            while position <= target {
                let (row, column) = (position / width, position % width)
                if column == 0 { pass.startRow(row) }
                let values: [Float]
                if position == target {
                    let p = probabilities(pass.logits(row: row, column: column))
                    values = (0..<count).map { u[$0 * dimension + position] < p[$0] ? 1 : 0 }
                } else {
                    _ = pass.logits(row: row, column: column)
                    values = (0..<count).map { known[$0 * dimension + position] }
                }
                pass.setPixel(row: row, column: column, to: values)
                position += 1
            }
        }
        var result = known
        let drawn = pass.pixels
        for image in 0..<count {
            for pixel in 0..<position { result[image * dimension + pixel] = drawn[image * dimension + pixel] }
        }
        return Tensor(shape: x.shape, scalars: result)
    }
}
