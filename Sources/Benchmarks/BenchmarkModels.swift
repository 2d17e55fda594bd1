// The networks of ../shared/bench/torch_ref.py's workloads, as the library builds them.
import Foundation
import GenerativeModels
import NeuralNetworks
import Tensors

/// The MLP VAE of `torch_ref.py vae`: 784-512-256 encoder, 20-dimensional latent, mirrored decoder.
struct VAE: Differentiable {
    var encoder: Sequential<Dense>
    var mean: Dense
    var logVariance: Dense
    var decoder: Sequential<Dense>

    init(rng: inout RandomGenerator) {
        encoder = Sequential(layerSizes: [784, 512, 256], activation: relu, outputActivation: relu, rng: &rng)
        mean = Dense(inputSize: 256, outputSize: 20, rng: &rng)
        logVariance = Dense(inputSize: 256, outputSize: 20, rng: &rng)
        decoder = Sequential(layerSizes: [20, 256, 512, 784], activation: relu, rng: &rng)
    }

    /// The negative ELBO per image, averaged over the batch (Bernoulli likelihood, analytic KL).
    @differentiable(reverse, wrt: self)
    func loss(_ x: Tensor, noise: Tensor) -> Tensor {
        let hidden = encoder(x)
        let (mu, logVar) = (mean(hidden), logVariance(hidden))
        let z = mu + noise * exp(0.5 * logVar)
        let reconstruction = -bernoulliLogLikelihood(x, logits: decoder(z))
        return (reconstruction + klDivergenceDiagonalGaussians(mean: mu, logVariance: logVar)).mean()
    }
}

/// The 2-D denoiser of `torch_ref.py ddpm2d`: x ++ sinusoidal(t, 32) -> 3 x [128 + SiLU] -> 2.
struct Denoiser: Differentiable {
    var network: Sequential<Dense>

    init(rng: inout RandomGenerator) {
        network = Sequential(layerSizes: [34, 128, 128, 128, 2], activation: silu, rng: &rng)
    }

    @differentiable(reverse, wrt: self)
    func loss(_ x: Tensor, timesteps: Tensor, noise: Tensor) -> Tensor {
        let input = Tensor(concatenating: [x, sinusoidalEmbedding(timesteps, dimension: 32)], alongAxis: 1)
        return meanSquaredError(predicted: network(input), expected: noise)
    }
}

/// The MLP GAN of `torch_ref.py gan`: generator 64-256-512-784 (tanh), discriminator
/// 784-512-256-1 with leaky ReLU (slope 0.2).
struct GAN {
    var generator: Sequential<Dense>
    var discriminator: Sequential<Dense>

    init(rng: inout RandomGenerator) {
        generator = Sequential(layerSizes: [64, 256, 512, 784], activation: relu, outputActivation: tanh, rng: &rng)
        discriminator = Sequential(layerSizes: [784, 512, 256, 1], activation: { leakyRelu($0, negativeSlope: 0.2) },
                                   rng: &rng)
    }
}

/// The convolutional VAE of `torch_ref.py convvae`: two stride-2 convolutions down to 7x7,
/// a 20-dimensional latent, two stride-2 transposed convolutions back to 28x28.
struct ConvVAE: Differentiable {
    var down1: Conv2D, down2: Conv2D, encode: Dense
    var decode: Dense, up1: ConvTranspose2D, up2: ConvTranspose2D

    init(rng: inout RandomGenerator) {
        down1 = Conv2D(inputChannels: 1, outputChannels: 32, kernelSize: 4, stride: 2, padding: 1, activation: relu, rng: &rng)
        down2 = Conv2D(inputChannels: 32, outputChannels: 64, kernelSize: 4, stride: 2, padding: 1, activation: relu, rng: &rng)
        encode = Dense(inputSize: 64 * 49, outputSize: 40, rng: &rng)
        decode = Dense(inputSize: 20, outputSize: 64 * 49, activation: relu, rng: &rng)
        up1 = ConvTranspose2D(inputChannels: 64, outputChannels: 32, kernelSize: 4, stride: 2, padding: 1, activation: relu, rng: &rng)
        up2 = ConvTranspose2D(inputChannels: 32, outputChannels: 1, kernelSize: 4, stride: 2, padding: 1, rng: &rng)
    }

    @differentiable(reverse, wrt: self)
    func loss(_ x: Tensor, noise: Tensor) -> Tensor {
        let statistics = encode(down2(down1(x)).flattenedBatch())
        let mu = statistics.sliced(alongAxis: 1, range: 0..<20)
        let logVar = statistics.sliced(alongAxis: 1, range: 20..<40)
        let z = mu + noise * exp(0.5 * logVar)
        let logits = up2(up1(decode(z).reshaped(to: [-1, 64, 7, 7])))
        return (-bernoulliLogLikelihood(x, logits: logits) + klDivergenceDiagonalGaussians(mean: mu, logVariance: logVar)).mean()
    }
}

/// The convolutional denoiser of `torch_ref.py convddpm` (unconditional, 32 base channels):
/// conv3×3 1→32 at 28×28, conv4×4/2 to 64 channels at 14×14, conv3×3 with the time embedding
/// added, transposed conv4×4/2 back to 32 channels at 28×28, the skip concatenated, conv3×3 64→32,
/// conv3×3 32→1; GroupNorm(8) and SiLU after every convolution but the last.
struct ConvDenoiser: Differentiable {
    var timeMLP: Sequential<Dense>
    var inputConv: Conv2D, inputNorm: GroupNorm
    var downConv: Conv2D, downNorm: GroupNorm
    var middleConv: Conv2D, middleNorm: GroupNorm
    var upConv: ConvTranspose2D, upNorm: GroupNorm
    var mergeConv: Conv2D, mergeNorm: GroupNorm
    var outputConv: Conv2D

    init(rng: inout RandomGenerator) {
        timeMLP = Sequential([Dense(inputSize: 64, outputSize: 128, activation: silu, rng: &rng),
                              Dense(inputSize: 128, outputSize: 64, rng: &rng)])
        inputConv = Conv2D(inputChannels: 1, outputChannels: 32, kernelSize: 3, padding: 1, rng: &rng)
        inputNorm = GroupNorm(groupCount: 8, channelCount: 32)
        downConv = Conv2D(inputChannels: 32, outputChannels: 64, kernelSize: 4, stride: 2, padding: 1, rng: &rng)
        downNorm = GroupNorm(groupCount: 8, channelCount: 64)
        middleConv = Conv2D(inputChannels: 64, outputChannels: 64, kernelSize: 3, padding: 1, rng: &rng)
        middleNorm = GroupNorm(groupCount: 8, channelCount: 64)
        upConv = ConvTranspose2D(inputChannels: 64, outputChannels: 32, kernelSize: 4, stride: 2, padding: 1, rng: &rng)
        upNorm = GroupNorm(groupCount: 8, channelCount: 32)
        mergeConv = Conv2D(inputChannels: 64, outputChannels: 32, kernelSize: 3, padding: 1, rng: &rng)
        mergeNorm = GroupNorm(groupCount: 8, channelCount: 32)
        outputConv = Conv2D(inputChannels: 32, outputChannels: 1, kernelSize: 3, padding: 1, rng: &rng)
    }

    /// The ε-prediction loss on noised images `x` at `timesteps`.
    @differentiable(reverse, wrt: self)
    func loss(_ x: Tensor, timesteps: Tensor, noise: Tensor) -> Tensor {
        let embedding = timeMLP(sinusoidalEmbedding(timesteps, dimension: 64)).reshaped(to: [-1, 64, 1, 1])
        let h1 = inputNorm.normalizedSiLU(inputConv(x))
        let h2 = downNorm.normalizedSiLU(downConv(h1))
        let h3 = middleNorm.normalizedSiLU(middleConv(h2 + embedding))
        let h4 = upNorm.normalizedSiLU(upConv(h3))
        let h5 = mergeNorm.normalizedSiLU(mergeConv(Tensor(concatenating: [h4, h1], alongAxis: 1)))
        return meanSquaredError(predicted: outputConv(h5), expected: noise)
    }
}
