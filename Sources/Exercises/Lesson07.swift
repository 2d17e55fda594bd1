import Foundation

// MARK: - Lesson 7: energies, scores and stochastic dynamics

/// Exercise 7.1: one step of (unadjusted) Langevin dynamics.
///
/// Return `x' = x + epsilon * score + sqrt(2 epsilon) * noise`, element by element, where `score` is
/// `grad log p(x)` at the current position.
/// - Parameters:
///   - position: `x`, any number of coordinates.
///   - score: `grad_x log p(x)`, as many coordinates as `position`.
///   - stepSize: `epsilon > 0`.
///   - noise: `xi`, a draw from `N(0, I)` with as many coordinates as `position`.
public func langevinStep(position: [Double], score: [Double], stepSize: Double, noise: [Double]) -> [Double] {
    // BEGIN SOLUTION
    zip(zip(position, score), noise).map { pair, xi in
        pair.0 + stepSize * pair.1 + (2 * stepSize).squareRoot() * xi
    }
    // END SOLUTION
}

/// Exercise 7.2: the target of denoising score matching.
///
/// A clean point `x` is noised as `xTilde = x + sigma z`. Return the score of that noising kernel,
/// `grad_xTilde log N(xTilde; x, sigma^2 I) = -(xTilde - x) / sigma^2`, element by element.
/// - Parameters:
///   - clean: `x`.
///   - noisy: `xTilde`, as many coordinates as `clean`.
///   - noiseLevel: `sigma > 0`.
public func denoisingScoreMatchingTarget(clean: [Double], noisy: [Double], noiseLevel: Double) -> [Double] {
    // BEGIN SOLUTION
    zip(clean, noisy).map { x, xTilde in -(xTilde - x) / (noiseLevel * noiseLevel) }
    // END SOLUTION
}

/// Exercise 7.3: one weight update of annealed importance sampling on the geometric path
/// `f_k(x) = p_0(x)^(1 - beta_k) f_T(x)^beta_k`.
///
/// Return `log w + log f_k(x) - log f_(k-1)(x) = log w + (beta_k - beta_(k-1)) (log f_T(x) - log p_0(x))`.
/// - Parameters:
///   - logWeight: `log w`, the chain's log weight so far.
///   - baseLogDensity: `log p_0(x)` at the chain's current state.
///   - targetLogDensity: `log f_T(x)`, unnormalised, at the same state.
///   - previousTemperature: `beta_(k-1)`.
///   - temperature: `beta_k`.
public func aisLogWeightUpdate(logWeight: Double, baseLogDensity: Double, targetLogDensity: Double,
                               previousTemperature: Double, temperature: Double) -> Double {
    // BEGIN SOLUTION
    logWeight + (temperature - previousTemperature) * (targetLogDensity - baseLogDensity)
    // END SOLUTION
}
