import NeuralNetworks

/// A deterministic auto-encoder `z = E(x)`, `x̂ = D(z)` trained to reconstruct its input
/// (Hinton and Salakhutdinov, "Reducing the dimensionality of data with neural networks", 2006).
///
/// The loss is the mean squared error `mean_ij (x_ij - D(E(x))_ij)²`. With no hidden layers both
/// maps are affine, and the minimiser's decoder spans the same subspace as the leading `latentSize`
/// principal components of the data (Baldi and Hornik, 1989); with hidden layers (ReLU) it is a
/// non-linear generalisation. Nothing in the loss says where the codes lie, so there is no
/// distribution to sample `z` from: it is not a generative model.
///
/// Inputs `[batch, inputSize]`, codes `[batch, latentSize]`.
public struct AutoEncoder: Differentiable {
    /// `E`: `inputSize -> hiddenSizes -> latentSize`, ReLU after each hidden layer, affine code.
    public var encoder: Sequential<Dense>
    /// `D`: `latentSize -> reversed(hiddenSizes) -> inputSize`, ReLU after each hidden layer, affine output.
    public var decoder: Sequential<Dense>
    /// The dimension of `z`.
    @noDerivative public let latentSize: Int

    /// Creates an auto-encoder with Glorot-uniform weights; `hiddenSizes: []` gives the linear one.
    public init(inputSize: Int, hiddenSizes: [Int], latentSize: Int, rng: inout RandomGenerator) {
        encoder = Sequential(layerSizes: [inputSize] + hiddenSizes + [latentSize], activation: relu, rng: &rng)
        decoder = Sequential(layerSizes: [latentSize] + hiddenSizes.reversed() + [inputSize], activation: relu, rng: &rng)
        self.latentSize = latentSize
    }

    /// The codes `E(x)`, `[batch, latentSize]`.
    public func encode(_ x: Tensor) -> Tensor { encoder(x) }

    /// The reconstructions `D(z)`, `[batch, inputSize]`, unclamped.
    public func decode(_ z: Tensor) -> Tensor { decoder(z) }

    /// The training loss, the mean squared reconstruction error per pixel.
    @differentiable(reverse, wrt: self)
    public func loss(_ x: Tensor) -> Tensor {
        meanSquaredError(predicted: decoder(encoder(x)), expected: x)
    }
}
