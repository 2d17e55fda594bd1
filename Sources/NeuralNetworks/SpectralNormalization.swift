import Foundation

/// A fully connected layer whose weight is divided by an estimate of its largest singular value:
/// `activation(input • (W / σ(W)) + bias)`.
///
/// Spectral normalisation (Miyato et al., "Spectral normalization for generative adversarial
/// networks", 2018) keeps each layer 1-Lipschitz, so a discriminator built from such layers cannot
/// grow arbitrarily steep. `σ(W)` is estimated by power iteration with a persistent left vector
/// `u` (`[inputSize]`): one iteration per training step,
///
/// `v = normalize(uᵀ W)`, `u = normalize(W v)`, `σ(W) ≈ uᵀ W v`.
///
/// `u` and `v` are held constant when differentiating (as in the paper), so the gradient of `σ`
/// with respect to `W` is `u vᵀ` and no second derivatives are needed. Call
/// `updateSingularVectors()` once before each training step of the layer.
///
/// `input` `[batch, inputSize]` gives `[batch, outputSize]`.
public struct SpectralNormalizedDense: Layer {
    /// The unnormalised weight matrix, `[inputSize, outputSize]`.
    public var weight: Tensor
    /// The bias, `[outputSize]`.
    public var bias: Tensor
    /// The power iteration's estimate of the top left singular vector, `[inputSize]`, unit length.
    @noDerivative public var leftSingularVector: Tensor
    /// The activation applied to the affine map.
    @noDerivative public let activation: Activation

    /// Creates a layer with the given parameters and a random unit starting vector drawn from `rng`.
    public init(weight: Tensor, bias: Tensor, activation: @escaping Activation = identity,
                rng: inout RandomGenerator) {
        precondition(weight.rank == 2 && bias.shape == [weight.shape[1]],
                     "SpectralNormalizedDense: weight \(weight.shape) and bias \(bias.shape) do not fit")
        self.weight = weight
        self.bias = bias
        self.activation = activation
        leftSingularVector = normalizedVector(Tensor(randomNormal: [weight.shape[0]], using: &rng))
    }

    /// Creates a layer with Glorot-uniform weights drawn from `rng` and a zero bias.
    public init(inputSize: Int, outputSize: Int, activation: @escaping Activation = identity,
                rng: inout RandomGenerator) {
        let weight = Tensor(glorotUniform: [inputSize, outputSize], fanIn: inputSize, fanOut: outputSize, using: &rng)
        self.init(weight: weight, bias: Tensor(zeros: [outputSize]), activation: activation, rng: &rng)
    }

    /// Runs `iterations` steps of power iteration on `weight`, refining `leftSingularVector`.
    public mutating func updateSingularVectors(iterations: Int = 1) {
        for _ in 0..<iterations {
            let right = rightSingularVector
            leftSingularVector = normalizedVector(matmul(weight, right.reshaped(to: [right.scalarCount, 1])))
        }
    }

    /// `v = normalize(uᵀ W)`, `[outputSize]`.
    public var rightSingularVector: Tensor {
        let u = leftSingularVector.reshaped(to: [1, leftSingularVector.scalarCount])
        return normalizedVector(matmul(u, weight))
    }

    /// The current estimate `σ(W) ≈ uᵀ W v` of the largest singular value of `weight`.
    public var spectralNormEstimate: Float { spectralNorm(of: weight).scalar }

    /// `uᵀ W v`, differentiable in `W` with `u` and `v` held constant; a scalar tensor. The product
    /// `uᵀ W` is formed once and gives both `v = normalize(uᵀ W)` and the estimate.
    @differentiable(reverse)
    func spectralNorm(of weight: Tensor) -> Tensor {
        let u = withoutDerivative(at: leftSingularVector)
        let row = matmul(u.reshaped(to: [1, u.scalarCount]), weight)
        let v = withoutDerivative(at: normalizedVector(withoutDerivative(at: row)))
        return (row * v.reshaped(to: [1, v.scalarCount])).sum()
    }

    /// Returns `activation(input • (W / σ(W)) + bias)`.
    @differentiable(reverse)
    public func callAsFunction(_ input: Tensor) -> Tensor {
        activation(affine(input, weight / spectralNorm(of: weight), bias))
    }
}

/// `x / ‖x‖` flattened to a vector; a zero vector stays zero.
private func normalizedVector(_ x: Tensor) -> Tensor {
    let scalars = x.scalars
    let norm = scalars.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
    return Tensor(shape: [scalars.count], scalars: norm > 0 ? scalars.map { $0 / norm } : scalars)
}

extension Sequential where Element == SpectralNormalizedDense {
    /// A multilayer perceptron of spectrally normalised layers between consecutive `layerSizes`,
    /// with `activation` after each hidden layer and `outputActivation` after the last.
    public init(spectralNormalizedLayerSizes layerSizes: [Int], activation: @escaping Activation,
                outputActivation: @escaping Activation = identity, rng: inout RandomGenerator) {
        precondition(layerSizes.count >= 2,
                     "Sequential(spectralNormalizedLayerSizes:): need at least two sizes, got \(layerSizes)")
        var layers: [SpectralNormalizedDense] = []
        for index in 0..<(layerSizes.count - 1) {
            let isLast = index == layerSizes.count - 2
            layers.append(SpectralNormalizedDense(inputSize: layerSizes[index], outputSize: layerSizes[index + 1],
                                                  activation: isLast ? outputActivation : activation, rng: &rng))
        }
        self.init(layers)
    }

    /// Runs one step of power iteration in every layer; call once before each training step.
    public mutating func updateSingularVectors(iterations: Int = 1) {
        for index in layers.indices {
            layers[index].updateSingularVectors(iterations: iterations)
        }
    }
}
