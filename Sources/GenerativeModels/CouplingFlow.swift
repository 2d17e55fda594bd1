import Foundation
import NeuralNetworks

/// A normalizing flow: affine couplings with alternating masks on a base distribution `Base`
/// (`StandardNormalBase`, or a learnable one such as `GaussianMixtureBase`).
///
/// The generative direction maps a latent `z ~ p_base` to `x = f(z)`; the change of variables
/// gives the exact log-likelihood through the inverse,
///
/// `log p(x) = log p_base(f⁻¹(x)) + log |det ∂f⁻¹/∂x|`,
///
/// where the log-determinant is the sum of the layers'. Train it by maximising the mean
/// log-likelihood (`negativeLogLikelihood` is the loss; a base with parameters trains with the
/// couplings); sample it with one forward pass.
/// ```swift
/// var flow = CouplingFlow(dimension: 2, layerCount: 8, rng: &rng)  // on N(0, I)
/// let (loss, gradient) = valueWithGradient(at: flow) { $0.negativeLogLikelihood(batch) }
/// ```
public struct CouplingFlow<Base: FlowBase>: Differentiable {
    /// The couplings, applied first to last from latent to data.
    public var layers: [AffineCoupling]
    /// The base distribution of the latents.
    public var base: Base
    /// The dimension of a point.
    @noDerivative public let dimension: Int

    /// Creates `layerCount` couplings on `base` whose masks alternate between the even and the
    /// odd coordinates, each the identity at first (so the new flow's density is the base's).
    /// - Precondition: `base.dimension >= 2`, `layerCount >= 1`.
    public init(base: Base, layerCount: Int, width: Int = 64, depth: Int = 2, rng: inout RandomGenerator) {
        let dimension = base.dimension
        precondition(dimension >= 2 && layerCount >= 1, "CouplingFlow: dimension \(dimension), \(layerCount) layers")
        self.dimension = dimension
        self.base = base
        layers = (0..<layerCount).map { layer in
            AffineCoupling(mask: (0..<dimension).map { ($0 + layer) % 2 == 0 }, width: width, depth: depth, rng: &rng)
        }
    }

    /// `x = f(z)` with `log |det ∂f/∂z|`, for latents `[N, D]`.
    @differentiable(reverse)
    public func forward(_ latent: Tensor) -> FlowState {
        let zero = withoutDerivative(at: Tensor(zeros: [latent.shape[0]]))
        var state = FlowState(values: latent, logDeterminant: zero)
        for index in 0..<withoutDerivative(at: layers.count) {
            state = layers[index].forward(state)
        }
        return state
    }

    /// `z = f⁻¹(x)` with `log |det ∂f⁻¹/∂x|`, for points `[N, D]`: the layers inverted, last to first.
    @differentiable(reverse)
    public func inverse(_ points: Tensor) -> FlowState {
        let zero = withoutDerivative(at: Tensor(zeros: [points.shape[0]]))
        var state = FlowState(values: points, logDeterminant: zero)
        let count = withoutDerivative(at: layers.count)
        for offset in 0..<count {
            state = layers[count - 1 - offset].inverse(state)
        }
        return state
    }

    /// `log p(x)` of each point, in nats, `[N]`.
    @differentiable(reverse)
    public func logLikelihood(_ points: Tensor) -> Tensor {
        let state = inverse(points)
        return state.logDeterminant + base.logDensity(state.values)
    }

    /// The training loss: `-(1/N) Σ_i log p(x_i)`, in nats per point.
    @differentiable(reverse)
    public func negativeLogLikelihood(_ points: Tensor) -> Tensor {
        -logLikelihood(points).mean()
    }

    /// `count` exact samples: `x = f(z)` with `z ~ p_base`, `[count, D]`.
    public func sample(_ count: Int, using rng: inout RandomGenerator) -> Tensor {
        forward(base.sample(count, using: &rng)).values
    }
}

extension CouplingFlow where Base == StandardNormalBase {
    /// Creates `layerCount` identity couplings on the standard normal base `N(0, I)` of `dimension`.
    /// - Precondition: `dimension >= 2`, `layerCount >= 1`.
    public init(dimension: Int, layerCount: Int, width: Int = 64, depth: Int = 2, rng: inout RandomGenerator) {
        self.init(base: StandardNormalBase(dimension: dimension), layerCount: layerCount, width: width, depth: depth, rng: &rng)
    }
}
