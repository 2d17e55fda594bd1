import Foundation
import NeuralNetworks

/// The likelihood `p(x | z)` of a VAE's decoder.
public enum VAELikelihood: Sendable, Equatable {
    /// Independent Bernoullis with the decoder's outputs as logits:
    /// `log p(x | z) = Σ_j x_j log σ(l_j) + (1 - x_j) log(1 - σ(l_j))`, for pixels in `[0, 1]`.
    case bernoulli
    /// A Gaussian `N(x; D(z), σ² I)` with a fixed `σ = standardDeviation` around the decoder's
    /// output: `log p(x | z) = -‖x - D(z)‖² / (2σ²) - d log σ - (d/2) log 2π`, a scaled squared error.
    case gaussian(standardDeviation: Float)
}

/// A variational autoencoder with multilayer-perceptron encoder and decoder (Kingma and Welling,
/// "Auto-encoding variational Bayes", 2014).
///
/// Prior `p(z) = N(0, I)`; encoder `q(z | x) = N(z; μ(x), diag e^(v(x)))` with `v = logVariance`;
/// decoder `p(x | z)` as set by `likelihood`. It is trained by maximising the evidence lower bound
///
///     ELBO(x) = E_q[log p(x | z)] - KL(q(z | x) ‖ p(z)) ≤ log p(x),
///
/// with `z = μ + e^(v/2) ε`, `ε ~ N(0, I)` (the reparameterisation trick), so that the gradient
/// flows through the sample. The default sizes are those of `../shared/bench/torch_ref.py vae`:
/// 784-512-256 encoder, a 20-dimensional latent and the mirrored decoder.
///
/// Inputs are `[batch, inputSize]`; noise and latents are `[batch, latentSize]`.
public struct VAE: Differentiable {
    /// The shared trunk of the encoder, `inputSize -> hiddenSizes` with ReLU after every layer.
    public var encoder: Sequential<Dense>
    /// The head giving the posterior mean `μ(x)`.
    public var mean: Dense
    /// The head giving the posterior log-variance `v(x)`.
    public var logVariance: Dense
    /// The decoder, `latentSize -> reversed(hiddenSizes) -> inputSize`; its output is logits
    /// (Bernoulli) or the mean (Gaussian).
    public var decoder: Sequential<Dense>
    /// The decoder's likelihood.
    @noDerivative public let likelihood: VAELikelihood
    /// The dimension of `z`.
    @noDerivative public let latentSize: Int
    /// The dimension of `x`.
    @noDerivative public let inputSize: Int

    /// Creates a VAE with Glorot-uniform weights drawn from `rng`.
    /// - Parameters:
    ///   - inputSize: The dimension of `x` (784 for 28×28 images).
    ///   - hiddenSizes: The encoder's hidden layers; the decoder uses them reversed.
    ///   - latentSize: The dimension of `z`.
    ///   - likelihood: The decoder's `p(x | z)`.
    public init(inputSize: Int = 784, hiddenSizes: [Int] = [512, 256], latentSize: Int = 20,
                likelihood: VAELikelihood = .bernoulli, rng: inout RandomGenerator) {
        precondition(!hiddenSizes.isEmpty, "VAE: need at least one hidden layer, got \(hiddenSizes)")
        encoder = Sequential(layerSizes: [inputSize] + hiddenSizes, activation: relu, outputActivation: relu, rng: &rng)
        let last = hiddenSizes[hiddenSizes.count - 1]
        mean = Dense(inputSize: last, outputSize: latentSize, rng: &rng)
        logVariance = Dense(inputSize: last, outputSize: latentSize, rng: &rng)
        decoder = Sequential(layerSizes: [latentSize] + hiddenSizes.reversed() + [inputSize], activation: relu, rng: &rng)
        self.likelihood = likelihood
        self.latentSize = latentSize
        self.inputSize = inputSize
    }

    // MARK: - The parts

    /// The posterior `q(z | x)` of a batch: its mean and log-variance, each `[batch, latentSize]`.
    public func encode(_ x: Tensor) -> VAEPosterior {
        let hidden = encoder(x)
        return VAEPosterior(mean: mean(hidden), logVariance: logVariance(hidden))
    }

    /// The mean of `p(x | z)` for latents `z` `[count, latentSize]`: `σ(logits)` for Bernoulli
    /// pixels, the decoder's output clamped to `[0, 1]` for a Gaussian. Shape `[count, inputSize]`.
    public func decode(_ z: Tensor) -> Tensor {
        let output = decoder(z)
        switch likelihood {
        case .bernoulli: return sigmoid(output)
        case .gaussian: return clamp(output, min: 0, max: 1)
        }
    }

    /// `log p(x | z)` per example, `[batch]`, from the decoder's raw output.
    @differentiable(reverse, wrt: output)
    func logLikelihood(_ x: Tensor, decoderOutput output: Tensor) -> Tensor {
        switch likelihood {
        case .bernoulli:
            return bernoulliLogLikelihood(x, logits: output)
        case .gaussian(let standardDeviation):
            let logVariance = Tensor(Float(2 * Foundation.log(Double(standardDeviation))))
            return gaussianLogLikelihood(x, mean: output, logVariance: logVariance)
        }
    }

    // MARK: - The bound

    /// The negative ELBO with a weighted KL term, averaged over the batch: the training loss
    ///
    ///     loss = mean_i( -log p(x_i | z_i) + beta KL(q(z | x_i) ‖ N(0, I)) ),  z_i = μ_i + e^(v_i/2) ε_i.
    ///
    /// `beta = 1` is the VAE; other values give the beta-VAE (Higgins et al., 2017).
    /// - Parameters:
    ///   - x: Data `[batch, inputSize]`.
    ///   - noise: `ε ~ N(0, I)`, `[batch, latentSize]`, drawn by the caller outside the
    ///     differentiated closure.
    @differentiable(reverse, wrt: self)
    public func loss(_ x: Tensor, noise: Tensor, beta: Float = 1) -> Tensor {
        let hidden = encoder(x)
        let mu = mean(hidden), logVar = logVariance(hidden)
        let z = mu + noise * exp(0.5 * logVar)
        let reconstruction = -logLikelihood(x, decoderOutput: decoder(z))
        return (reconstruction + beta * klDivergenceDiagonalGaussians(mean: mu, logVariance: logVar)).mean()
    }

    /// The ELBO of each example with one sample of `z`, split into its two terms.
    /// - Parameters:
    ///   - x: Data `[batch, inputSize]`.
    ///   - noise: `ε`, `[batch, latentSize]`; zeros give the bound at `z = μ`.
    public func elbo(_ x: Tensor, noise: Tensor) -> VAEBound {
        elbo(x, posterior: encode(x), noise: noise)
    }

    /// The ELBO of each example under a given `q(z | x)` (the encoder's, or one fitted to each
    /// example), with one sample `z = μ + e^(v/2) ε` per example, split into its two terms.
    public func elbo(_ x: Tensor, posterior: VAEPosterior, noise: Tensor) -> VAEBound {
        let z = posterior.sample(noise: noise)
        let reconstruction = logLikelihood(x, decoderOutput: decoder(z))
        let kl = klDivergenceDiagonalGaussians(mean: posterior.mean, logVariance: posterior.logVariance)
        return VAEBound(reconstruction: reconstruction.scalars, kl: kl.scalars)
    }

    /// Draws `count` latents from the prior `N(0, I)` and returns the decoder's means,
    /// `[count, inputSize]` (pixel intensities for images).
    public func sample(count: Int, using rng: inout RandomGenerator) -> Tensor {
        decode(Tensor(randomNormal: [count, latentSize], using: &rng))
    }
}

/// The diagonal Gaussian posterior `q(z | x) = N(μ, diag e^v)` of a batch.
public struct VAEPosterior {
    /// `μ(x)`, `[batch, latentSize]`.
    public var mean: Tensor
    /// `v(x) = log σ²(x)`, `[batch, latentSize]`.
    public var logVariance: Tensor

    /// Creates a posterior from its mean and log-variance, which must have the same shape.
    public init(mean: Tensor, logVariance: Tensor) {
        precondition(mean.shape == logVariance.shape,
                     "VAEPosterior: mean \(mean.shape) and logVariance \(logVariance.shape) differ")
        self.mean = mean
        self.logVariance = logVariance
    }

    /// The reparameterised sample `z = μ + e^(v/2) ε` for noise `ε` of the same shape.
    public func sample(noise: Tensor) -> Tensor {
        precondition(noise.shape == mean.shape, "VAEPosterior.sample: noise \(noise.shape), mean \(mean.shape)")
        return mean + noise * exp(0.5 * logVariance)
    }
}

/// The two terms of the ELBO for each example of a batch, in nats.
public struct VAEBound {
    /// `log p(x | z)` with one sample of `z ~ q(z | x)`, per example.
    public var reconstruction: [Float]
    /// `KL(q(z | x) ‖ N(0, I))` in closed form, per example.
    public var kl: [Float]

    /// Creates the bound from its per-example terms.
    public init(reconstruction: [Float], kl: [Float]) {
        precondition(reconstruction.count == kl.count, "VAEBound: \(reconstruction.count) and \(kl.count) examples")
        self.reconstruction = reconstruction
        self.kl = kl
    }

    /// `ELBO = log p(x | z) - KL` per example.
    public var perExample: [Float] { zip(reconstruction, kl).map { $0 - $1 } }
}
