import Foundation

/// Settings for the `TrainingLog` a course recipe (`trainGAN`, `trainVAE`, `trainDiffusionUNet`)
/// keeps when it is given one: where to write it and how to measure the model along the way.
///
/// When the run has seen each of `evaluatedImages` training images (5,000, 10,000, 20,000, ...,
/// the same marks for every recipe, so that runs of different lengths and batch sizes can be
/// compared at equal budgets) and at its last step, the recipe draws `sampleCount` images from the
/// model being trained (through its `SampleSource`, with a generator of `seed` of their own, so that
/// the training's random stream, and with it the trained weights, are the same with or without a
/// log) and measures them with `features.quality(generated:count:)`, the course's shared evaluation.
///
/// ```swift
/// let losses = try CourseModels.trainGAN(&gan, on: train, using: &rng,
///                                        logging: TrainingLogger(features: features, for: CourseModels.ganGenerator))
/// ```
public struct TrainingLogger {
    /// The feature network of the evaluations.
    public let features: FashionMNISTFeatures
    /// The JSON file the log is written to.
    public let file: String
    /// Images per evaluation (300: enough for a Fréchet distance to rank a model, cheap to draw).
    public var sampleCount = 300
    /// The numbers of training images seen after which a run is measured (see `evaluationSteps`).
    public var evaluatedImages = TrainingLogger.doublingMarks

    /// The course's marks: doublings from 5,000 images to 320,000, evenly spaced on a logarithmic axis.
    public static let doublingMarks = [5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000]
    /// The seed of every evaluation's samples: the same images' noise at every step.
    public var seed: UInt64 = 90
    /// Steps per loss window of the log.
    public var lossInterval = 25

    /// A logger writing to `file`.
    public init(features: FashionMNISTFeatures, file: String) {
        (self.features, self.file) = (features, file)
    }

    /// A logger writing next to the checkpoint `saved` (`TrainingLog.file(for:)`).
    public init(features: FashionMNISTFeatures, for saved: CourseModels.Saved) {
        self.init(features: features, file: TrainingLog.file(for: saved))
    }

    /// The steps after which a run of `total` steps of `batchSize` images is measured: the first
    /// step by which it has seen each of `evaluatedImages`, `⌈images / batchSize⌉`, where that comes
    /// before the end, and the last step `total`.
    public func evaluationSteps(total: Int, batchSize: Int) -> [Int] {
        precondition(total > 0 && batchSize > 0, "TrainingLogger: \(total) steps of \(batchSize) images")
        let marks = evaluatedImages.map { TrainingLog.step(afterImages: $0, batchSize: batchSize) }.filter { $0 < total }
        return Array(Set(marks + [total])).sorted()
    }

    /// The evaluation at `step` of the model that `source` draws from (its own seed is ignored: the
    /// logger's `seed` is used), through the shared evaluation on `sampleCount` images.
    public func evaluation(at step: Int, of source: SampleSource) -> TrainingLog.Evaluation {
        let drawing = SampleSource(name: source.name, checkpoint: nil, seed: seed, batchSize: source.batchSize, range: source.range,
                                   draw: source.draw)
        let pixels = drawing.drawnBytes(count: sampleCount).map { Float($0) / 255 }
        return TrainingLog.Evaluation(step: step, quality: features.quality(generated: pixels, count: sampleCount))
    }

    /// Writes the log of a run of `model` with `stepLosses` (every step's value of each loss) and
    /// `evaluations` to `file`, and returns it.
    @discardableResult
    public func write(model: String, batchSize: Int, stepLosses: [(name: String, values: [Float])],
                      evaluations: [TrainingLog.Evaluation]) throws -> TrainingLog {
        let log = TrainingLog(model: model, batchSize: batchSize, lossInterval: lossInterval, stepLosses: stepLosses,
                              evaluationSamples: sampleCount, evaluationSeed: seed, evaluations: evaluations)
        try log.write(to: file)
        return log
    }
}
