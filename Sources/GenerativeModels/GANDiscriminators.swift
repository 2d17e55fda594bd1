import NeuralNetworks

/// A GAN discriminator: a layer that maps a batch `[batch, features]` to one logit per example,
/// `[batch, 1]`, with a hook that the training step calls before each discriminator update.
public protocol GANDiscriminator: Layer {
    /// Prepares the layer for one training step (spectral normalisation refines its singular
    /// vectors here); a plain discriminator does nothing.
    mutating func prepareForTrainingStep()
}

/// A multilayer-perceptron discriminator with leaky-ReLU hidden layers (slope 0.2).
public struct MLPDiscriminator: GANDiscriminator {
    /// The layers, `layerSizes[0]` inputs to one logit.
    public var network: Sequential<Dense>

    /// Creates the network `layerSizes[0] -> ... -> 1`; `hiddenSizes` are the widths in between.
    public init(inputSize: Int, hiddenSizes: [Int], rng: inout RandomGenerator) {
        network = Sequential(layerSizes: [inputSize] + hiddenSizes + [1],
                             activation: { leakyRelu($0, negativeSlope: 0.2) }, rng: &rng)
    }

    /// Returns the logits, `[batch, 1]`.
    @differentiable(reverse)
    public func callAsFunction(_ input: Tensor) -> Tensor { network(input) }

    public mutating func prepareForTrainingStep() {}
}

/// The same discriminator with every weight spectrally normalised (Miyato et al., 2018), which
/// bounds its Lipschitz constant by 1 (times the leaky ReLU's, also 1).
public struct SpectralNormMLPDiscriminator: GANDiscriminator {
    /// The spectrally normalised layers, `inputSize` inputs to one logit.
    public var network: Sequential<SpectralNormalizedDense>

    /// Creates the network `inputSize -> hiddenSizes... -> 1`.
    public init(inputSize: Int, hiddenSizes: [Int], rng: inout RandomGenerator) {
        network = Sequential(spectralNormalizedLayerSizes: [inputSize] + hiddenSizes + [1],
                             activation: { leakyRelu($0, negativeSlope: 0.2) }, rng: &rng)
    }

    /// Returns the logits, `[batch, 1]`.
    @differentiable(reverse)
    public func callAsFunction(_ input: Tensor) -> Tensor { network(input) }

    /// One step of power iteration in every layer.
    public mutating func prepareForTrainingStep() { network.updateSingularVectors() }

    /// The current estimate of each layer's largest singular value (before normalisation).
    public var spectralNormEstimates: [Float] { network.layers.map(\.spectralNormEstimate) }
}
