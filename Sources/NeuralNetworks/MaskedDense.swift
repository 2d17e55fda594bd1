/// A fully connected layer with some weights held at zero: `activation(input • (weight ⊙ mask) + bias)`.
///
/// `input` `[batch, inputSize]` gives `[batch, outputSize]`. The mask (`[inputSize, outputSize]`,
/// zeros and ones) is configuration, not a parameter: masked weights get a zero gradient and never
/// matter. MADE builds its masks with `AutoregressiveMasks`.
public struct MaskedDense: Layer {
    /// The weight matrix, `[inputSize, outputSize]`; only entries where `mask` is 1 are used.
    public var weight: Tensor
    /// The bias, `[outputSize]`.
    public var bias: Tensor
    /// Which weights exist, `[inputSize, outputSize]`; replaceable to change the ordering.
    @noDerivative public var mask: Tensor
    /// The activation applied to the affine map.
    @noDerivative public let activation: Activation

    /// Creates a layer with Glorot-uniform weights drawn from `rng`, a zero bias and `mask`.
    public init(mask: Tensor, activation: @escaping Activation = identity, rng: inout RandomGenerator) {
        precondition(mask.rank == 2, "MaskedDense: mask shape \(mask.shape) is not [inputSize, outputSize]")
        let (inputSize, outputSize) = (mask.shape[0], mask.shape[1])
        weight = Tensor(glorotUniform: [inputSize, outputSize], fanIn: inputSize, fanOut: outputSize, using: &rng)
        bias = Tensor(zeros: [outputSize])
        self.mask = mask
        self.activation = activation
    }

    /// Returns `activation(input • (weight ⊙ mask) + bias)`.
    @differentiable(reverse)
    public func callAsFunction(_ input: Tensor) -> Tensor {
        activation(affine(input, weight * mask, bias))
    }
}
