import Foundation
import NeuralNetworks

/// A sigmoid belief network with one layer of binary latent units and its recognition model
/// (Neal, 1992; Hinton et al., "The wake-sleep algorithm", 1995).
///
/// Generative model `p(x, h) = p(h) p(x | h)` over binary `h ∈ {0,1}^H`, `x ∈ {0,1}^D`:
///
///     p(h_j = 1) = σ(a_j),        p(x_i = 1 | h) = σ((h W + c)_i),
///
/// and the recognition model (the learned stochastic inverse) `q(h_j = 1 | x) = σ((x U + d)_j)`.
/// The latents are discrete, so the reparameterisation trick does not apply: the model is trained
/// by wake–sleep or reweighted wake–sleep (`SigmoidBeliefNetwork+Training.swift`).
///
/// Shapes: visibles `[N, D]`, latents `[N, H]`; per-example log-probabilities `[N]`.
public struct SigmoidBeliefNetwork: Differentiable {
    /// `a`, the prior's logits, `[H]`.
    public var priorLogits: Tensor
    /// `p(x | h)`: `W` `[H, D]` and `c` `[D]`, giving logits.
    public var generative: Dense
    /// `q(h | x)`: `U` `[D, H]` and `d` `[H]`, giving logits.
    public var recognition: Dense

    /// A network with Glorot-uniform weights and zero biases.
    public init(visibleCount: Int, hiddenCount: Int, rng: inout RandomGenerator) {
        priorLogits = Tensor(zeros: [hiddenCount])
        generative = Dense(inputSize: hiddenCount, outputSize: visibleCount, rng: &rng)
        recognition = Dense(inputSize: visibleCount, outputSize: hiddenCount, rng: &rng)
    }

    /// A network with the given parameters.
    public init(priorLogits: Tensor, generative: Dense, recognition: Dense) {
        precondition(generative.weight.shape[0] == priorLogits.scalarCount
                     && recognition.weight.shape == Array(generative.weight.shape.reversed()),
                     "SigmoidBeliefNetwork: prior \(priorLogits.shape), W \(generative.weight.shape), U \(recognition.weight.shape)")
        self.priorLogits = priorLogits
        self.generative = generative
        self.recognition = recognition
    }

    /// `H`, the number of latent units.
    public var hiddenCount: Int { priorLogits.scalarCount }
    /// `D`, the number of visible units.
    public var visibleCount: Int { generative.weight.shape[1] }

    // MARK: - Log-probabilities

    /// `log p(h)` per row of `latents` `[N, H]`.
    @differentiable(reverse, wrt: self)
    public func logPrior(_ latents: Tensor) -> Tensor {
        bernoulliLogLikelihood(latents, logits: priorLogits.broadcasted(to: latents.shape))
    }

    /// `log p(x | h)` per row.
    @differentiable(reverse, wrt: self)
    public func logLikelihood(_ visibles: Tensor, given latents: Tensor) -> Tensor {
        bernoulliLogLikelihood(visibles, logits: generative(latents))
    }

    /// `log p(x, h) = log p(h) + log p(x | h)` per row.
    @differentiable(reverse, wrt: self)
    public func logJoint(_ visibles: Tensor, _ latents: Tensor) -> Tensor {
        logPrior(latents) + logLikelihood(visibles, given: latents)
    }

    /// `log q(h | x)` per row.
    @differentiable(reverse, wrt: self)
    public func logRecognition(_ latents: Tensor, given visibles: Tensor) -> Tensor {
        bernoulliLogLikelihood(latents, logits: recognition(visibles))
    }

    // MARK: - Sampling

    /// `h ~ q(h | x)`, `[N, H]`.
    public func inferLatents(_ visibles: Tensor, using rng: inout RandomGenerator) -> Tensor {
        Tensor(randomBernoulli: sigmoid(recognition(visibles)), using: &rng)
    }

    /// Ancestral samples `h ~ p(h)`, `x ~ p(x | h)` (the sleep phase's "dreams"), and the means
    /// `p(x = 1 | h)` they were drawn from, for display.
    public func dream(count: Int, using rng: inout RandomGenerator) -> SigmoidBeliefDream {
        let latents = Tensor(randomBernoulli: sigmoid(priorLogits.broadcasted(to: [count, hiddenCount])), using: &rng)
        let means = sigmoid(generative(latents))
        return SigmoidBeliefDream(latents: latents, visibles: Tensor(randomBernoulli: means, using: &rng), means: means)
    }
}

/// Joint samples `(h, x) ~ p(h) p(x | h)` of a sigmoid belief network.
public struct SigmoidBeliefDream {
    /// `h`, `[N, H]`.
    public var latents: Tensor
    /// `x`, `[N, D]`, binary.
    public var visibles: Tensor
    /// `p(x = 1 | h)`, `[N, D]`.
    public var means: Tensor
}

/// Each row of `x` `[N, ...]` repeated `k` times in place: row `n * k + j` is row `n` of `x`.
func rowsRepeated(_ x: Tensor, times k: Int) -> Tensor {
    x.gathering(rows: (0..<x.shape[0]).flatMap { [Int](repeating: $0, count: k) })
}
