import Datasets
import Metrics
import NeuralNetworks

/// The model families lesson 9 compares on lesson 2's toy mixtures of Gaussians.
public enum ToyFamily: CaseIterable, Hashable, Sendable {
    /// Lesson 2's GAN with the non-saturating loss.
    case gan
    /// A VAE with a 2-D latent and a Gaussian decoder; samples are decoder means.
    case vae
    /// Lesson 4's DDPM, sampled by deterministic DDIM.
    case diffusion
    /// Lesson 5's flow matching, sampled by Euler steps.
    case flowMatching
    /// Lesson 5's affine coupling flow, trained by maximum likelihood.
    case couplingFlow

    /// A name for tables and legends: "GAN", "VAE", ...
    public var name: String {
        switch self {
        case .gan: "GAN"
        case .vae: "VAE"
        case .diffusion: "diffusion (DDIM)"
        case .flowMatching: "flow matching"
        case .couplingFlow: "coupling flow"
        }
    }
}

/// One named training loss, recorded at every step.
public struct LossCurve: Sendable {
    /// What the loss is: "discriminator", "negative ELBO", ...
    public var name: String
    /// Its value at each training step.
    public var values: [Float]
}

/// What one run of `ToyFamilyExperiment` recorded.
public struct ToyFamilyRun: Sendable {
    /// The family's training losses (two for the GAN, one for the others).
    public var losses: [LossCurve]
    /// Mode coverage of `progressSampleCount` samples every `coverageInterval` steps, from step 0 to the last.
    public var coverageOverTraining: [ModeCoverage]
    /// `coverageSampleCount` samples after the last step, as points.
    public var samples: [[Double]]
    /// Mode coverage of `samples`.
    public var coverage: ModeCoverage

    /// Creates a record of a run.
    public init(losses: [LossCurve], coverageOverTraining: [ModeCoverage], samples: [[Double]], coverage: ModeCoverage) {
        self.losses = losses
        self.coverageOverTraining = coverageOverTraining
        self.samples = samples
        self.coverage = coverage
    }
}

extension ToyFamilyRun {
    /// The mean over `runs` (one per seed, measured at the same steps) of `measure` at each
    /// measurement of `coverageOverTraining`: the curve of a family over training.
    /// - Precondition: `runs` is not empty and its runs have as many measurements.
    public static func meanOverTraining(_ runs: [ToyFamilyRun], _ measure: (ModeCoverage) -> Double) -> [Double] {
        precondition(!runs.isEmpty, "ToyFamilyRun.meanOverTraining: no runs")
        let count = runs[0].coverageOverTraining.count
        precondition(runs.allSatisfy { $0.coverageOverTraining.count == count },
                     "ToyFamilyRun.meanOverTraining: runs with \(runs.map(\.coverageOverTraining.count)) measurements")
        return (0..<count).map { index in runs.reduce(0) { $0 + measure($1.coverageOverTraining[index]) } / Double(runs.count) }
    }
}

/// Every family of the course trained on the same 2-D mixture of Gaussian modes, with the same
/// network widths, optimizer, number of steps and batch size, and measured by lesson 2's mode
/// coverage (modes captured, high-quality share, reverse KL; see `ModeCoverage`).
///
/// Each family's networks are MLPs with `hiddenSizes` (the GAN's generator and discriminator, the
/// VAE's encoder and decoder, the denoiser, the velocity network, each coupling's conditioner);
/// Adam at `learningRate` (`β₁ = 0.5` for the GAN, as in lesson 2). A run with seed `s` initialises
/// from `RandomGenerator(seed: s)` and trains from `RandomGenerator(seed: 1000 + s)`, so runs are
/// reproducible and independent of their order.
/// ```swift
/// let experiment = ToyFamilyExperiment(data: .ring(), steps: 1000)
/// let run = experiment.run(.vae, seed: 0)
/// print(run.coverage.modesCaptured)
/// ```
public struct ToyFamilyExperiment: Sendable {
    /// The mixture every family learns.
    public var data: GaussianModes
    /// The number of training steps.
    public var steps: Int
    /// Data points per step.
    public var batchSize = 256
    /// The hidden widths of every network.
    public var hiddenSizes = [128, 128]
    /// Adam's learning rate, for every family.
    public var learningRate: Float = 1e-3
    /// The standard deviation of the VAE's Gaussian decoder `p(x | z) = N(D(z), σ² I)`.
    public var vaeDecoderStandardDeviation: Float = 0.1
    /// Network passes per sample of the iterative samplers (DDIM and flow matching's Euler).
    public var samplingSteps = 50
    /// The number of affine couplings of the flow.
    public var couplingLayers = 8
    /// Steps between two measurements of `coverageOverTraining`.
    public var coverageInterval = 100
    /// Samples per measurement during training.
    public var progressSampleCount = 1000
    /// Samples of the final measurement.
    public var coverageSampleCount = 2500

    /// Creates an experiment on `data`; the other settings keep their defaults until changed.
    public init(data: GaussianModes, steps: Int) {
        precondition(steps > 0, "ToyFamilyExperiment: steps \(steps) must be positive")
        self.data = data
        self.steps = steps
    }

    /// Trains `family` from `seed` and measures it during and after training.
    public func run(_ family: ToyFamily, seed: UInt64) -> ToyFamilyRun {
        var rng = RandomGenerator(seed: seed)
        let trainer: any ToyFamilyTrainer = switch family {
        case .gan: ToyGANTrainer(hiddenSizes: hiddenSizes, learningRate: learningRate, rng: &rng)
        case .vae: ToyVAETrainer(hiddenSizes: hiddenSizes, learningRate: learningRate,
                                 decoderStandardDeviation: vaeDecoderStandardDeviation, rng: &rng)
        case .diffusion: ToyDiffusionTrainer(hiddenSizes: hiddenSizes, learningRate: learningRate,
                                             samplingSteps: samplingSteps, rng: &rng)
        case .flowMatching: ToyFlowMatchingTrainer(hiddenSizes: hiddenSizes, learningRate: learningRate,
                                                   samplingSteps: samplingSteps, rng: &rng)
        case .couplingFlow: ToyCouplingFlowTrainer(hiddenSizes: hiddenSizes, learningRate: learningRate,
                                                   couplingLayers: couplingLayers, rng: &rng)
        }
        return train(trainer, seed: seed)
    }

    /// Mode coverage of `samples` (`[N, 2]`) against the experiment's mixture.
    public func coverage(of samples: Tensor) -> ModeCoverage {
        ModeCoverage(samples: samples.points, centres: data.centres, standardDeviation: data.standardDeviation)
    }

    private func train<Trainer: ToyFamilyTrainer>(_ trainer: Trainer, seed: UInt64) -> ToyFamilyRun {
        var trainer = trainer
        var rng = RandomGenerator(seed: 1000 + seed)
        var losses = trainer.lossNames.map { LossCurve(name: $0, values: []) }
        var progressCoverage: [ModeCoverage] = []
        for step in 0...steps {
            if step % coverageInterval == 0 {
                progressCoverage.append(coverage(of: trainer.sample(count: progressSampleCount, using: &rng)))
            }
            if step == steps { break }
            let batch = Tensor(points: data.sample(batchSize, using: &rng))
            for (index, loss) in trainer.step(on: batch, using: &rng).enumerated() { losses[index].values.append(loss) }
        }
        let samples = trainer.sample(count: coverageSampleCount, using: &rng)
        return ToyFamilyRun(losses: losses, coverageOverTraining: progressCoverage, samples: samples.points,
                            coverage: coverage(of: samples))
    }
}
