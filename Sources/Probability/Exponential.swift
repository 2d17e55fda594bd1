import Foundation
import Tensors

/// The exponential distribution with rate `λ` on `[0, ∞)`.
///
/// `p(x) = λ e^{-λx}`, `cdf(x) = 1 - e^{-λx}`, `inverseCDF(u) = -log(1 - u)/λ`.
public struct Exponential: UnivariateDistribution, Sendable {
    /// The rate `λ > 0`; the mean is `1/λ`.
    public let rate: Double

    /// Creates `Exponential(rate)`.
    /// - Precondition: `rate > 0`.
    public init(rate: Double = 1) {
        precondition(rate > 0, "Exponential: rate \(rate) must be positive")
        self.rate = rate
    }

    /// Returns `log λ - λx` for `x >= 0`, `-infinity` for `x < 0`.
    public func logProb(_ x: Double) -> Double {
        x >= 0 ? log(rate) - rate * x : -.infinity
    }

    /// Draws by inverse transform: `-log(1 - u)/λ`.
    public func sample(using generator: inout RandomGenerator) -> Double {
        inverseCDF(generator.nextUniform())
    }

    /// Returns `1 - e^{-λx}` for `x >= 0`, 0 below.
    public func cdf(_ x: Double) -> Double {
        x >= 0 ? -expm1(-rate * x) : 0
    }

    /// Returns `-log(1 - u)/λ`.
    /// - Precondition: `0 <= u <= 1`.
    public func inverseCDF(_ u: Double) -> Double {
        precondition(u >= 0 && u <= 1, "Exponential.inverseCDF: u = \(u) is outside [0, 1]")
        return -log1p(-u) / rate
    }
}
