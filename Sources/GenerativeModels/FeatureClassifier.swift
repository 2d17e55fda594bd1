import NeuralNetworks

/// A small Fashion-MNIST classifier whose second hidden layer is a feature space for comparing
/// sets of images: `784 → 256 (ReLU) → 64 (ReLU, the features) → 10`.
///
/// Fréchet distance, precision and recall of generated images are computed on these 64 features
/// rather than on raw pixels, as the Fréchet inception distance uses an Inception network's.
public struct FeatureClassifier: Layer {
    public var hidden: Dense
    public var feature: Dense
    public var output: Dense

    /// A classifier with Glorot-initialised weights drawn from `rng`.
    public init(rng: inout RandomGenerator) {
        hidden = Dense(inputSize: 784, outputSize: 256, activation: relu, rng: &rng)
        feature = Dense(inputSize: 256, outputSize: 64, activation: relu, rng: &rng)
        output = Dense(inputSize: 64, outputSize: 10, rng: &rng)
    }

    /// The class logits of `input` `[batch, 784]`, `[batch, 10]`.
    @differentiable(reverse)
    public func callAsFunction(_ input: Tensor) -> Tensor {
        output(feature(hidden(input)))
    }

    /// The 64 features of `input` `[batch, 784]`, `[batch, 64]`.
    public func features(_ input: Tensor) -> Tensor {
        feature(hidden(input))
    }
}
