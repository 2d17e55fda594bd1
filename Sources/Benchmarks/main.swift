// Times training steps (forward, backward, Adam) of the workloads of
// ../shared/bench/torch_ref.py, on synthetic data already in memory.
// Usage: swift run -c release Benchmarks [seconds per workload, default 5] [workload ...]
// Workloads: vae, ddpm2d, gan, dense, convvae, convddpm, made, convgan, toygan, pixelcnn (default: all).
import Tensors

let seconds = CommandLine.arguments.dropFirst().first.flatMap(Double.init) ?? 5
let selected = Set(CommandLine.arguments.dropFirst(2))

/// Whether to run `workload`: all run when none is named on the command line.
func runs(_ workload: String) -> Bool { selected.isEmpty || selected.contains(workload) }

var rng = RandomGenerator(seed: 0)
if runs("vae") { benchmarkVAE(seconds: seconds, rng: &rng) }
if runs("ddpm2d") { benchmarkDiffusion(seconds: seconds, rng: &rng) }
if runs("gan") { benchmarkGAN(seconds: seconds, rng: &rng) }
if runs("dense") { benchmarkDense(seconds: seconds, rng: &rng) }
if runs("convvae") { benchmarkConvVAE(seconds: seconds, rng: &rng) }
if runs("convddpm") { benchmarkConvDDPM(seconds: seconds, rng: &rng) }
if runs("made") { benchmarkMADE(seconds: seconds, rng: &rng) }
if runs("convgan") { benchmarkConvGAN(seconds: seconds, rng: &rng) }
if runs("toygan") { benchmarkToyGAN(seconds: seconds) }
if runs("pixelcnn") { benchmarkPixelCNN(seconds: seconds, rng: &rng) }
