import Foundation
import Tensors

/// A probability distribution that can evaluate its log-density and draw seeded samples.
///
/// `logProb(x) = log p(x)`, where `p` is a density (continuous) or a mass function (discrete).
/// Every draw takes an explicit `RandomGenerator`, so a lesson gives the same numbers on every run.
public protocol Distribution {
    /// The type of one outcome: `Double` for 1-D densities, `Int` for categories, `[Double]` for vectors.
    associatedtype Value

    /// Returns `log p(x)`; `-infinity` outside the support.
    func logProb(_ x: Value) -> Double

    /// Draws one sample.
    func sample(using generator: inout RandomGenerator) -> Value
}

extension Distribution {
    /// Draws `n` independent samples, in order, from one generator stream.
    /// - Precondition: `n >= 0`.
    public func sample(_ n: Int, using generator: inout RandomGenerator) -> [Value] {
        precondition(n >= 0, "sample(_:using:): count \(n) must be non-negative")
        var samples: [Value] = []
        samples.reserveCapacity(n)
        for _ in 0..<n { samples.append(sample(using: &generator)) }
        return samples
    }

    /// Returns `p(x) = exp(logProb(x))`.
    public func prob(_ x: Value) -> Double {
        exp(logProb(x))
    }

    /// Returns the mean log-probability `(1/n) Σ log p(x_i)` of a data set: the per-sample
    /// log-likelihood, the quantity scikit-learn's `score` reports.
    /// - Precondition: `data` is not empty.
    public func meanLogLikelihood(_ data: [Value]) -> Double {
        precondition(!data.isEmpty, "meanLogLikelihood: data is empty")
        return data.reduce(0) { $0 + logProb($1) } / Double(data.count)
    }
}

/// A distribution over the real line with a cumulative distribution function and its inverse.
///
/// `cdf(x) = P(X <= x)`; `inverseCDF(u) = inf { x : cdf(x) >= u }` for `u` in `(0, 1)`, so that
/// `inverseCDF(U)` with `U ~ Uniform(0, 1)` has this distribution (inverse transform sampling).
public protocol UnivariateDistribution: Distribution where Value == Double {
    /// Returns `P(X <= x)`.
    func cdf(_ x: Double) -> Double

    /// Returns the quantile `x` with `cdf(x) = u`.
    /// - Precondition: `0 <= u <= 1`.
    func inverseCDF(_ u: Double) -> Double
}
