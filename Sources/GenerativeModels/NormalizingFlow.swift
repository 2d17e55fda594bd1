import Foundation
import NeuralNetworks

/// A normalizing flow: invertible layers (`AffineCoupling`s or `SplineCoupling`s with alternating
/// masks) on a base distribution `Base` (`StandardNormalBase`, or a learnable one such as
/// `GaussianMixtureBase`).
///
/// The generative direction maps a latent `z ~ p_base` to `x = f(z)`; the change of variables
/// gives the exact log-likelihood through the inverse,
///
/// `log p(x) = log p_base(f⁻¹(x)) + log |det ∂f⁻¹/∂x|`,
///
/// where the log-determinant is the sum of the layers'. Train it by maximising the mean
/// log-likelihood (`negativeLogLikelihood` is the loss; a base with parameters trains with the
/// layers); sample it with one forward pass. `CouplingFlow` and `SplineFlow` name the two kinds.
/// ```swift
/// var flow = CouplingFlow(dimension: 2, layerCount: 8, rng: &rng)  // affine couplings on N(0, I)
/// let (loss, gradient) = valueWithGradient(at: flow) { $0.negativeLogLikelihood(batch) }
/// ```
public struct NormalizingFlow<Base: FlowBase, Layer: FlowLayer>: Differentiable {
    /// The layers, applied first to last from latent to data.
    public var layers: [Layer]
    /// The base distribution of the latents.
    public var base: Base
    /// The dimension of a point.
    @noDerivative public let dimension: Int

    /// Creates a flow from its base and its layers (applied first to last from latent to data).
    /// - Precondition: at least one layer.
    public init(base: Base, layers: [Layer]) {
        precondition(!layers.isEmpty, "NormalizingFlow: \(layers.count) layers")
        self.dimension = base.dimension
        self.base = base
        self.layers = layers
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

/// A flow of RealNVP affine couplings (`AffineCoupling`) on the base `Base`.
public typealias CouplingFlow<Base: FlowBase> = NormalizingFlow<Base, AffineCoupling>

/// A neural spline flow: rational-quadratic spline couplings (`SplineCoupling`) on the base `Base`.
public typealias SplineFlow<Base: FlowBase> = NormalizingFlow<Base, SplineCoupling>

/// The masks of `layerCount` couplings of points of dimension `dimension`: layer `l` passes the
/// coordinates `j` with `j + l` even and transforms the others.
func alternatingMasks(dimension: Int, layerCount: Int) -> [[Bool]] {
    precondition(dimension >= 2 && layerCount >= 1, "alternatingMasks: dimension \(dimension), \(layerCount) layers")
    return (0..<layerCount).map { layer in (0..<dimension).map { ($0 + layer) % 2 == 0 } }
}

extension NormalizingFlow where Layer == AffineCoupling {
    /// Creates `layerCount` affine couplings on `base` whose masks alternate between the even and
    /// the odd coordinates, each the identity at first (so the new flow's density is the base's).
    /// - Precondition: `base.dimension >= 2`, `layerCount >= 1`.
    public init(base: Base, layerCount: Int, width: Int = 64, depth: Int = 2, rng: inout RandomGenerator) {
        let masks = alternatingMasks(dimension: base.dimension, layerCount: layerCount)
        self.init(base: base, layers: masks.map { AffineCoupling(mask: $0, width: width, depth: depth, rng: &rng) })
    }
}

extension NormalizingFlow where Layer == AffineCoupling, Base == StandardNormalBase {
    /// Creates `layerCount` identity affine couplings on the standard normal base `N(0, I)` of `dimension`.
    /// - Precondition: `dimension >= 2`, `layerCount >= 1`.
    public init(dimension: Int, layerCount: Int, width: Int = 64, depth: Int = 2, rng: inout RandomGenerator) {
        self.init(base: StandardNormalBase(dimension: dimension), layerCount: layerCount, width: width, depth: depth, rng: &rng)
    }
}

extension NormalizingFlow where Layer == SplineCoupling {
    /// Creates `layerCount` spline couplings of `binCount` bins on `[-bound, bound]` on `base`,
    /// with alternating masks, each the identity at first (so the new flow's density is the base's).
    /// - Precondition: `base.dimension >= 2`, `layerCount >= 1`, `binCount >= 1`, `bound > 0`.
    public init(base: Base, layerCount: Int, binCount: Int = 8, bound: Float = 3, width: Int = 64, depth: Int = 2,
                rng: inout RandomGenerator) {
        let masks = alternatingMasks(dimension: base.dimension, layerCount: layerCount)
        self.init(base: base, layers: masks.map {
            SplineCoupling(mask: $0, binCount: binCount, bound: bound, width: width, depth: depth, rng: &rng)
        })
    }
}
