import NeuralNetworks

/// The neural autoregressive distribution estimator (Larochelle and Murray, "The neural
/// autoregressive distribution estimator", 2011), in raster order.
///
/// Every conditional has a hidden layer of its own, but all of them share one weight matrix `W`:
///
///     h_i = σ(c + Σ_(j < i) W_j x_j),     logit_i = b_i + V_i · h_i,
///
/// so that the pre-activations of all pixels are one running sum over the inputs (`O(D H)` per
/// image, not `O(D² H)`). Inputs `[batch, D]`, logits `[batch, D]`.
public struct NADE: AutoregressiveModel {
    /// `W`, the input-to-hidden weights shared by every conditional, `[D, hiddenSize]`.
    public var inputWeight: Tensor
    /// `c`, the hidden bias, `[hiddenSize]`.
    public var hiddenBias: Tensor
    /// `V`, one row of hidden-to-output weights per pixel, `[D, hiddenSize]`.
    public var outputWeight: Tensor
    /// `b`, the output bias per pixel, `[D]`.
    public var outputBias: Tensor

    /// The raster order `0..<D`.
    public var ordering: [Int] { Array(0..<outputBias.shape[0]) }

    /// Creates a NADE with Glorot-uniform weights drawn from `rng` and zero biases.
    public init(inputSize: Int, hiddenSize: Int, rng: inout RandomGenerator) {
        inputWeight = Tensor(glorotUniform: [inputSize, hiddenSize], fanIn: inputSize, fanOut: hiddenSize, using: &rng)
        outputWeight = Tensor(glorotUniform: [inputSize, hiddenSize], fanIn: hiddenSize, fanOut: 1, using: &rng)
        hiddenBias = Tensor(zeros: [hiddenSize])
        outputBias = Tensor(zeros: [inputSize])
    }

    /// Logits `[batch, D]` of `p(x_i = 1 | x_<i)` for inputs `[batch, D]`.
    @differentiable(reverse)
    public func callAsFunction(_ input: Tensor) -> Tensor {
        let contributions = input.expandingShape(at: 2) * inputWeight       // [batch, D, H]: x_j W_j
        let hidden = sigmoid(contributions.cumulativeSum(axis: 1, exclusive: true) + hiddenBias)
        return (hidden * outputWeight).sum(axis: 2) + outputBias
    }

    /// The mean negative log-likelihood of `batch` and its gradient (see `AutoregressiveModel`).
    public func negativeLogLikelihoodWithGradient(_ batch: Tensor) -> (value: Tensor, gradient: TangentVector) {
        valueWithGradient(at: self) { model in -bernoulliLogLikelihood(batch, logits: model(batch)).mean() }
    }
}

extension NADE {
    /// Samples `pixels` as `completingByFullPasses` does, from the same uniforms, with
    /// `NADEConditionals`: the running sum of the definition, `O(H)` per pixel and row.
    public func completing<Pixels: Sequence<Int>>(_ x: Tensor, pixels: Pixels, uniforms: Tensor) -> Tensor {
        completing(x, pixels: pixels, uniforms: uniforms) { NADEConditionals(self, given: $0, from: $1) }
    }
}

/// A NADE's conditionals one pixel at a time (see `IncrementalConditionals`): the hidden
/// pre-activation `a = c + Σ_(j < t) W_j x_j` is kept, the logit of pixel `t` is
/// `b_t + V_t · σ(a)`, and fixing pixel `t` adds `x_t W_t` to `a`. Counted as matrix products, a row
/// costs `2H` for each logit and `2H` for each update: `4DH` for a whole image, the arithmetic of
/// one pass (which the library computes with element-wise products and a cumulative sum, uncounted).
public struct NADEConditionals: IncrementalConditionals {
    public private(set) var position: Int
    private let model: NADE
    /// `a`, `[count, H]`.
    private var preactivation: Tensor

    /// The conditionals of `model` for the rows of `x` `[count, D]`, with the pixels `..<position` known.
    public init(_ model: NADE, given x: Tensor, from position: Int) {
        let dimension = model.outputBias.shape[0]
        precondition(x.rank == 2 && x.shape[1] == dimension && (0...dimension).contains(position),
                     "NADEConditionals: x \(x.shape) for \(dimension) pixels, position \(position)")
        self.model = model
        self.position = position
        preactivation = affine(x.sliced(alongAxis: 1, range: 0..<position), model.inputWeight.sliced(alongAxis: 0, range: 0..<position),
                               model.hiddenBias)
    }

    /// `b_t + V_t · σ(a)` for `t = position`.
    public func logits() -> Tensor {
        let pixel = position..<(position + 1)
        return affine(sigmoid(preactivation), model.outputWeight.sliced(alongAxis: 0, range: pixel).transposed(),
                      model.outputBias.sliced(alongAxis: 0, range: pixel)).reshaped(to: [preactivation.shape[0]])
    }

    /// Adds `x_t W_t` to `a` and moves to `t + 1`.
    public mutating func fix(_ values: Tensor) {
        let count = preactivation.shape[0]
        precondition(values.shape == [count], "NADEConditionals.fix: values \(values.shape) for \(count) rows")
        preactivation = preactivation
            + matmul(values.reshaped(to: [count, 1]), model.inputWeight.sliced(alongAxis: 0, range: position..<(position + 1)))
        position += 1
    }
}
