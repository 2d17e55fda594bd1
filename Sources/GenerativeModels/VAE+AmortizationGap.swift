import Foundation
import NeuralNetworks

// MARK: - Per-example posteriors: the amortisation gap

/// The free parameters of a diagonal Gaussian `q(z | x)` for a batch, optimised directly.
private struct PosteriorParameters: Differentiable {
    var mean: Tensor
    var logVariance: Tensor
}

extension VAE {
    /// Fits a separate diagonal Gaussian `q_n(z) = N(μ_n, diag e^(v_n))` to each example by
    /// gradient ascent on its own ELBO, the decoder fixed (non-amortised variational inference):
    ///
    ///     (μ_n, v_n) = argmax E_(q_n)[log p(x_n | z)] - KL(q_n ‖ N(0, I)),
    ///
    /// starting from the encoder's `q(z | x_n)`, with Adam and `samples` reparameterised draws per
    /// step. `ELBO(q_n) - ELBO(encoder)` is the amortisation gap (Cremer et al., "Inference
    /// suboptimality in variational autoencoders", 2018).
    /// - Parameters:
    ///   - x: Data `[batch, inputSize]`.
    ///   - steps: Adam steps.
    /// - Returns: The fitted posteriors, `[batch, latentSize]` each.
    public func optimizedPosterior(_ x: Tensor, steps: Int, samples: Int = 8, learningRate: Float = 1e-2,
                                   using rng: inout RandomGenerator) -> VAEPosterior {
        let start = encode(x)
        var parameters = PosteriorParameters(mean: start.mean, logVariance: start.logVariance)
        let optimizer = Adam(learningRate: learningRate)
        let batch = x.shape[0]
        let repeated = (0..<samples).flatMap { _ in 0..<batch }
        let targets = x.gathering(rows: repeated)
        for _ in 0..<steps {
            let noise = Tensor(randomNormal: [samples * batch, latentSize], using: &rng)
            let direction = gradient(at: parameters) { q -> Tensor in
                let mu = q.mean.gathering(rows: repeated), logVar = q.logVariance.gathering(rows: repeated)
                let reconstruction = logLikelihood(targets, decoderOutput: decoder(mu + noise * exp(0.5 * logVar)))
                let kl = klDivergenceDiagonalGaussians(mean: q.mean, logVariance: q.logVariance)
                return -(reconstruction.sum() / Float(samples) - kl.sum())
            }
            optimizer.update(&parameters, along: direction)
        }
        return VAEPosterior(mean: parameters.mean, logVariance: parameters.logVariance)
    }

    /// The ELBO of each example under `posterior`, averaged over `samples` reparameterised draws
    /// of `z` (the KL term is exact): a low-variance estimate for comparing posteriors.
    public func elbo(_ x: Tensor, posterior: VAEPosterior, samples: Int, using rng: inout RandomGenerator) -> [Float] {
        var total = [Float](repeating: 0, count: x.shape[0])
        for _ in 0..<samples {
            let bound = elbo(x, posterior: posterior, noise: Tensor(randomNormal: posterior.mean.shape, using: &rng))
            total = zip(total, bound.perExample).map { $0 + $1 / Float(samples) }
        }
        return total
    }
}
