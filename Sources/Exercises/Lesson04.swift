import Foundation

// MARK: - Lesson 4: diffusion models

/// Exercise 4.1: sample the forward process in closed form, `q(x_t | x_0)`.
///
/// Return `x_t = sqrt(alphaBar) x_0 + sqrt(1 - alphaBar) epsilon`, element by element.
/// - Parameters:
///   - clean: `x_0`, any number of coordinates.
///   - alphaBar: `alphaBar_t = alpha_1 alpha_2 ... alpha_t`, in `(0, 1]`.
///   - noise: `epsilon`, a draw from `N(0, I)` with as many coordinates as `clean`.
public func qSample(clean: [Double], alphaBar: Double, noise: [Double]) -> [Double] {
    // BEGIN SOLUTION
    zip(clean, noise).map { alphaBar.squareRoot() * $0 + (1 - alphaBar).squareRoot() * $1 }
    // END SOLUTION
}

/// Exercise 4.2: the mean of the DDPM posterior `q(x_(t-1) | x_t, x_0)`.
///
/// With `alpha_t = 1 - beta_t` and `alphaBar_t = alphaBar_(t-1) alpha_t`, return
/// `mu = sqrt(alphaBar_(t-1)) beta_t / (1 - alphaBar_t) x_0 + sqrt(alpha_t) (1 - alphaBar_(t-1)) / (1 - alphaBar_t) x_t`,
/// element by element.
/// - Parameters:
///   - clean: `x_0`.
///   - noisy: `x_t`, as many coordinates as `clean`.
///   - beta: `beta_t`, the variance of the forward step from `t - 1` to `t`, in `(0, 1)`.
///   - previousAlphaBar: `alphaBar_(t-1)`, in `(0, 1]` (1 at the first step).
public func ddpmPosteriorMean(clean: [Double], noisy: [Double], beta: Double, previousAlphaBar: Double) -> [Double] {
    // BEGIN SOLUTION
    let alpha = 1 - beta
    let alphaBar = previousAlphaBar * alpha
    let cleanWeight = previousAlphaBar.squareRoot() * beta / (1 - alphaBar)
    let noisyWeight = alpha.squareRoot() * (1 - previousAlphaBar) / (1 - alphaBar)
    return zip(clean, noisy).map { cleanWeight * $0 + noisyWeight * $1 }
    // END SOLUTION
}

/// Exercise 4.3: one deterministic DDIM step (`eta = 0`) from timestep `t` to an earlier `s`.
///
/// First the clean sample the noise prediction implies,
/// `x0hat = (x_t - sqrt(1 - alphaBar_t) epsilon) / sqrt(alphaBar_t)`,
/// then `x_s = sqrt(alphaBar_s) x0hat + sqrt(1 - alphaBar_s) epsilon`, element by element.
/// - Parameters:
///   - noisy: `x_t`.
///   - predictedNoise: `epsilon = epsilon_theta(x_t, t)`, as many coordinates as `noisy`.
///   - alphaBar: `alphaBar_t`, in `(0, 1)`.
///   - previousAlphaBar: `alphaBar_s` of the step DDIM jumps to, in `(0, 1]` (1 for the last step).
public func ddimStep(noisy: [Double], predictedNoise: [Double], alphaBar: Double, previousAlphaBar: Double) -> [Double] {
    // BEGIN SOLUTION
    zip(noisy, predictedNoise).map { x, epsilon in
        let clean = (x - (1 - alphaBar).squareRoot() * epsilon) / alphaBar.squareRoot()
        return previousAlphaBar.squareRoot() * clean + (1 - previousAlphaBar).squareRoot() * epsilon
    }
    // END SOLUTION
}
