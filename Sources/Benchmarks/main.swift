// Times training steps (forward, backward, Adam) of the MLP workloads of
// ../shared/bench/torch_ref.py, on synthetic data already in memory.
// Usage: swift run -c release Benchmarks [seconds per workload, default 5]
import Foundation
import NeuralNetworks

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

/// The CPU time this process has used, in seconds (robust to other processes sharing the cores).
func processorTime() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

/// Runs `step` for about `seconds` after a warm-up; returns steps per wall-clock second and
/// CPU milliseconds per step.
func measure(seconds: Double, _ step: () -> Void) -> (rate: Double, cpuMilliseconds: Double) {
    for _ in 0..<5 { step() }
    let start = Date(), cpuStart = processorTime()
    var count = 0
    while Date().timeIntervalSince(start) < seconds {
        step()
        count += 1
    }
    return (Double(count) / Date().timeIntervalSince(start), (processorTime() - cpuStart) * 1000 / Double(count))
}

let seconds = CommandLine.arguments.dropFirst().first.flatMap(Double.init) ?? 5
var rng = RandomGenerator(seed: 0)

var vae = VAE(rng: &rng)
let vaeOptimizer = Adam(learningRate: 1e-3)
let images = Tensor(randomUniform: [128, 784], using: &rng)
let vaeRate = measure(seconds: seconds) {
    let noise = Tensor(randomNormal: [128, 20], using: &rng)
    let (_, grad) = valueWithGradient(at: vae) { $0.loss(images, noise: noise) }
    vaeOptimizer.update(&vae, along: grad)
}
print(String(format: "RESULT vae_mlp batch=128 steps_per_s=%.1f images_per_s=%.0f cpu_ms_per_step=%.2f",
             vaeRate.rate, vaeRate.rate * 128, vaeRate.cpuMilliseconds))

var denoiser = Denoiser(rng: &rng)
let denoiserOptimizer = Adam(learningRate: 1e-3)
let points = Tensor(randomNormal: [512, 2], using: &rng)
let diffusionRate = measure(seconds: seconds) {
    let timesteps = Tensor(shape: [512], scalars: (0..<512).map { _ in Float(rng.nextInt(below: 1000)) })
    let noise = Tensor(randomNormal: [512, 2], using: &rng)
    let (_, grad) = valueWithGradient(at: denoiser) { $0.loss(points, timesteps: timesteps, noise: noise) }
    denoiserOptimizer.update(&denoiser, along: grad)
}
print(String(format: "RESULT ddpm2d_mlp batch=512 steps_per_s=%.1f cpu_ms_per_step=%.2f",
             diffusionRate.rate, diffusionRate.cpuMilliseconds))
