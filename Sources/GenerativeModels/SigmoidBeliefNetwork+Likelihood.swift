import Foundation
import NeuralNetworks

// MARK: - Estimating and computing log p(x)

extension SigmoidBeliefNetwork {
    /// The log importance weights `log w_nk = log p(x_n, h_nk) - log q(h_nk | x_n)` with `K` fresh
    /// samples `h_nk ~ q(h | x_n)`: `[N, K]`.
    public func logImportanceWeights(_ visibles: Tensor, samples k: Int, using rng: inout RandomGenerator) -> Tensor {
        let repeated = rowsRepeated(visibles, times: k)
        let latents = inferLatents(repeated, using: &rng)
        return (logJoint(repeated, latents) - logRecognition(latents, given: repeated)).reshaped(to: [visibles.shape[0], k])
    }

    /// The importance-sampled estimate of `log p(x)` per example, with `q(h | x)` as proposal:
    ///
    ///     log p̂(x) = log (1/K) Σ_k p(x, h_k) / q(h_k | x),   h_k ~ q(h | x).
    ///
    /// `p̂(x)` is unbiased for `p(x)`; its log is a stochastic lower bound (Burda et al., 2016)
    /// that tends to `log p(x)` as `K` grows. Computed in batches of `batchSize` examples.
    public func importanceSampledLogLikelihood(_ visibles: Tensor, samples k: Int, batchSize: Int = 100,
                                               using rng: inout RandomGenerator) -> [Float] {
        var result: [Float] = []
        for start in stride(from: 0, to: visibles.shape[0], by: batchSize) {
            let batch = visibles.sliced(alongAxis: 0, range: start..<Swift.min(start + batchSize, visibles.shape[0]))
            result += (logImportanceWeights(batch, samples: k, using: &rng).logSumExp(axis: 1) - Float(log(Double(k)))).scalars
        }
        return result
    }

    /// Every latent configuration `h ∈ {0,1}^H` as the rows of a `[2^H, H]` tensor; row `r` holds
    /// the binary digits of `r`, most significant first.
    public var allLatentConfigurations: Tensor {
        let h = hiddenCount
        precondition(h <= 16, "allLatentConfigurations: 2^\(h) configurations are too many to enumerate")
        return Tensor(shape: [1 << h, h], scalars: (0..<(1 << h)).flatMap { r in (0..<h).map { Float((r >> (h - 1 - $0)) & 1) } })
    }

    /// `log p(x, h)` for every example and every latent configuration, `[N, 2^H]` (columns in the
    /// order of `allLatentConfigurations`), by enumeration: feasible for `H <= 16`.
    public func logJointOverAllLatents(_ visibles: Tensor) -> Tensor {
        let latents = allLatentConfigurations
        let logits = generative(latents)
        // log p(x | h) = Σ_i x_i l_i - softplus(l_i) for every pair (x, h) at once.
        let logLikelihoods = matmul(visibles, logits, transposeB: true) - softplus(logits).sum(axis: 1)
        return logLikelihoods + logPrior(latents)
    }

    /// The exact `log p(x) = log Σ_h p(h) p(x | h)` per example, by enumerating `h` (`H <= 16`).
    public func exactLogLikelihood(_ visibles: Tensor) -> [Float] {
        logJointOverAllLatents(visibles).logSumExp(axis: 1).scalars
    }
}
