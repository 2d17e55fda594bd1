import Foundation
import NeuralNetworks

// MARK: - Wake-sleep and reweighted wake-sleep

extension SigmoidBeliefNetwork {
    /// The wake–sleep loss of Hinton et al. (1995) for one batch, to minimise with any optimizer:
    ///
    ///     wake  (θ):  -mean_n log p(x_n, h_n),      h_n ~ q(h | x_n)   (data, completed by q)
    ///     sleep (φ):  -mean_m log q(h_m | x_m),     (h_m, x_m) ~ p      (dreams of the model)
    ///
    /// The two terms touch disjoint parameters (`θ` = prior and generative, `φ` = recognition), so
    /// one gradient of their sum performs both phases. The sleep phase fits `q` by `KL(p(h|x) ‖ q)`
    /// on the model's own dreams, not on the data: it does not maximise any bound on `log p(data)`.
    /// - Parameters:
    ///   - visibles: A data batch `[N, D]`.
    ///   - latents: `h ~ q(h | x)` for that batch, `[N, H]`, drawn outside the differentiated closure.
    ///   - dream: Samples of `p(h, x)`, drawn outside the closure.
    @differentiable(reverse, wrt: self)
    public func wakeSleepLoss(_ visibles: Tensor, latents: Tensor, dream: SigmoidBeliefDream) -> Tensor {
        let wake = -logJoint(visibles, latents).mean()
        let sleep = -logRecognition(dream.latents, given: dream.visibles).mean()
        return wake + sleep
    }

    /// The reweighted wake–sleep loss of Bornschein and Bengio (2015) with `K` samples per example:
    ///
    ///     loss = -(1/N) Σ_n Σ_k w̃_nk [log p(x_n, h_nk) + log q(h_nk | x_n)],
    ///     w̃_nk = w_nk / Σ_l w_nl,   w_nk = p(x_n, h_nk) / q(h_nk | x_n),   h_nk ~ q(h | x_n).
    ///
    /// The weights are constants. The `θ` part is the self-normalised importance-sampling estimate
    /// of `∇_θ log p(x)` (biased for finite `K`, consistent as `K → ∞`); the `φ` part fits `q` to
    /// the posterior on the data (the "wake-phase `q` update").
    /// - Parameters:
    ///   - visibles: `[N, D]`.
    ///   - latents: `[N * K, H]`, row `n * K + k` is `h_nk ~ q(h | x_n)`.
    @differentiable(reverse, wrt: self)
    public func reweightedWakeSleepLoss(_ visibles: Tensor, latents: Tensor) -> Tensor {
        let n = withoutDerivative(at: visibles.shape[0]), k = withoutDerivative(at: latents.shape[0] / visibles.shape[0])
        let repeated = withoutDerivative(at: rowsRepeated(visibles, times: k))
        let logJoints = logJoint(repeated, latents), logProposals = logRecognition(latents, given: repeated)
        let weights = withoutDerivative(at: softmax((logJoints - logProposals).reshaped(to: [n, k]), axis: 1))
        return -(weights * (logJoints + logProposals).reshaped(to: [n, k])).sum() / Float(n)
    }

    /// Draws `K` latents per example from `q(h | x)`: `[N * K, H]`, row `n * K + k` for example `n`.
    public func inferLatents(_ visibles: Tensor, samples k: Int, using rng: inout RandomGenerator) -> Tensor {
        inferLatents(rowsRepeated(visibles, times: k), using: &rng)
    }
}
