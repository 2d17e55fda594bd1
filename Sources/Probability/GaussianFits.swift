import Foundation

/// The Gaussian `N(μ, σ²)` closest to `target` in the forward KL divergence, `KL(target ‖ q)`:
/// the one with the target's mean and variance (moment matching), which spreads over every mode.
///
/// Minimising `KL(p ‖ q) = -H(p) - E_p[log q]` over Gaussians `q` maximises `E_p[log q]`, whose
/// optimum is `μ = E_p[x]`, `σ² = Var_p[x]`. For a mixture these are `Σ w_k μ_k` and
/// `Σ w_k (σ_k² + μ_k²) - μ²`. This is what maximum likelihood does with infinite data.
public func forwardKLFit(to target: GaussianMixture1D) -> Normal {
    let mean = zip(target.weights, target.means).reduce(0) { $0 + $1.0 * $1.1 }
    let secondMoment = (0..<target.componentCount).reduce(0) { sum, k in
        sum + target.weights[k] * (target.variances[k] + target.means[k] * target.means[k])
    }
    return Normal(mean: mean, standardDeviation: (secondMoment - mean * mean).squareRoot())
}

/// `KL(q ‖ p) = ∫ q log(q / p)` for `q = N(μ, σ²)` and the mixture `p`, by the trapezoidal rule on
/// `points` nodes over `μ ± 8σ` (where `q` keeps all but 10⁻¹⁵ of its mass).
public func reverseKL(from q: Normal, to p: GaussianMixture1D, points: Int = 801) -> Double {
    let (lower, upper) = (q.mean - 8 * q.standardDeviation, q.mean + 8 * q.standardDeviation)
    let h = (upper - lower) / Double(points - 1)
    return (0..<points).reduce(0) { sum, i in
        let x = lower + Double(i) * h
        let logQ = q.logProb(x)
        let weight = i == 0 || i == points - 1 ? 0.5 : 1
        return sum + weight * h * exp(logQ) * (logQ - p.logProb(x))
    }
}

/// The Gaussian closest to `target` in the reverse KL divergence, `KL(q ‖ target)`, found by
/// coordinate search from `start`: it seeks one mode and fits it tightly (mode seeking), since
/// `q` pays `log(q / p)` wherever it puts mass that the target lacks.
///
/// The search tries steps of `±step` in `μ` and `±step` in `log σ`, keeps any that lowers the
/// divergence, and halves the step when none does, down to `tolerance`. It finds the local minimum
/// near `start`: for two separated modes, a wide Gaussian centred between them is a local minimum
/// too, so start near the mode to be found.
public func reverseKLFit(to target: GaussianMixture1D, start: Normal, step: Double = 0.5,
                         tolerance: Double = 1e-6) -> Normal {
    var (mean, logSigma) = (start.mean, log(start.standardDeviation))
    var best = reverseKL(from: start, to: target)
    var size = step
    while size > tolerance {
        var improved = false
        for (dMean, dLogSigma) in [(size, 0.0), (-size, 0), (0, size), (0, -size)] {
            let candidate = Normal(mean: mean + dMean, standardDeviation: exp(logSigma + dLogSigma))
            let divergence = reverseKL(from: candidate, to: target)
            if divergence < best {
                (best, mean, logSigma, improved) = (divergence, mean + dMean, logSigma + dLogSigma, true)
            }
        }
        if !improved { size /= 2 }
    }
    return Normal(mean: mean, standardDeviation: exp(logSigma))
}
