import NeuralNetworks

/// A denoising auto-encoder on binary vectors and the Markov chain it defines, the generative
/// stochastic network of Bengio et al. ("Generalized denoising auto-encoders as generative
/// models", 2013; "Deep generative stochastic networks trainable by backprop", 2014).
///
/// Corruption `C(x̃ | x)`: flip each bit independently with probability `flipProbability`.
/// Reconstruction `P_θ(x | x̃) = Π_i Bernoulli(x_i; σ(f_θ(x̃)_i))`, trained by maximising
/// `E_x E_(x̃ ~ C(·|x)) log P_θ(x | x̃)`. The chain alternates
///
///     x̃_t ~ C(x̃ | x_t),    x_(t+1) ~ P_θ(x | x̃_t).
///
/// If `P_θ(x | x̃)` is the true posterior `p_data(x) C(x̃ | x) / Σ_x' p_data(x') C(x̃ | x')`, the chain
/// is a Gibbs sampler of the joint `p_data(x) C(x̃ | x)` and `p_data` is its stationary distribution;
/// a learned reconstruction makes it so only approximately.
///
/// Shapes: states `[N, D]` with entries in `{0, 1}`.
public struct DenoisingAutoEncoder: Differentiable {
    /// `f_θ`: `D -> hiddenSizes -> D` with ReLU hidden layers, giving logits.
    public var network: Sequential<Dense>
    /// The probability that the corruption flips a bit.
    @noDerivative public let flipProbability: Float

    /// Creates a denoising auto-encoder with Glorot-uniform weights.
    public init(inputSize: Int, hiddenSizes: [Int], flipProbability: Float, rng: inout RandomGenerator) {
        precondition(flipProbability > 0 && flipProbability < 0.5, "DenoisingAutoEncoder: flip probability \(flipProbability)")
        network = Sequential(layerSizes: [inputSize] + hiddenSizes + [inputSize], activation: relu, rng: &rng)
        self.flipProbability = flipProbability
    }

    /// `x̃ ~ C(x̃ | x)`: each bit flipped with probability `flipProbability`.
    public func corrupted(_ states: Tensor, using rng: inout RandomGenerator) -> Tensor {
        let flips = Tensor(randomBernoulli: Tensor(repeating: flipProbability, shape: states.shape), using: &rng)
        return states + flips - 2 * states * flips
    }

    /// `P_θ(x_i = 1 | x̃)`, `[N, D]`.
    public func reconstructionProbabilities(_ corrupted: Tensor) -> Tensor { sigmoid(network(corrupted)) }

    /// The denoising loss `-mean_n log P_θ(x_n | x̃_n)` in nats per example.
    @differentiable(reverse, wrt: self)
    public func loss(clean: Tensor, corrupted: Tensor) -> Tensor {
        -bernoulliLogLikelihood(clean, logits: network(corrupted)).mean()
    }

    /// One step of the chain: corrupt, then sample the reconstruction. Returns the new state and
    /// the probabilities it was drawn from.
    public func chainStep(_ states: Tensor, using rng: inout RandomGenerator) -> GSNStep {
        let probabilities = reconstructionProbabilities(corrupted(states, using: &rng))
        return GSNStep(state: Tensor(randomBernoulli: probabilities, using: &rng), probabilities: probabilities)
    }

    /// Runs the chain for `steps` steps from `start`; element `t` is step `t + 1`.
    public func chain(from start: Tensor, steps: Int, using rng: inout RandomGenerator) -> [GSNStep] {
        var states: [GSNStep] = []
        var current = start
        for _ in 0..<steps {
            let step = chainStep(current, using: &rng)
            states.append(step)
            current = step.state
        }
        return states
    }
}

/// One state of a generative stochastic network's chain.
public struct GSNStep {
    /// `x_(t+1)`, binary, `[N, D]`.
    public var state: Tensor
    /// `P_θ(x = 1 | x̃_t)`, the reconstruction probabilities it was drawn from: what the figures show.
    public var probabilities: Tensor
}
