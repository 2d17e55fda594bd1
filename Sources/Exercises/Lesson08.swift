import Foundation

// MARK: - Lesson 8: auto-encoders, wake-sleep and generative stochastic networks

/// Exercise 8.1: self-normalised importance weights.
///
/// With samples `z_k ~ q(z | x)`, the weights are `w_k = p(x, z_k) / q(z_k | x)`; return
/// `w_k / sum_l w_l`, computed from the logs so that it neither overflows nor underflows:
/// `exp(log w_k - m) / sum_l exp(log w_l - m)` with `m = max_l log w_l`.
/// - Parameters:
///   - logJoint: `log p(x, z_k)` for each sample.
///   - logProposal: `log q(z_k | x)`, as many as `logJoint`.
public func normalizedImportanceWeights(logJoint: [Double], logProposal: [Double]) -> [Double] {
    // BEGIN SOLUTION
    let logWeights = zip(logJoint, logProposal).map { $0 - $1 }
    let largest = logWeights.max() ?? 0
    let unnormalised = logWeights.map { exp($0 - largest) }
    let total = unnormalised.reduce(0, +)
    return unnormalised.map { $0 / total }
    // END SOLUTION
}

/// Exercise 8.2: the wake-phase target for the generative weights of a sigmoid belief network.
///
/// With `p(x_i = 1 | h) = sigmoid(c_i + sum_j h_j W[j][i])` and a latent `h` drawn from the
/// recognition model, the wake phase climbs `log p(x | h)`. Return its gradient with respect to `W`:
/// `d log p(x | h) / d W[j][i] = h_j (x_i - sigmoid(c_i + sum_l h_l W[l][i]))` (the delta rule).
/// - Parameters:
///   - visible: `x`, `D` entries in `{0, 1}`.
///   - latent: `h`, `H` entries in `{0, 1}`.
///   - weights: `W`, `H` rows of `D` entries.
///   - biases: `c`, `D` entries.
/// - Returns: `H` rows of `D` entries.
public func wakeGradient(visible: [Double], latent: [Double], weights: [[Double]], biases: [Double]) -> [[Double]] {
    // BEGIN SOLUTION
    let errors = biases.indices.map { i -> Double in
        let logit = biases[i] + latent.indices.reduce(0) { $0 + latent[$1] * weights[$1][i] }
        return visible[i] - 1 / (1 + exp(-logit))
    }
    return latent.map { h in errors.map { h * $0 } }
    // END SOLUTION
}

/// Exercise 8.3: one step of the Markov chain of a generative stochastic network.
///
/// Corrupt: `xTilde_i = 1 - x_i` when `corruptionUniforms[i] < flipProbability`, else `x_i`.
/// Reconstruct: `p = reconstruction(xTilde)`, the denoiser's `P(x_i = 1 | xTilde)`.
/// Sample: the new state has `x'_i = 1` exactly when `samplingUniforms[i] < p_i`, else `0`.
/// - Parameters:
///   - state: `x`, entries in `{0, 1}`.
///   - flipProbability: The corruption's flip probability.
///   - corruptionUniforms: One uniform number in `[0, 1)` per entry, for the corruption.
///   - samplingUniforms: One uniform number per entry, for the sampling.
///   - reconstruction: The denoiser, from a corrupted state to probabilities.
public func gsnStep(state: [Double], flipProbability: Double, corruptionUniforms: [Double], samplingUniforms: [Double],
                    reconstruction: ([Double]) -> [Double]) -> [Double] {
    // BEGIN SOLUTION
    let corrupted = zip(state, corruptionUniforms).map { x, u in u < flipProbability ? 1 - x : x }
    return zip(reconstruction(corrupted), samplingUniforms).map { p, v in v < p ? 1 : 0 }
    // END SOLUTION
}
