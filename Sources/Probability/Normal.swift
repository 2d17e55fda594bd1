import Foundation
import Tensors

/// The normal (Gaussian) distribution `N(mean, standardDeviation^2)`.
///
/// `log p(x) = -½ log(2π σ²) - (x - μ)² / (2σ²)`;
/// `cdf(x) = Φ((x - μ)/σ)` with `Φ(z) = ½ erfc(-z/√2)`.
public struct Normal: UnivariateDistribution, Sendable {
    /// The mean `μ`.
    public let mean: Double
    /// The standard deviation `σ > 0`.
    public let standardDeviation: Double

    /// Creates `N(mean, standardDeviation^2)`.
    /// - Precondition: `standardDeviation > 0`.
    public init(mean: Double = 0, standardDeviation: Double = 1) {
        precondition(standardDeviation > 0, "Normal: standardDeviation \(standardDeviation) must be positive")
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    /// The variance `σ²`.
    public var variance: Double { standardDeviation * standardDeviation }

    /// Returns `-½ log(2π σ²) - (x - μ)² / (2σ²)`.
    public func logProb(_ x: Double) -> Double {
        let z = (x - mean) / standardDeviation
        return -0.5 * logTwoPi - log(standardDeviation) - 0.5 * z * z
    }

    /// Returns `μ + σ z` with `z` a standard normal draw.
    public func sample(using generator: inout RandomGenerator) -> Double {
        mean + standardDeviation * generator.nextNormal()
    }

    /// Returns `Φ((x - μ)/σ) = ½ erfc(-(x - μ)/(σ√2))`, accurate in both tails.
    public func cdf(_ x: Double) -> Double {
        0.5 * erfc(-(x - mean) / (standardDeviation * 2.0.squareRoot()))
    }

    /// Returns `μ + σ Φ⁻¹(u)`.
    ///
    /// `Φ⁻¹` starts from Acklam's rational approximation (relative error 1.15e-9) and takes one
    /// Halley step on `Φ(z) - u`, which brings it to full double precision.
    /// - Precondition: `0 <= u <= 1`; `u = 0` and `u = 1` give `∓infinity`.
    public func inverseCDF(_ u: Double) -> Double {
        mean + standardDeviation * Normal.standardQuantile(u)
    }

    /// The standard normal quantile `Φ⁻¹(u)`.
    static func standardQuantile(_ u: Double) -> Double {
        precondition(u >= 0 && u <= 1, "Normal.inverseCDF: u = \(u) is outside [0, 1]")
        if u == 0 { return -.infinity }
        if u == 1 { return .infinity }
        // 1 - u is exact for u >= 0.5, and refining in the lower tail keeps Φ(z) - u free of cancellation.
        if u > 0.5 { return -standardQuantile(1 - u) }
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                 -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                 3.754408661907416e+00]
        let low = 0.02425
        var z: Double
        if u < low {
            let q = (-2 * log(u)).squareRoot()
            z = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else {
            let q = u - 0.5
            let r = q * q
            z = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        }
        // One Halley step: e = Φ(z) - u, z -= e / (φ(z) + z e / 2) in the form t = e √(2π) e^{z²/2}.
        let e = 0.5 * erfc(-z / 2.0.squareRoot()) - u
        let t = e * (2 * Double.pi).squareRoot() * exp(z * z / 2)
        z -= t / (1 + z * t / 2)
        return z
    }
}
