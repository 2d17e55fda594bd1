import NeuralNetworks

extension MADE {
    /// Samples `pixels` as `completingByFullPasses` does, from the same uniforms, with
    /// `MADEConditionals`: `D` steps whose arithmetic together is that of one network pass.
    public func completing<Pixels: Sequence<Int>>(_ x: Tensor, pixels: Pixels, uniforms: Tensor) -> Tensor {
        completing(x, pixels: pixels, uniforms: uniforms) { MADEConditionals(self, given: $0, from: $1) }
    }
}

/// A MADE's conditionals one pixel at a time (see `IncrementalConditionals`), each unit of the
/// network computed once, as soon as every input its mask lets in is known.
///
/// A unit's **ready step** is when that happens: `t + 1` for the pixel at place `t` of the
/// ordering, and for a hidden unit the largest ready step among the units of the layer below that
/// its mask connects (0 when none). Once pixel `ordering[t]` is fixed, the units of ready step
/// `t + 1` are computed, layer by layer, from the values below them; the logit of pixel
/// `ordering[t]` reads the last hidden layer, whose units it connects to all have ready steps at
/// most `t` (the masks guarantee it; `init` checks it). Each unit is computed once and each logit
/// once, from the full (masked) rows of weights, so the `D` steps together count exactly the
/// operations of one pass, `Σ 2 · in · out` per image, against `D` passes for the definition.
///
/// The hidden units are kept sorted by ready step, so that the units of one step are a contiguous
/// block: one matrix product per layer and step. Units not yet computed hold 0, and their weights
/// into any unit computed before them are masked to 0.
public struct MADEConditionals: IncrementalConditionals {
    public private(set) var position: Int
    private let ordering: [Int]
    private let activations: [Activation]
    /// Per layer, the masked weights `[out, in]`: hidden layers' rows sorted by ready step, and
    /// columns in the order the layer below is kept (the pixels' own order for the first layer).
    private let weights: [Tensor]
    /// Per layer, the biases in the order of the rows of `weights`.
    private let biases: [Tensor]
    /// Per hidden layer, `first[r]`: the first kept unit of ready step `r` (`r` in `0...D + 1`).
    private let first: [[Int]]
    /// The pixels `[count, D]` (those from `ordering[position]` on are masked out wherever they are used).
    private var pixels: Tensor
    /// Per hidden layer, its values `[count, size]` in the kept order; 0 where not computed yet.
    private var hidden: [Tensor]

    /// The conditionals of `model` for the rows of `x` `[count, D]`, with `ordering[..<position]` known.
    public init(_ model: MADE, given x: Tensor, from position: Int) {
        let dimension = model.ordering.count
        precondition(x.rank == 2 && x.shape[1] == dimension && (0...dimension).contains(position),
                     "MADEConditionals: x \(x.shape) for \(dimension) pixels, position \(position)")
        var pixelReady = [Int](repeating: 0, count: dimension)
        for (place, pixel) in model.ordering.enumerated() { pixelReady[pixel] = place + 1 }
        var ready = pixelReady   // the ready steps of the layer below, by unit
        var kept = Array(0..<dimension)   // the order in which the layer below is kept
        var (weights, biases, first, activations): ([Tensor], [Tensor], [[Int]], [Activation]) = ([], [], [], [])
        for (index, layer) in model.network.layers.enumerated() {
            let masked = (layer.weight * layer.mask).gathering(rows: kept).transposed()   // [out, in (kept order)]
            let mask = layer.mask.gathering(rows: kept).transposed().scalars
            let (outputs, inputs) = (masked.shape[0], masked.shape[1])
            let unitReady = (0..<outputs).map { unit in
                (0..<inputs).reduce(0) { mask[unit * inputs + $1] != 0 ? Swift.max($0, ready[kept[$1]]) : $0 }
            }
            activations.append(layer.activation)
            if index == model.network.layers.count - 1 {
                for pixel in 0..<dimension {
                    precondition(unitReady[pixel] < pixelReady[pixel], "MADEConditionals: the logit of pixel \(pixel) "
                                 + "(step \(pixelReady[pixel] - 1)) sees a unit of ready step \(unitReady[pixel])")
                }
                weights.append(masked)
                biases.append(layer.bias)
            } else {
                let order = (0..<outputs).sorted { (unitReady[$0], $0) < (unitReady[$1], $1) }
                weights.append(masked.gathering(rows: order))
                biases.append(layer.bias.gathering(rows: order))
                first.append((0...(dimension + 1)).map { step in order.firstIndex { unitReady[$0] >= step } ?? outputs })
                ready = unitReady
                kept = order
            }
        }
        (self.weights, self.biases, self.first, self.activations) = (weights, biases, first, activations)
        ordering = model.ordering
        pixels = x
        hidden = weights.dropLast().map { Tensor(zeros: [x.shape[0], $0.shape[0]]) }
        self.position = position
        computeUnits(readyFrom: 0, through: position)
    }

    /// The logit of pixel `ordering[position]`: its row of the output layer on the last hidden
    /// layer (on the pixels, for an FVSBN).
    public func logits() -> Tensor {
        let pixel = ordering[position], last = weights.count - 1
        let below = hidden.last ?? pixels
        let row = weights[last].sliced(alongAxis: 0, range: pixel..<(pixel + 1))
        return activations[last](matmul(below, row, transposeB: true) + biases[last].sliced(alongAxis: 0, range: pixel..<(pixel + 1)))
            .reshaped(to: [below.shape[0]])
    }

    /// Sets pixel `ordering[position]` and computes the hidden units it was the last input of.
    public mutating func fix(_ values: Tensor) {
        let (count, dimension, pixel) = (pixels.shape[0], pixels.shape[1], ordering[position])
        precondition(values.shape == [count], "MADEConditionals.fix: values \(values.shape) for \(count) rows")
        let scalars = values.scalars
        pixels.withUnsafeMutableBufferPointer { buffer in
            for row in 0..<count { buffer[row * dimension + pixel] = scalars[row] }
        }
        position += 1
        computeUnits(readyFrom: position, through: position)
    }

    /// Computes, layer by layer, the hidden units whose ready step lies in `lowest...highest`.
    private mutating func computeUnits(readyFrom lowest: Int, through highest: Int) {
        for layer in hidden.indices {
            let units = first[layer][lowest]..<first[layer][highest + 1]
            guard !units.isEmpty else { continue }
            let below = layer == 0 ? pixels : hidden[layer - 1]
            let values = activations[layer](matmul(below, weights[layer].sliced(alongAxis: 0, range: units), transposeB: true)
                                             + biases[layer].sliced(alongAxis: 0, range: units)).scalars
            let (count, width) = (below.shape[0], hidden[layer].shape[1])
            hidden[layer].withUnsafeMutableBufferPointer { buffer in
                for row in 0..<count {
                    for (offset, unit) in units.enumerated() { buffer[row * width + unit] = values[row * units.count + offset] }
                }
            }
        }
    }
}
