import Foundation
import Probability
import Tensors

/// A restricted Boltzmann machine with binary visible units `v ∈ {0,1}^V` and binary hidden units
/// `h ∈ {0,1}^H`, an energy-based model
///
/// `E(v, h) = -bᵀv - cᵀh - vᵀWh`, `p(v, h) = exp(-E(v, h)) / Z`.
///
/// Summing out the hidden units gives the **free energy** `F(v) = -bᵀv - Σ_j softplus(c_j + (vᵀW)_j)`,
/// so that `p(v) = exp(-F(v)) / Z`. Both conditionals factorise, which makes block Gibbs sampling
/// cheap: `p(h_j = 1 | v) = σ(c_j + (vᵀW)_j)` and `p(v_i = 1 | h) = σ(b_i + (Wh)_i)`.
///
/// Shapes: `weight` `[V, H]`, `visibleBias` `[V]`, `hiddenBias` `[H]`; batches are `[N, V]` and `[N, H]`.
public struct RBM {
    /// `W`, `[V, H]`.
    public var weight: Tensor
    /// `b`, `[V]`.
    public var visibleBias: Tensor
    /// `c`, `[H]`.
    public var hiddenBias: Tensor

    /// An RBM with small random weights `N(0, 0.01²)` and zero biases.
    public init(visibleCount: Int, hiddenCount: Int, rng: inout RandomGenerator) {
        weight = Tensor(randomNormal: [visibleCount, hiddenCount], standardDeviation: 0.01, using: &rng)
        visibleBias = Tensor(zeros: [visibleCount])
        hiddenBias = Tensor(zeros: [hiddenCount])
    }

    /// An RBM with the given parameters.
    public init(weight: Tensor, visibleBias: Tensor, hiddenBias: Tensor) {
        precondition(weight.rank == 2 && visibleBias.shape == [weight.shape[0]] && hiddenBias.shape == [weight.shape[1]],
                     "RBM: weight \(weight.shape), visible bias \(visibleBias.shape), hidden bias \(hiddenBias.shape)")
        self.weight = weight
        self.visibleBias = visibleBias
        self.hiddenBias = hiddenBias
    }

    /// The number `V` of visible units.
    public var visibleCount: Int { weight.shape[0] }
    /// The number `H` of hidden units.
    public var hiddenCount: Int { weight.shape[1] }

    /// `p(h = 1 | v) = σ(c + vW)`: `[N, V] -> [N, H]`.
    public func hiddenProbabilities(_ visible: Tensor) -> Tensor {
        sigmoid(affine(visible, weight, hiddenBias))
    }

    /// `p(v = 1 | h) = σ(b + hWᵀ)`: `[N, H] -> [N, V]`.
    public func visibleProbabilities(_ hidden: Tensor) -> Tensor {
        sigmoid(matmul(hidden, weight, transposeB: true) + visibleBias)
    }

    /// The free energy `F(v) = -bᵀv - Σ_j softplus(c_j + (vᵀW)_j)` of each row: `[N, V] -> [N]`.
    public func freeEnergy(_ visible: Tensor) -> Tensor {
        let visibleTerm = matmul(visible, visibleBias.reshaped(to: [visibleCount, 1])).reshaped(to: [visible.shape[0]])
        return -visibleTerm - softplus(affine(visible, weight, hiddenBias)).sum(axis: 1)
    }

    /// One block Gibbs sweep `v → h ~ p(h | v) → v' ~ p(v | h)`; returns `v'` and the `p(v | h)` it was drawn from.
    public func gibbsStep(_ visible: Tensor, using rng: inout RandomGenerator) -> (visible: Tensor, probabilities: Tensor) {
        let hidden = Tensor(randomBernoulli: hiddenProbabilities(visible), using: &rng)
        let probabilities = visibleProbabilities(hidden)
        return (Tensor(randomBernoulli: probabilities, using: &rng), probabilities)
    }

    /// `log Z` summed exactly over the `2^H` hidden configurations: `Z = Σ_h f(h)` with
    /// `log f(h)` from `hiddenLogWeight`.
    /// - Precondition: `H ≤ 20`.
    public func exactLogPartition() -> Double {
        precondition(hiddenCount <= 20, "RBM.exactLogPartition: 2^\(hiddenCount) hidden configurations are too many")
        let configurationCount = 1 << hiddenCount
        var terms: [Double] = []
        terms.reserveCapacity(configurationCount)
        let chunk = 4096
        for first in stride(from: 0, to: configurationCount, by: chunk) {
            let hidden = RBM.hiddenConfigurations(first..<min(first + chunk, configurationCount), hiddenCount: hiddenCount)
            terms += hiddenLogWeight(hidden).scalars.map(Double.init)
        }
        return logSumExp(terms)
    }

    /// The unnormalised log-probability of hidden states, the visible units summed out:
    ///
    /// `log f(h) = cᵀh + Σ_i softplus(b_i + (Wh)_i)`, since `Σ_v exp(bᵀv + vᵀWh) = Π_i (1 + exp(b_i + (Wh)_i))`,
    ///
    /// so that `Z = Σ_h f(h)`. Shapes: `[N, H] -> [N]`.
    public func hiddenLogWeight(_ hidden: Tensor) -> Tensor {
        let visibleSums = softplus(matmul(hidden, weight, transposeB: true) + visibleBias).sum(axis: 1)
        return visibleSums + matmul(hidden, hiddenBias.reshaped(to: [hiddenCount, 1])).reshaped(to: [hidden.shape[0]])
    }

    /// The hidden configurations whose binary codes are `codes` (bit `j` of the code is unit `j`), `[codes.count, H]`.
    static func hiddenConfigurations(_ codes: Range<Int>, hiddenCount: Int) -> Tensor {
        Tensor(shape: [codes.count, hiddenCount], scalars: codes.flatMap { code in
            (0..<hiddenCount).map { Float((code >> $0) & 1) }
        })
    }

    /// The mean log-likelihood `(1/N) Σ_n (-F(v_n) - log Z)` of binary rows `[N, V]`, in nats.
    public func meanLogLikelihood(_ visible: Tensor, logPartition: Double) -> Double {
        -freeEnergy(visible).scalars.reduce(0.0) { $0 + Double($1) } / Double(visible.shape[0]) - logPartition
    }
}
