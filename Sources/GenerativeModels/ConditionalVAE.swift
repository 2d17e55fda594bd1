import Datasets
import NeuralNetworks

/// A class-conditional VAE (Sohn et al., "Learning structured output representation using deep
/// conditional generative models", 2015): lesson 3's Bernoulli VAE with the class `y` given as a
/// one-hot vector `e_y` to the encoder and to the decoder.
///
/// Prior `p(z) = N(0, I)`, independent of `y`; encoder `q(z | x, y) = N(μ(x ++ e_y), diag e^(v(x ++ e_y)))`;
/// decoder `p(x | z, y)`, Bernoulli pixels with logits `D(z ++ e_y)`. It maximises the conditional bound
///
///     ELBO(x, y) = E_q[log p(x | z, y)] - KL(q(z | x, y) ‖ N(0, I)) ≤ log p(x | y),
///
/// and samples a class `y` as `σ(D(z ++ e_y))`, `z ~ N(0, I)`. Shapes: images `[batch, inputSize]`,
/// latents `[batch, latentSize]`, one label in `0..<classCount` per row.
public struct ConditionalVAE: Differentiable {
    /// The encoder's trunk, `inputSize + classCount -> hiddenSizes`, ReLU after every layer.
    public var encoder: Sequential<Dense>
    /// The head giving the posterior mean `μ`.
    public var mean: Dense
    /// The head giving the posterior log-variance `v`.
    public var logVariance: Dense
    /// The decoder, `latentSize + classCount -> reversed(hiddenSizes) -> inputSize`, giving logits.
    public var decoder: Sequential<Dense>
    /// The dimension of `z`.
    @noDerivative public let latentSize: Int
    /// The dimension of `x`.
    @noDerivative public let inputSize: Int
    /// The number of classes.
    @noDerivative public let classCount: Int

    /// Creates the model with Glorot-uniform weights drawn from `rng`; the defaults are lesson 3's
    /// VAE (784–512–256–20) with ten classes.
    public init(inputSize: Int = 784, hiddenSizes: [Int] = [512, 256], latentSize: Int = 20, classCount: Int = 10,
                rng: inout RandomGenerator) {
        precondition(!hiddenSizes.isEmpty && classCount > 0,
                     "ConditionalVAE: need a hidden layer and a class, got hidden sizes \(hiddenSizes), \(classCount) classes")
        encoder = Sequential(layerSizes: [inputSize + classCount] + hiddenSizes, activation: relu, outputActivation: relu, rng: &rng)
        let last = hiddenSizes[hiddenSizes.count - 1]
        mean = Dense(inputSize: last, outputSize: latentSize, rng: &rng)
        logVariance = Dense(inputSize: last, outputSize: latentSize, rng: &rng)
        decoder = Sequential(layerSizes: [latentSize + classCount] + hiddenSizes.reversed() + [inputSize], activation: relu, rng: &rng)
        (self.latentSize, self.inputSize, self.classCount) = (latentSize, inputSize, classCount)
    }

    /// The one-hot rows `[labels.count, classCount]` of `labels`.
    public func oneHot(_ labels: [Int]) -> Tensor {
        Tensor(oneHotAtIndices: labels, depth: classCount)
    }

    /// The posterior `q(z | x, y)` of a batch, mean and log-variance `[batch, latentSize]`.
    public func encode(_ x: Tensor, labels: [Int]) -> VAEPosterior {
        let hidden = encoder(Tensor(concatenating: [x, oneHot(labels)], alongAxis: 1))
        return VAEPosterior(mean: mean(hidden), logVariance: logVariance(hidden))
    }

    /// The decoder's means `σ(D(z ++ e_y))`, `[count, inputSize]`, for latents `[count, latentSize]`.
    public func decode(_ z: Tensor, labels: [Int]) -> Tensor {
        precondition(z.shape[0] == labels.count, "ConditionalVAE.decode: \(z.shape[0]) latents, \(labels.count) labels")
        return sigmoid(decoder(Tensor(concatenating: [z, oneHot(labels)], alongAxis: 1)))
    }

    /// The negative conditional ELBO averaged over the batch, the training loss
    /// `mean_i(-log p(x_i | z_i, y_i) + KL(q(z | x_i, y_i) ‖ N(0, I)))`, `z_i = μ_i + e^(v_i/2) ε_i`.
    /// - Parameters:
    ///   - x: Pixels in [0, 1], `[batch, inputSize]`.
    ///   - condition: The labels' one-hot rows (`oneHot(labels)`), `[batch, classCount]`.
    ///   - noise: `ε ~ N(0, I)`, `[batch, latentSize]`.
    @differentiable(reverse, wrt: self)
    public func loss(_ x: Tensor, condition: Tensor, noise: Tensor) -> Tensor {
        let hidden = encoder(Tensor(concatenating: [x, condition], alongAxis: 1))
        let mu = mean(hidden), logVar = logVariance(hidden)
        let z = mu + noise * exp(0.5 * logVar)
        let logits = decoder(Tensor(concatenating: [z, condition], alongAxis: 1))
        return (-bernoulliLogLikelihood(x, logits: logits) + klDivergenceDiagonalGaussians(mean: mu, logVariance: logVar)).mean()
    }

    /// One image of each class in `labels`: `σ(D(z ++ e_y))` with `z ~ N(0, I)`, `[labels.count, inputSize]`.
    public func sample(labels: [Int], using rng: inout RandomGenerator) -> Tensor {
        decode(Tensor(randomNormal: [labels.count, latentSize], using: &rng), labels: labels)
    }

    /// Trains as `VAE.fit` trains lesson 3's VAE: `epochs` passes over `data` (flattened pixels in
    /// [0, 1], with their labels) in batches of 128 reshuffled every epoch from `seed`, the noise
    /// drawn from `seed + 1`, Adam with learning rate 10⁻³.
    /// - Returns: the loss (nats per image, averaged over the batch) of every step.
    public mutating func fit(_ data: FashionMNIST, epochs: Int, seed: UInt64, progress: TrainingProgress = { _, _ in }) -> [Float] {
        let optimizer = Adam(learningRate: 1e-3)
        return lesson3TrainingLoop(data, epochs: epochs, latentSize: latentSize, seed: seed, progress: progress) { indices, epsilon in
            let images = data.images(indices), condition = oneHot(indices.map { data.labels[$0] })
            let (loss, gradient) = valueWithGradient(at: self) { model in model.loss(images, condition: condition, noise: epsilon) }
            optimizer.update(&self, along: gradient)
            return loss.scalar
        }
    }
}
