import Foundation
import NeuralNetworks

/// A learnable flow base: a mixture of `K` Gaussians with diagonal covariances,
///
/// `p(z) = Σ_k π_k N(z; μ_k, diag(σ_k²))`,  `π = softmax(logits)`,  `σ_k = exp(logScales_k)`,
///
/// so `log p(z) = logsumexp_k [log π_k - Σ_j (log σ_kj + (z_j - μ_kj)² / (2 σ_kj²))] - (D/2) log 2π`.
/// All three parameters train with the flow by maximum likelihood. A flow on one Gaussian must
/// stretch a single connected blob over the data; with several components the base can already
/// hold separate pieces, and the flow only bends them (normflows' `GaussianMixture` base).
/// Log-density and sampling stay exact.
public struct GaussianMixtureBase: FlowBase {
    /// The unnormalised log-weights `log π_k + c`, `[K]`.
    public var logits: Tensor
    /// The component means `μ_k`, `[K, D]`.
    public var means: Tensor
    /// The log standard deviations `log σ_kj`, `[K, D]`.
    public var logScales: Tensor

    /// The dimension `D` of a point.
    public var dimension: Int { means.shape[1] }
    /// The number of components `K`.
    public var componentCount: Int { means.shape[0] }

    /// Creates a mixture from its parameters: `logits` `[K]`, `means` and `logScales` `[K, D]`.
    /// - Precondition: the shapes agree.
    public init(logits: Tensor, means: Tensor, logScales: Tensor) {
        precondition(means.rank == 2 && logScales.shape == means.shape && logits.shape == [means.shape[0]],
                     "GaussianMixtureBase: logits \(logits.shape), means \(means.shape), log-scales \(logScales.shape)")
        self.logits = logits
        self.means = means
        self.logScales = logScales
    }

    /// Creates `componentCount` equally weighted components of standard deviation `scale`,
    /// with means drawn from `N(0, I)`.
    public init(dimension: Int, componentCount: Int, scale: Double = 1, rng: inout RandomGenerator) {
        self.init(logits: Tensor(zeros: [componentCount]),
                  means: Tensor(randomNormal: [componentCount, dimension], using: &rng),
                  logScales: Tensor(repeating: Float(log(scale)), shape: [componentCount, dimension]))
    }

    /// `log p(z)` of each point, in nats: `[N, D]` to `[N]`.
    @differentiable(reverse)
    public func logDensity(_ points: Tensor) -> Tensor {
        let (count, components, dimension) = withoutDerivative(at: (points.shape[0], componentCount, self.dimension))
        let standardized = (points.reshaped(to: [count, 1, dimension]) - means.reshaped(to: [1, components, dimension]))
            * exp(-logScales).reshaped(to: [1, components, dimension])
        let constant = withoutDerivative(at: Float(Double(dimension) * log(2 * Double.pi) / 2))
        let perComponent = -0.5 * (standardized * standardized).sum(axis: 2)
            - logScales.sum(axis: 1).reshaped(to: [1, components])
            + logSoftmax(logits.reshaped(to: [1, components]), axis: 1)
        return perComponent.logSumExp(axis: 1) - constant
    }

    /// `count` exact samples: a component `k ~ π`, then `μ_k + σ_k ⊙ ε` with `ε ~ N(0, I)`, `[count, D]`.
    public func sample(_ count: Int, using rng: inout RandomGenerator) -> Tensor {
        let weights = softmax(logits).scalars.map(Double.init)
        let chosen = (0..<count).map { _ in rng.nextCategorical(weights: weights) }
        let noise = Tensor(randomNormal: [count, dimension], using: &rng)
        return means.gathering(rows: chosen) + exp(logScales.gathering(rows: chosen)) * noise
    }
}
