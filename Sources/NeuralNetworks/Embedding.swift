import Foundation

/// A lookup table of learned vectors: row `i` of `weight` embeds the integer `i`.
///
/// `indices` (`n` values in `0..<vocabularySize`) give `[n, embeddingSize]`. Initialised from
/// N(0, 1) like PyTorch's `nn.Embedding`.
public struct Embedding: Differentiable {
    /// The table, `[vocabularySize, embeddingSize]`.
    public var weight: Tensor

    /// Creates a table with entries drawn from N(0, 1).
    public init(vocabularySize: Int, embeddingSize: Int, rng: inout RandomGenerator) {
        weight = Tensor(randomNormal: [vocabularySize, embeddingSize], using: &rng)
    }

    /// Creates a table from `weight`.
    public init(weight: Tensor) {
        precondition(weight.rank == 2, "Embedding: weight must be a matrix, got shape \(weight.shape)")
        self.weight = weight
    }

    /// Returns the rows `indices` of the table: `result[i] = weight[indices[i]]`.
    @differentiable(reverse, wrt: self)
    public func callAsFunction(_ indices: [Int]) -> Tensor {
        weight.gathering(rows: indices)
    }
}

/// Sinusoidal embedding of (possibly fractional) timesteps, as in the Transformer and DDPM:
/// `[sin(t f₀), ..., sin(t f_{h-1}), cos(t f₀), ..., cos(t f_{h-1})]` with
/// `f_i = exp(-log(maxPeriod) i / h)` and `h = dimension / 2`.
///
/// `timesteps` `[n]` give `[n, dimension]`. Vaswani et al., "Attention is all you need", 2017;
/// Ho et al., "Denoising diffusion probabilistic models", 2020.
/// - Precondition: `dimension` is even.
@differentiable(reverse, wrt: timesteps)
public func sinusoidalEmbedding(_ timesteps: Tensor, dimension: Int, maxPeriod: Float = 10_000) -> Tensor {
    precondition(dimension % 2 == 0 && dimension > 0, "sinusoidalEmbedding: dimension \(dimension) must be even")
    let frequencies = withoutDerivative(at: timeFrequencies(count: dimension / 2, maxPeriod: maxPeriod))
    let arguments = timesteps.reshaped(to: [-1, 1]) * frequencies
    return Tensor(concatenating: [sin(arguments), cos(arguments)], alongAxis: 1)
}

/// `exp(-log(maxPeriod) i / count)` for `i` in `0..<count`, shape `[1, count]`.
func timeFrequencies(count: Int, maxPeriod: Float) -> Tensor {
    let rate = -Foundation.log(Double(maxPeriod)) / Double(count)
    return Tensor(shape: [1, count], scalars: (0..<count).map { Float(Foundation.exp(rate * Double($0))) })
}
