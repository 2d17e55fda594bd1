// One function per workload: builds its model and data, then times its training step.
import Foundation
import GenerativeModels
import NeuralNetworks
import Tensors

/// Times the MLP VAE step (forward, backward, Adam) at batch 128.
func benchmarkVAE(seconds: Double, rng: inout RandomGenerator) {
    var vae = VAE(rng: &rng)
    let optimizer = Adam(learningRate: 1e-3)
    let images = Tensor(randomUniform: [128, 784], using: &rng)
    var noiseGenerator = rng.split()
    let result = measure(seconds: seconds) {
        let noise = Tensor(randomNormal: [128, 20], using: &noiseGenerator)
        let (_, grad) = valueWithGradient(at: vae) { $0.loss(images, noise: noise) }
        optimizer.update(&vae, along: grad)
    }
    print(String(format: "RESULT vae_mlp batch=128 steps_per_s=%.1f images_per_s=%.0f",
                 result.rate, result.rate * 128) + " " + result.cpuFields)
}

/// Times the 2-D diffusion denoiser step at batch 512.
func benchmarkDiffusion(seconds: Double, rng: inout RandomGenerator) {
    var denoiser = Denoiser(rng: &rng)
    let optimizer = Adam(learningRate: 1e-3)
    let points = Tensor(randomNormal: [512, 2], using: &rng)
    var noiseGenerator = rng.split()
    let result = measure(seconds: seconds) {
        let timesteps = Tensor(shape: [512], scalars: (0..<512).map { _ in Float(noiseGenerator.nextInt(below: 1000)) })
        let noise = Tensor(randomNormal: [512, 2], using: &noiseGenerator)
        let (_, grad) = valueWithGradient(at: denoiser) { $0.loss(points, timesteps: timesteps, noise: noise) }
        optimizer.update(&denoiser, along: grad)
    }
    print(String(format: "RESULT ddpm2d_mlp batch=512 steps_per_s=%.1f",
                 result.rate) + " " + result.cpuFields)
}

/// Times one GAN step (discriminator update, then non-saturating generator update) at batch 128.
func benchmarkGAN(seconds: Double, rng: inout RandomGenerator) {
    var gan = GAN(rng: &rng)
    let generatorOptimizer = Adam(learningRate: 2e-4, beta1: 0.5)
    let discriminatorOptimizer = Adam(learningRate: 2e-4, beta1: 0.5)
    let realImages = Tensor(randomUniform: [128, 784], lowerBound: -1, upperBound: 1, using: &rng)
    let (ones, zeros) = (Tensor(ones: [128, 1]), Tensor(zeros: [128, 1]))
    var noiseGenerator = rng.split()
    let result = measure(seconds: seconds) {
        let latent = Tensor(randomNormal: [128, 64], using: &noiseGenerator)
        let fake = gan.generator(latent)
        let discriminatorGradient = gradient(at: gan.discriminator) { d in
            binaryCrossEntropy(logits: d(realImages), labels: ones) + binaryCrossEntropy(logits: d(fake), labels: zeros)
        }
        discriminatorOptimizer.update(&gan.discriminator, along: discriminatorGradient)
        let discriminator = gan.discriminator
        let generatorGradient = gradient(at: gan.generator) { g in
            binaryCrossEntropy(logits: discriminator(g(latent)), labels: ones)
        }
        generatorOptimizer.update(&gan.generator, along: generatorGradient)
    }
    print(String(format: "RESULT gan_mlp batch=128 steps_per_s=%.1f images_per_s=%.0f",
                 result.rate, result.rate * 128) + " " + result.cpuFields)
}

/// Times Dense 784 -> 512 at batch 128, forward and backward, against the same three products
/// computed by the library's `sgemm` directly on buffers of the same sizes: the same kernels on
/// the same cores, so the ratio is what the layer adds to its products (allocation, the bias,
/// the pullback's bookkeeping) and cannot pass 1 by more than the noise. The two alternate in
/// short rounds, best of each, so both see the same load.
func benchmarkDense(seconds: Double, rng: inout RandomGenerator) {
    let dense = Dense(inputSize: 784, outputSize: 512, rng: &rng)
    let input = Tensor(randomNormal: [128, 784], using: &rng)
    let upstream = Tensor(randomNormal: [128, 512], using: &rng)
    let weight = Tensor(randomNormal: [784, 512], using: &rng)
    var outputs = [Tensor(zeros: [128, 512]), Tensor(zeros: [128, 784]), Tensor(zeros: [784, 512])]
    print("Matrix kernels: \(gemmKernelName), \(ProcessInfo.processInfo.activeProcessorCount) threads")
    let rounds = 4
    var (layerBest, rawBest) = (0.0, 0.0)
    for _ in 0..<rounds {
        let layer = measure(seconds: seconds / Double(2 * rounds)) {
            let (_, pullback) = valueWithPullback(at: dense, input) { layer, x in layer(x) }
            _ = pullback(upstream)
        }
        let raw = input.withUnsafeBufferPointer { a in
            weight.withUnsafeBufferPointer { w in
                upstream.withUnsafeBufferPointer { u in
                    measure(seconds: seconds / Double(2 * rounds)) {
                        outputs[0].withUnsafeMutableBufferPointer { c in  // forward: x • W
                            sgemm(a.baseAddress!, rows: 128, columns: 784, transposed: false,
                                  w.baseAddress!, rows: 784, columns: 512, transposed: false, into: c.baseAddress!)
                        }
                        outputs[1].withUnsafeMutableBufferPointer { c in  // input gradient: U • Wᵀ
                            sgemm(u.baseAddress!, rows: 128, columns: 512, transposed: false,
                                  w.baseAddress!, rows: 784, columns: 512, transposed: true, into: c.baseAddress!)
                        }
                        outputs[2].withUnsafeMutableBufferPointer { c in  // weight gradient: xᵀ • U
                            sgemm(a.baseAddress!, rows: 128, columns: 784, transposed: true,
                                  u.baseAddress!, rows: 128, columns: 512, transposed: false, into: c.baseAddress!)
                        }
                    }
                }
            }
        }
        (layerBest, rawBest) = (max(layerBest, layer.rate), max(rawBest, raw.rate))
    }
    print(String(format: "RESULT dense_784x512_batch128 forward_backward_per_s=%.1f raw_sgemm_per_s=%.1f efficiency=%.2f",
                 layerBest, rawBest, layerBest / rawBest))
}

/// Times the convolutional VAE step at batch 128.
func benchmarkConvVAE(seconds: Double, rng: inout RandomGenerator) {
    var model = ConvVAE(rng: &rng)
    let optimizer = Adam(learningRate: 1e-3)
    let images = Tensor(randomUniform: [128, 1, 28, 28], using: &rng)
    var noiseGenerator = rng.split()
    let result = measure(seconds: seconds) {
        let noise = Tensor(randomNormal: [128, 20], using: &noiseGenerator)
        let (_, grad) = valueWithGradient(at: model) { $0.loss(images, noise: noise) }
        optimizer.update(&model, along: grad)
    }
    print(String(format: "RESULT convvae batch=128 steps_per_s=%.2f images_per_s=%.0f",
                 result.rate, result.rate * 128) + " " + result.cpuFields)
}

/// Times the convolutional denoiser step of `torch_ref.py convddpm` at batch 32 (the images are
/// noised outside the timed loss, as the closed form costs next to nothing).
func benchmarkConvDDPM(seconds: Double, rng: inout RandomGenerator) {
    var model = ConvDenoiser(rng: &rng)
    let optimizer = Adam(learningRate: 2e-4)
    let images = Tensor(randomUniform: [32, 1, 28, 28], lowerBound: -1, upperBound: 1, using: &rng)
    var noiseGenerator = rng.split()
    let result = measure(seconds: seconds) {
        let timesteps = Tensor(shape: [32], scalars: (0..<32).map { _ in Float(noiseGenerator.nextInt(below: 1000)) })
        let noise = Tensor(randomNormal: [32, 1, 28, 28], using: &noiseGenerator)
        let (_, grad) = valueWithGradient(at: model) { $0.loss(images + noise, timesteps: timesteps, noise: noise) }
        optimizer.update(&model, along: grad)
    }
    print(String(format: "RESULT convddpm batch=32 steps_per_s=%.2f images_per_s=%.0f",
                 result.rate, result.rate * 32) + " " + result.cpuFields)
}

/// Times the MADE step of `scripts/reference/made_torch.py` (784-500-784, raster order) at batch 100.
func benchmarkMADE(seconds: Double, rng: inout RandomGenerator) {
    var maskGenerator = rng.split()
    let masks = AutoregressiveMasks.made(ordering: Array(0..<784), hiddenSizes: [500], using: &maskGenerator)
    var network = Sequential([MaskedDense(mask: masks[0], activation: relu, rng: &rng), MaskedDense(mask: masks[1], rng: &rng)])
    let optimizer = Adam(learningRate: 1e-3)
    let images = Tensor(randomBernoulli: Tensor(repeating: 0.3, shape: [100, 784]), using: &rng)
    let result = measure(seconds: seconds) {
        let (_, grad) = valueWithGradient(at: network) { -bernoulliLogLikelihood(images, logits: $0(images)).mean() }
        optimizer.update(&network, along: grad)
    }
    print(String(format: "RESULT made batch=100 steps_per_s=%.1f images_per_s=%.0f",
                 result.rate, result.rate * 100) + " " + result.cpuFields)
}

/// Times lesson 2's Fashion-MNIST GAN step (`GANConvGenerator` with 32 channels against an MLP
/// discriminator 784-512-256-1, the lesson's optimizers) at batch 64. Not in `torch_ref.py`: it
/// measures the lesson's budget, not a ratio.
func benchmarkConvGAN(seconds: Double, rng: inout RandomGenerator) {
    var gan = GenerativeModels.GAN(generator: GANConvGenerator(latentSize: 64, channels: 32, rng: &rng),
                                   discriminator: MLPDiscriminator(inputSize: 784, hiddenSizes: [512, 256], rng: &rng),
                                   latentSize: 64,
                                   generatorOptimizer: Adam(learningRate: 1e-3, beta1: 0.5),
                                   discriminatorOptimizer: Adam(learningRate: 5e-4, beta1: 0.5))
    let realImages = Tensor(randomUniform: [64, 784], lowerBound: -1, upperBound: 1, using: &rng)
    var noiseGenerator = rng.split()
    let result = measure(seconds: seconds) { _ = gan.trainingStep(real: realImages, using: &noiseGenerator) }
    print(String(format: "RESULT convgan batch=64 steps_per_s=%.1f images_per_s=%.0f",
                 result.rate, result.rate * 64) + " " + result.cpuFields)
}

/// Times lesson 6's gated PixelCNN step (12 channels, 6 gated layers, 10 classes, Adam at
/// 2e-3) at batch 25 on random binary images. Not in `torch_ref.py`: it measures the lesson's budget.
func benchmarkPixelCNN(seconds: Double, rng: inout RandomGenerator) {
    var model = PixelCNN(channels: 12, layers: 6, classCount: 10, rng: &rng)
    let optimizer = Adam(learningRate: 2e-3)
    let images = Tensor(randomBernoulli: Tensor(repeating: 0.3, shape: [25, 784]), using: &rng)
    let labels = (0..<25).map { $0 % 10 }
    let result = measure(seconds: seconds) {
        let (_, grad) = valueWithGradient(at: model.conditioned(on: labels)) { $0.negativeLogLikelihood(images) }
        optimizer.update(&model, along: grad)
    }
    print(String(format: "RESULT pixelcnn batch=25 steps_per_s=%.2f images_per_s=%.0f",
                 result.rate, result.rate * 25) + " " + result.cpuFields)
}

/// Times lesson 2's toy GAN runs on the ring of eight Gaussians (`ToyGANExperiment`: MLPs
/// 2-128-128-2, batch 256), 200 steps of each variant, and reports CPU milliseconds per step.
func benchmarkToyGAN(seconds: Double) {
    let experiment = ToyGANExperiment(data: .ring(modeCount: 8, radius: 2, standardDeviation: 0.02), steps: 200)
    for variant in [ToyGANVariant.nonSaturating, .spectralNorm] {
        let result = measure(seconds: seconds) { _ = experiment.run(variant, seed: 0) }
        print("RESULT toygan_\(variant.fileName) batch=256"
              + String(format: " steps_per_s=%.0f cpu_ms_per_step=%.3f system_share=%.3f",
                       result.rate * 200, result.cpuMilliseconds / 200, result.systemShare))
    }
}
