import Datasets
import Metrics
import NeuralNetworks

/// The GAN variants that lesson 2 compares on the toy mixtures of Gaussians.
public enum ToyGANVariant: Hashable, Sendable {
    /// The original minimax loss `E_z[log(1 - D(G(z)))]` for the generator.
    case saturating
    /// The non-saturating loss `-E_z[log D(G(z))]`: the plain GAN.
    case nonSaturating
    /// The non-saturating loss against a spectrally normalised discriminator (Miyato et al., 2018).
    case spectralNorm
    /// The non-saturating loss against a discriminator that judges `packSize` samples at once
    /// (PacGAN, Lin et al., 2018).
    case packed(packSize: Int)

    /// A name for tables: "non-saturating loss", "packing, m = 4", ...
    public var name: String {
        switch self {
        case .saturating: "saturating loss"
        case .nonSaturating: "non-saturating loss"
        case .spectralNorm: "non-saturating + spectral norm"
        case .packed(let packSize): "non-saturating + packing, m = \(packSize)"
        }
    }

    /// A name short enough for a panel title: "saturating", "packing m=4", ...
    public var shortName: String {
        switch self {
        case .saturating: "saturating"
        case .nonSaturating: "non-saturating"
        case .spectralNorm: "spectral norm"
        case .packed(let packSize): "packing m=\(packSize)"
        }
    }

    /// A name for file names: "nonsaturating", "packed4", ...
    public var fileName: String {
        switch self {
        case .saturating: "saturating"
        case .nonSaturating: "nonsaturating"
        case .spectralNorm: "spectral"
        case .packed(let packSize): "packed\(packSize)"
        }
    }
}

/// What one toy GAN run recorded.
public struct ToyGANRun {
    /// The losses and discriminator outputs of every training step.
    public var losses: [GANStepLosses] = []
    /// Generated samples at each of the experiment's `snapshotSteps`, in that order.
    public var snapshots: [[[Double]]] = []
    /// Modes captured every `coverageInterval` steps, from step 0 to the last.
    public var modesOverTraining: [Int] = []
    /// Mode coverage of `coverageSampleCount` samples after the last step.
    public var coverage: ModeCoverage
    /// The trained generator, latent `z` to a 2-D point.
    public var generator: Sequential<Dense>
}

/// A GAN trained on a 2-D mixture of Gaussian modes and measured by mode coverage, as in the
/// protocol of VEEGAN (Srivastava et al., 2017) and PacGAN (Lin et al., 2018).
///
/// Generator and discriminator are multilayer perceptrons with `hiddenSizes` (ReLU in the
/// generator, leaky ReLU in the discriminator); both use Adam with `β₁ = 0.5`. A run with seed
/// `s` initialises the networks from `RandomGenerator(seed: s)` and trains from
/// `RandomGenerator(seed: 1000 + s)`, so runs are reproducible and independent of their order.
/// ```swift
/// let experiment = ToyGANExperiment(data: .ring(), steps: 2000, snapshotSteps: [0, 1000, 2000])
/// let run = experiment.run(.packed(packSize: 4), seed: 0)
/// print(run.coverage.modesCaptured)
/// ```
public struct ToyGANExperiment: Sendable {
    /// The mixture the GAN learns.
    public var data: GaussianModes
    /// The number of training steps.
    public var steps: Int
    /// Real (and generated) samples per step; a multiple of every pack size used.
    public var batchSize = 256
    /// The dimension of the latent noise `z`.
    public var latentSize = 2
    /// The hidden widths of both networks.
    public var hiddenSizes = [128, 128]
    /// The generator's Adam learning rate.
    public var generatorLearningRate: Float = 1e-3
    /// The discriminator's Adam learning rate.
    public var discriminatorLearningRate: Float = 1e-3
    /// The steps at which `snapshotSampleCount` samples are kept.
    public var snapshotSteps: [Int] = []
    /// Samples per snapshot.
    public var snapshotSampleCount = 1000
    /// Steps between two measurements of `modesOverTraining`.
    public var coverageInterval = 100
    /// Samples per coverage measurement.
    public var coverageSampleCount = 2500

    /// Creates an experiment on `data`; the other settings keep their defaults until changed.
    public init(data: GaussianModes, steps: Int, snapshotSteps: [Int] = []) {
        precondition(steps > 0, "ToyGANExperiment: steps \(steps) must be positive")
        self.data = data
        self.steps = steps
        self.snapshotSteps = snapshotSteps
    }

    /// Trains `variant` from `seed` and measures it.
    public func run(_ variant: ToyGANVariant, seed: UInt64) -> ToyGANRun {
        var rng = RandomGenerator(seed: seed)
        let generator = Sequential(layerSizes: [latentSize] + hiddenSizes + [2], activation: relu, rng: &rng)
        let objective: GeneratorObjective = variant == .saturating ? .saturating : .nonSaturating
        switch variant {
        case .saturating, .nonSaturating:
            let discriminator = MLPDiscriminator(inputSize: 2, hiddenSizes: hiddenSizes, rng: &rng)
            return train(gan(generator, discriminator, objective), seed: seed)
        case .spectralNorm:
            let discriminator = SpectralNormMLPDiscriminator(inputSize: 2, hiddenSizes: hiddenSizes, rng: &rng)
            return train(gan(generator, discriminator, objective), seed: seed)
        case .packed(let packSize):
            precondition(batchSize % packSize == 0, "ToyGANExperiment: batchSize \(batchSize) is not a multiple of packSize \(packSize)")
            let inner = MLPDiscriminator(inputSize: 2 * packSize, hiddenSizes: hiddenSizes, rng: &rng)
            return train(gan(generator, PackedDiscriminator(inner, packSize: packSize), objective), seed: seed)
        }
    }

    /// Mode coverage of `samples` (`[N, 2]`) against the experiment's mixture.
    public func coverage(of samples: Tensor) -> ModeCoverage {
        ModeCoverage(samples: samples.points, centres: data.centres, standardDeviation: data.standardDeviation)
    }

    // MARK: - Training

    private func gan<D: GANDiscriminator>(_ generator: Sequential<Dense>, _ discriminator: D,
                                          _ objective: GeneratorObjective) -> GAN<Sequential<Dense>, D> {
        GAN(generator: generator, discriminator: discriminator, latentSize: latentSize, objective: objective,
            generatorOptimizer: Adam(learningRate: generatorLearningRate, beta1: 0.5, beta2: 0.999),
            discriminatorOptimizer: Adam(learningRate: discriminatorLearningRate, beta1: 0.5, beta2: 0.999))
    }

    private func train<D: GANDiscriminator>(_ gan: GAN<Sequential<Dense>, D>, seed: UInt64) -> ToyGANRun {
        var gan = gan
        var rng = RandomGenerator(seed: 1000 + seed)
        var losses: [GANStepLosses] = [], snapshots: [[[Double]]] = [], modes: [Int] = []
        for step in 0...steps {
            if snapshotSteps.contains(step) { snapshots.append(gan.generate(count: snapshotSampleCount, using: &rng).points) }
            if step % coverageInterval == 0 {
                modes.append(coverage(of: gan.generate(count: coverageSampleCount, using: &rng)).modesCaptured)
            }
            if step == steps { break }
            let real = Tensor(points: data.sample(batchSize, using: &rng))
            losses.append(gan.trainingStep(real: real, using: &rng))
        }
        let final = coverage(of: gan.generate(count: coverageSampleCount, using: &rng))
        return ToyGANRun(losses: losses, snapshots: snapshots, modesOverTraining: modes, coverage: final,
                         generator: gan.generator)
    }
}
