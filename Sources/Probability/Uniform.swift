import Foundation
import Tensors

/// The continuous uniform distribution on `[lowerBound, upperBound)`.
///
/// `p(x) = 1 / (b - a)` on `[a, b)`, 0 elsewhere; `cdf(x) = (x - a)/(b - a)` clamped to `[0, 1]`.
public struct Uniform: UnivariateDistribution, Sendable {
    /// The left end `a` of the support.
    public let lowerBound: Double
    /// The right end `b` of the support.
    public let upperBound: Double

    /// Creates `Uniform(a, b)`.
    /// - Precondition: `lowerBound < upperBound`.
    public init(lowerBound: Double = 0, upperBound: Double = 1) {
        precondition(lowerBound < upperBound, "Uniform: lowerBound \(lowerBound) must be below upperBound \(upperBound)")
        self.lowerBound = lowerBound
        self.upperBound = upperBound
    }

    /// Returns `-log(b - a)` inside the support, `-infinity` outside.
    public func logProb(_ x: Double) -> Double {
        (x >= lowerBound && x < upperBound) ? -log(upperBound - lowerBound) : -.infinity
    }

    /// Returns `a + (b - a) u` with `u` uniform in `[0, 1)`.
    public func sample(using generator: inout RandomGenerator) -> Double {
        lowerBound + (upperBound - lowerBound) * generator.nextUniform()
    }

    /// Returns `(x - a)/(b - a)` clamped to `[0, 1]`.
    public func cdf(_ x: Double) -> Double {
        min(1, max(0, (x - lowerBound) / (upperBound - lowerBound)))
    }

    /// Returns `a + (b - a) u`.
    /// - Precondition: `0 <= u <= 1`.
    public func inverseCDF(_ u: Double) -> Double {
        precondition(u >= 0 && u <= 1, "Uniform.inverseCDF: u = \(u) is outside [0, 1]")
        return lowerBound + (upperBound - lowerBound) * u
    }
}
