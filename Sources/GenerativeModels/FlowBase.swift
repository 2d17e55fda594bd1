import Foundation
import NeuralNetworks

/// The base distribution `p(z)` of a normalizing flow: the simple density the flow's inverse
/// maps the data onto, which must give an exact log-density and exact samples.
///
/// A flow's log-likelihood is `log p(x) = log p_base(f⁻¹(x)) + log |det ∂f⁻¹/∂x|`, so the base's
/// log-density must be differentiable (with respect to the points and to its own parameters,
/// which are trained with the flow's).
public protocol FlowBase: Differentiable {
    /// The dimension `D` of a point.
    var dimension: Int { get }

    /// `log p(z)` of each point, in nats: `[N, D]` to `[N]`.
    @differentiable(reverse)
    func logDensity(_ points: Tensor) -> Tensor

    /// `count` exact samples, `[count, D]`.
    func sample(_ count: Int, using rng: inout RandomGenerator) -> Tensor
}

/// The standard normal base `N(0, I)`, with no parameters:
/// `log p(z) = -‖z‖²/2 - (D/2) log 2π`.
public struct StandardNormalBase: FlowBase {
    /// The dimension `D` of a point.
    @noDerivative public let dimension: Int

    /// Creates the standard normal of dimension `dimension`.
    public init(dimension: Int) {
        self.dimension = dimension
    }

    /// `log N(z; 0, I)` of each point, `[N, D]` to `[N]`.
    @differentiable(reverse)
    public func logDensity(_ points: Tensor) -> Tensor {
        let constant = withoutDerivative(at: Float(Double(dimension) * log(2 * Double.pi) / 2))
        return -0.5 * (points * points).sum(axis: 1) - constant
    }

    /// `count` draws of `N(0, I)`, `[count, D]`.
    public func sample(_ count: Int, using rng: inout RandomGenerator) -> Tensor {
        Tensor(randomNormal: [count, dimension], using: &rng)
    }
}
