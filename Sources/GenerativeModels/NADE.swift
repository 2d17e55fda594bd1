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
