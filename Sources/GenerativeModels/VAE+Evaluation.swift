import Foundation
import NeuralNetworks

// MARK: - Likelihood bounds

extension VAE {
    /// The importance-weighted bound of Burda et al. ("Importance weighted autoencoders", 2016)
    /// on `log p(x)` per example, with `k` samples from the encoder as the proposal:
    ///
    ///     L_k(x) = log (1/k) Σ_i p(x | z_i) p(z_i) / q(z_i | x),   z_i ~ q(z | x).
    ///
    /// `L_1` is the ELBO; `L_k` never decreases in expectation as `k` grows and tends to
    /// `log p(x)`. Computed with log-sum-exp over the `k` log-weights.
    /// - Parameters:
    ///   - x: Data `[batch, inputSize]`; `batch * samples` rows go through the decoder at once.
    ///   - samples: `k >= 1`.
    /// - Returns: `L_k` for each example, in nats.
    public func importanceWeightedBound(_ x: Tensor, samples k: Int, using rng: inout RandomGenerator) -> [Float] {
        precondition(k >= 1 && x.rank == 2, "importanceWeightedBound: k = \(k), x \(x.shape)")
        let batch = x.shape[0]
        let posterior = encode(x)
        // Row i * k + s holds sample s of example i.
        let repeated = (0..<batch).flatMap { [Int](repeating: $0, count: k) }
        let mu = posterior.mean.gathering(rows: repeated)
        let logVar = posterior.logVariance.gathering(rows: repeated)
        let z = mu + Tensor(randomNormal: mu.shape, using: &rng) * exp(0.5 * logVar)
        let logDecoder = logLikelihood(x.gathering(rows: repeated), decoderOutput: decoder(z))
        let logPrior = gaussianLogLikelihood(z, mean: Tensor(0), logVariance: Tensor(0))
        let logPosterior = gaussianLogLikelihood(z, mean: mu, logVariance: logVar)
        let logWeights = (logDecoder + logPrior - logPosterior).reshaped(to: [batch, k])
        return (logWeights.logSumExp(axis: 1) - Float(Foundation.log(Double(k)))).scalars
    }

    /// The ELBO of every example of a data set, one sample of `z` each, in batches.
    /// - Parameters:
    ///   - pixels: `count * inputSize` values, example after example.
    ///   - count: The number of examples.
    ///   - batchSize: Examples per forward pass.
    public func elbo(pixels: [Float], count: Int, batchSize: Int = 1000, using rng: inout RandomGenerator) -> VAEBound {
        precondition(pixels.count == count * inputSize, "elbo: \(pixels.count) values for \(count) examples of \(inputSize)")
        var bound = VAEBound(reconstruction: [], kl: [])
        for start in stride(from: 0, to: count, by: batchSize) {
            let size = Swift.min(batchSize, count - start)
            let x = Tensor(shape: [size, inputSize], scalars: Array(pixels[(start * inputSize)..<((start + size) * inputSize)]))
            let part = elbo(x, noise: Tensor(randomNormal: [size, latentSize], using: &rng))
            bound.reconstruction += part.reconstruction
            bound.kl += part.kl
        }
        return bound
    }

    /// The importance-weighted bound `L_k` of every example of a data set, in batches of
    /// `batchSize` examples (`batchSize * samples` decoder passes at once).
    public func importanceWeightedBound(pixels: [Float], count: Int, samples k: Int, batchSize: Int = 50,
                                        using rng: inout RandomGenerator) -> [Float] {
        precondition(pixels.count == count * inputSize,
                     "importanceWeightedBound: \(pixels.count) values for \(count) examples of \(inputSize)")
        var bounds: [Float] = []
        bounds.reserveCapacity(count)
        for start in stride(from: 0, to: count, by: batchSize) {
            let size = Swift.min(batchSize, count - start)
            let x = Tensor(shape: [size, inputSize], scalars: Array(pixels[(start * inputSize)..<((start + size) * inputSize)]))
            bounds += importanceWeightedBound(x, samples: k, using: &rng)
        }
        return bounds
    }
}

// MARK: - How the latent dimensions are used

/// How much each latent dimension is used over a data set: a dimension whose posterior equals
/// the prior for every `x` carries no information ("posterior collapse").
public struct VAELatentUsage {
    /// `E_x KL(q(z_j | x) ‖ N(0, 1))` for each dimension `j`, in nats.
    public var klPerDimension: [Float]
    /// `Var_x(μ_j(x))` for each dimension: the activity of Burda et al. (2016).
    public var meanVariance: [Float]

    /// Creates the usage from per-dimension KL and variance of the mean, of equal lengths.
    public init(klPerDimension: [Float], meanVariance: [Float]) {
        precondition(klPerDimension.count == meanVariance.count,
                     "VAELatentUsage: \(klPerDimension.count) KL values, \(meanVariance.count) variances")
        self.klPerDimension = klPerDimension
        self.meanVariance = meanVariance
    }

    /// The dimensions with `Var_x(μ_j(x)) > threshold` (Burda et al. use 0.01).
    public func activeDimensions(threshold: Float = 0.01) -> [Int] {
        meanVariance.indices.filter { meanVariance[$0] > threshold }
    }

    /// The dimensions whose average KL exceeds `minimumKL` nats: those that carry information
    /// about `x`. Stricter than `activeDimensions`, which counts a dimension as soon as its mean moves.
    public func informativeDimensions(minimumKL: Float = 0.1) -> [Int] {
        klPerDimension.indices.filter { klPerDimension[$0] > minimumKL }
    }
}

extension VAE {
    /// Per-dimension KL and activity of the posterior over the examples of `x` `[batch, inputSize]`.
    public func latentUsage(_ x: Tensor) -> VAELatentUsage {
        let posterior = encode(x)
        let perElement = 0.5 * (posterior.mean * posterior.mean + exp(posterior.logVariance) - 1 - posterior.logVariance)
        return VAELatentUsage(klPerDimension: perElement.mean(axis: 0).scalars,
                              meanVariance: posterior.mean.variance(axis: 0).scalars)
    }

    /// Decodes the straight line from `start` to `end` in latent space, `steps >= 2` points
    /// including both ends: `[steps, inputSize]` decoder means.
    /// - Parameters:
    ///   - start: A latent `[latentSize]` (or `[1, latentSize]`).
    ///   - end: A latent of the same size.
    public func interpolate(from start: Tensor, to end: Tensor, steps: Int) -> Tensor {
        precondition(steps >= 2 && start.scalarCount == latentSize && end.scalarCount == latentSize,
                     "interpolate: steps \(steps), start \(start.shape), end \(end.shape), latentSize \(latentSize)")
        let a = start.scalars, b = end.scalars
        var scalars: [Float] = []
        for step in 0..<steps {
            let t = Float(step) / Float(steps - 1)
            scalars += zip(a, b).map { (1 - t) * $0 + t * $1 }
        }
        return decode(Tensor(shape: [steps, latentSize], scalars: scalars))
    }
}
