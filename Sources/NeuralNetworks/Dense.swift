/// A fully connected layer: `activation(input • weight + bias)`.
///
/// `input` `[batch, inputSize]` gives `[batch, outputSize]`. The weight is drawn with Glorot
/// uniform initialisation (PyTorch's `nn.Linear` draws `U(-1/sqrt(inputSize), 1/sqrt(inputSize))`),
/// the bias starts at zero.
public struct Dense: Layer {
    /// The weight matrix, `[inputSize, outputSize]`.
    public var weight: Tensor
    /// The bias, `[outputSize]`.
    public var bias: Tensor
    /// The activation applied to the affine map.
    @noDerivative public let activation: Activation

    /// Creates a layer with the given parameters.
    public init(weight: Tensor, bias: Tensor, activation: @escaping Activation = identity) {
        precondition(weight.rank == 2 && bias.shape == [weight.shape[1]],
                     "Dense: weight \(weight.shape) and bias \(bias.shape) do not fit")
        self.weight = weight
        self.bias = bias
        self.activation = activation
    }

    /// Creates a layer with Glorot-uniform weights drawn from `rng` and a zero bias.
    public init(inputSize: Int, outputSize: Int, activation: @escaping Activation = identity,
                rng: inout RandomGenerator) {
        self.init(weight: Tensor(glorotUniform: [inputSize, outputSize], fanIn: inputSize, fanOut: outputSize,
                                 using: &rng),
                  bias: Tensor(zeros: [outputSize]), activation: activation)
    }

    /// Returns `activation(input • weight + bias)`.
    @differentiable(reverse)
    public func callAsFunction(_ input: Tensor) -> Tensor {
        activation(affine(input, weight, bias))
    }
}

extension Sequential where Element == Dense {
    /// A multilayer perceptron: dense layers between consecutive `layerSizes`, with `activation`
    /// after each hidden layer and `outputActivation` after the last.
    ///
    /// `Sequential(layerSizes: [784, 512, 256, 20], activation: relu, rng: &rng)` has three layers.
    public init(layerSizes: [Int], activation: @escaping Activation, outputActivation: @escaping Activation = identity,
                rng: inout RandomGenerator) {
        precondition(layerSizes.count >= 2, "Sequential(layerSizes:): need at least two sizes, got \(layerSizes)")
        var layers: [Dense] = []
        for index in 0..<(layerSizes.count - 1) {
            let isLast = index == layerSizes.count - 2
            layers.append(Dense(inputSize: layerSizes[index], outputSize: layerSizes[index + 1],
                                activation: isLast ? outputActivation : activation, rng: &rng))
        }
        self.init(layers)
    }
}
