/// Layer normalization over the last axis (Ba, Kiros and Hinton, 2016):
/// `(x - mean(x)) / sqrt(variance(x) + ε) * weight + bias`, with mean and (biased) variance
/// over the last axis, of extent `featureCount`.
public struct LayerNorm: Layer {
    /// The per-feature gain, `[featureCount]`, initially 1.
    public var weight: Tensor
    /// The per-feature offset, `[featureCount]`, initially 0.
    public var bias: Tensor
    /// The `ε` added to the variance.
    @noDerivative public let epsilon: Float

    /// Creates the layer with unit gain and zero offset.
    public init(featureCount: Int, epsilon: Float = 1e-5) {
        weight = Tensor(ones: [featureCount])
        bias = Tensor(zeros: [featureCount])
        self.epsilon = epsilon
    }

    /// Normalizes each row along the last axis, then scales and shifts it.
    @differentiable(reverse)
    public func callAsFunction(_ input: Tensor) -> Tensor {
        let mean = input.mean(axis: -1, keepDims: true)
        let centered = input - mean
        let variance = (centered * centered).mean(axis: -1, keepDims: true)
        return centered / sqrt(variance + epsilon) * weight + bias
    }
}

/// Inverted dropout (Srivastava et al., 2014): in training, each element is zeroed with
/// probability `p` and the survivors are scaled by `1 / (1 - p)`, so the expected value is
/// unchanged; with `isTraining` false the input passes through.
///
/// The layer owns a random stream split from the generator it was created with; copies of the
/// layer share that stream (as PyTorch modules share the global one), so every call draws a new
/// mask and a seeded run repeats exactly.
public struct Dropout: Layer {
    /// The probability `p` of zeroing an element.
    @noDerivative public let probability: Float
    /// Whether masks are drawn (training) or the input passes through (inference).
    @noDerivative public var isTraining = true
    @noDerivative private let randomness: RandomSource

    /// Creates the layer; `probability` lies in `[0, 1)`.
    public init(probability: Float, rng: inout RandomGenerator) {
        precondition(probability >= 0 && probability < 1, "Dropout: probability \(probability) not in [0, 1)")
        self.probability = probability
        randomness = RandomSource(rng.split())
    }

    /// Applies dropout with a fresh mask when training, else returns `input`.
    @differentiable(reverse)
    public func callAsFunction(_ input: Tensor) -> Tensor {
        guard isTraining && probability > 0 else { return input }
        return input * withoutDerivative(at: randomness.mask(shape: input.shape, keeping: 1 - probability))
    }
}

/// A random stream shared by the copies of a layer.
final class RandomSource {
    private var generator: RandomGenerator

    init(_ generator: RandomGenerator) { self.generator = generator }

    /// A tensor of `1 / keep` with probability `keep` and 0 otherwise, elementwise.
    func mask(shape: [Int], keeping keep: Float) -> Tensor {
        var uniform = Tensor(randomUniform: shape, using: &generator)
        uniform.withUnsafeMutableBufferPointer { values in
            for i in values.indices { values[i] = values[i] < keep ? 1 / keep : 0 }
        }
        return uniform
    }
}
