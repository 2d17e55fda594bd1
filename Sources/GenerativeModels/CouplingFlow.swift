import Foundation
import NeuralNetworks

/// A normalizing flow: affine couplings with alternating masks on a standard normal base.
///
/// The generative direction maps a latent `z ~ N(0, I)` to `x = f(z)`; the change of variables
/// gives the exact log-likelihood through the inverse,
///
/// `log p(x) = log N(f⁻¹(x); 0, I) + log |det ∂f⁻¹/∂x|`,
///
/// where the log-determinant is the sum of the layers'. Train it by maximising the mean
/// log-likelihood (`negativeLogLikelihood` is the loss); sample it with one forward pass.
/// ```swift
/// var flow = CouplingFlow(dimension: 2, layerCount: 8, rng: &rng)
/// let (loss, gradient) = valueWithGradient(at: flow) { $0.negativeLogLikelihood(batch) }
/// ```
public struct CouplingFlow: Differentiable {
    /// The couplings, applied first to last from latent to data.
    public var layers: [AffineCoupling]
    /// The dimension of a point.
    @noDerivative public let dimension: Int

    /// Creates `layerCount` couplings whose masks alternate between the even and the odd
    /// coordinates, each the identity at first.
    /// - Precondition: `dimension >= 2`, `layerCount >= 1`.
    public init(dimension: Int, layerCount: Int, width: Int = 64, depth: Int = 2, rng: inout RandomGenerator) {
        precondition(dimension >= 2 && layerCount >= 1, "CouplingFlow: dimension \(dimension), \(layerCount) layers")
        self.dimension = dimension
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
        let constant = withoutDerivative(at: Float(Double(dimension) * log(2 * Double.pi) / 2))
        return state.logDeterminant - 0.5 * (state.values * state.values).sum(axis: 1) - constant
    }

    /// The training loss: `-(1/N) Σ_i log p(x_i)`, in nats per point.
    @differentiable(reverse)
    public func negativeLogLikelihood(_ points: Tensor) -> Tensor {
        -logLikelihood(points).mean()
    }

    /// `count` exact samples: `x = f(z)` with `z ~ N(0, I)`, `[count, D]`.
    public func sample(_ count: Int, using rng: inout RandomGenerator) -> Tensor {
        forward(Tensor(randomNormal: [count, dimension], using: &rng)).values
    }
}
