import Foundation

// MARK: - Lesson 3: variational autoencoders

/// Exercise 3.1: the reparameterisation trick.
///
/// A sample of `q(z | x) = N(mu, diag sigma^2)` written as a deterministic function of the
/// parameters and of noise `epsilon ~ N(0, I)` drawn beforehand:
/// `z_j = mu_j + sigma_j * epsilon_j`, where the encoder gives the log-variance `v_j = log sigma_j^2`,
/// so that `sigma_j = exp(v_j / 2)`.
/// - Parameters:
///   - mean: `mu`, one value per latent dimension.
///   - logVariance: `v = log sigma^2`, the same length.
///   - epsilon: The noise, the same length.
/// - Returns: `z`, the same length.
public func reparameterize(mean: [Double], logVariance: [Double], epsilon: [Double]) -> [Double] {
    // BEGIN SOLUTION
    mean.indices.map { j in mean[j] + Foundation.exp(0.5 * logVariance[j]) * epsilon[j] }
    // END SOLUTION
}

/// Exercise 3.2: the KL divergence between a diagonal Gaussian and the standard normal prior.
///
/// `KL(N(mu, diag sigma^2) || N(0, I)) = 1/2 sum_j (mu_j^2 + sigma_j^2 - 1 - log sigma_j^2)`,
/// with `sigma_j^2 = exp(v_j)` for the log-variance `v_j`. It is zero exactly when `mu = 0` and
/// `v = 0`, and never negative.
/// - Parameters:
///   - mean: `mu`, one value per latent dimension.
///   - logVariance: `v = log sigma^2`, the same length.
/// - Returns: The divergence in nats.
public func klToStandardNormal(mean: [Double], logVariance: [Double]) -> Double {
    // BEGIN SOLUTION
    var total = 0.0
    for j in mean.indices {
        total += mean[j] * mean[j] + Foundation.exp(logVariance[j]) - 1 - logVariance[j]
    }
    return 0.5 * total
    // END SOLUTION
}
