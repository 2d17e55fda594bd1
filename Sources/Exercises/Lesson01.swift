import Foundation

// MARK: - Lesson 1: sampling, mixtures fitted by EM, kernel density estimation, Metropolis-Hastings

/// Exercise 1.1: discrete inverse transform sampling.
///
/// With probabilities `p_0, ..., p_(n-1)` and the cumulative sums `F_i = p_0 + ... + p_i`, return
/// the smallest index `i` with `u < F_i`. When rounding leaves `u >= F_(n-1)`, return `n - 1`.
/// - Parameters:
///   - probabilities: `p_i >= 0`, summing to one.
///   - uniform: One draw `u` from `U(0, 1)`.
/// - Returns: The sampled index, from 0.
public func sampleDiscrete(probabilities: [Double], uniform: Double) -> Int {
    // BEGIN SOLUTION
    var cumulative = 0.0
    for (index, probability) in probabilities.enumerated() {
        cumulative += probability
        if uniform < cumulative { return index }
    }
    return probabilities.count - 1
    // END SOLUTION
}

/// Exercise 1.2: continuous inverse transform sampling of the exponential distribution.
///
/// The exponential distribution with rate `lambda` has CDF `F(x) = 1 - exp(-lambda x)` for
/// `x >= 0`. Return `F^-1(u) = -log(1 - u) / lambda`.
/// - Parameters:
///   - rate: `lambda > 0`.
///   - uniform: One draw `u` from `U(0, 1)`.
public func sampleExponential(rate: Double, uniform: Double) -> Double {
    -Foundation.log1p(-uniform) / rate // SOLUTION
}

/// Exercise 1.3: the E-step of EM for a one-dimensional Gaussian mixture.
///
/// Return the responsibilities `r[i][k] = p(k | x_i)`:
/// `r[i][k] = w_k N(x_i | mu_k, var_k) / sum_j w_j N(x_i | mu_j, var_j)`,
/// with `N(x | mu, var) = exp(-(x - mu)^2 / (2 var)) / sqrt(2 pi var)`.
/// Work with logarithms and subtract each row's maximum before `exp`, so that a point far from
/// every component still gets a row that sums to one.
/// - Parameters:
///   - data: The points `x_i`, `N` of them.
///   - parameters: The current weights, means and variances, `K` components.
/// - Returns: `N` rows of `K` responsibilities.
public func eStep(data: [Double], parameters: MixtureParameters) -> [[Double]] {
    // BEGIN SOLUTION
    data.map { x in
        let logJoint = parameters.weights.indices.map { k in
            let variance = parameters.variances[k]
            let deviation = x - parameters.means[k]
            return Foundation.log(parameters.weights[k])
                - 0.5 * Foundation.log(2 * Double.pi * variance) - deviation * deviation / (2 * variance)
        }
        let largest = logJoint.max() ?? 0
        let unnormalised = logJoint.map { Foundation.exp($0 - largest) }
        let total = unnormalised.reduce(0, +)
        return unnormalised.map { $0 / total }
    }
    // END SOLUTION
}

/// Exercise 1.4: the M-step of EM for a one-dimensional Gaussian mixture.
///
/// With `N_k = sum_i r[i][k]`, return the new parameters
/// `w_k = N_k / N`, `mu_k = sum_i r[i][k] x_i / N_k`, and
/// `var_k = sum_i r[i][k] (x_i - mu_k)^2 / N_k` (using the new mean `mu_k`).
/// - Parameters:
///   - data: The points `x_i`, `N` of them.
///   - responsibilities: `N` rows of `K` responsibilities, as returned by `eStep`.
public func mStep(data: [Double], responsibilities: [[Double]]) -> MixtureParameters {
    // BEGIN SOLUTION
    let componentCount = responsibilities.first?.count ?? 0
    var weights: [Double] = [], means: [Double] = [], variances: [Double] = []
    for k in 0..<componentCount {
        let column = responsibilities.map { $0[k] }
        let mass = column.reduce(0, +)
        let mean = zip(column, data).map { $0 * $1 }.reduce(0, +) / mass
        let variance = zip(column, data).map { $0 * ($1 - mean) * ($1 - mean) }.reduce(0, +) / mass
        weights.append(mass / Double(data.count))
        means.append(mean)
        variances.append(variance)
    }
    return MixtureParameters(weights: weights, means: means, variances: variances)
    // END SOLUTION
}

/// Exercise 1.5: the log-density of a Gaussian kernel density estimate.
///
/// `log p(x) = log( (1/N) sum_n N(x | x_n, h^2) )` with bandwidth `h`. Compute it with the stable
/// log-sum-exp, `logsumexp(a) = m + log(sum_n exp(a_n - m))` with `m = max_n a_n`, so that a point
/// far from every sample gets a finite log-density rather than `-infinity`.
/// - Parameters:
///   - point: Where to evaluate, `x`.
///   - samples: The data `x_n`, `N >= 1` of them.
///   - bandwidth: The kernel's standard deviation `h > 0`.
public func kdeLogDensity(at point: Double, samples: [Double], bandwidth: Double) -> Double {
    // BEGIN SOLUTION
    let logKernels = samples.map { sample in
        let z = (point - sample) / bandwidth
        return -0.5 * z * z - Foundation.log(bandwidth) - 0.5 * Foundation.log(2 * Double.pi)
    }
    let largest = logKernels.max() ?? -Double.infinity
    let sum = logKernels.map { Foundation.exp($0 - largest) }.reduce(0, +)
    return largest + Foundation.log(sum) - Foundation.log(Double(samples.count))
    // END SOLUTION
}

/// Exercise 1.6: the Metropolis-Hastings acceptance step.
///
/// Moving from `x` to the proposal `x'` is accepted with probability
/// `alpha = min(1, p(x') q(x | x') / (p(x) q(x' | x)))`. Accept when `u < alpha`. Work with the
/// logarithms you are given: `log alpha = min(0, log p(x') + log q(x | x') - log p(x) - log q(x' | x))`,
/// so that densities too small for a `Double` still compare correctly.
/// - Parameters:
///   - currentLogDensity: `log p(x)`, up to a constant shared with `proposedLogDensity`.
///   - proposedLogDensity: `log p(x')`.
///   - forwardLogProposal: `log q(x' | x)`, the log-probability of proposing `x'` from `x`.
///   - reverseLogProposal: `log q(x | x')`.
///   - uniform: One draw `u` from `U(0, 1)`.
/// - Returns: Whether the chain moves to `x'`.
public func metropolisHastingsAccepts(
    currentLogDensity: Double, proposedLogDensity: Double,
    forwardLogProposal: Double, reverseLogProposal: Double, uniform: Double
) -> Bool {
    // BEGIN SOLUTION
    let logRatio = proposedLogDensity + reverseLogProposal - currentLogDensity - forwardLogProposal
    return Foundation.log(uniform) < min(0, logRatio)
    // END SOLUTION
}
