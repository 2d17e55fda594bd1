import Foundation

/// What a course model's training recorded: its losses along the way and a sample-quality number at
/// a few steps, kept next to its checkpoint so that a later page (lesson 9's training dynamics) can
/// draw the run without training the model again.
///
/// The file (`TrainingLog.file(for:)`: the checkpoint's path with `.safetensors` replaced by
/// `.training-log.json`) is this struct as JSON, keys sorted:
/// ```json
/// {"batchSize": 64, "evaluationSamples": 300, "evaluationSeed": 90, "lossInterval": 25, "model": "GAN", "steps": 5622,
///  "losses": [{"name": "discriminator", "means": [1.21, ...]}, {"name": "generator", "means": [0.93, ...]}],
///  "evaluations": [{"step": 702, "frechetDistance": 41.2, "frechetFloor": 9.8, "precision": 0.61, "recall": 0.35}, ...]}
/// ```
/// `means[i]` is the mean loss of steps `i · lossInterval + 1 ... (i + 1) · lossInterval` (the last
/// window may be shorter); each evaluation measures `evaluationSamples` images drawn with a
/// generator of `evaluationSeed` after `step` optimizer steps, with `FashionMNISTFeatures.quality`.
public struct TrainingLog: Codable, Equatable, Sendable {
    /// One loss of the objective (a GAN has two), as means of `lossInterval` consecutive steps.
    public struct LossCurve: Codable, Equatable, Sendable {
        /// The loss's name, e.g. `generator` or `negative ELBO`.
        public let name: String
        /// Window means of the loss, in training order.
        public let means: [Double]

        /// A curve; see the properties.
        public init(name: String, means: [Double]) {
            (self.name, self.means) = (name, means)
        }
    }

    /// The quality of the model's samples after `step` optimizer steps.
    public struct Evaluation: Codable, Equatable, Sendable {
        /// Optimizer steps taken before the samples were drawn.
        public let step: Int
        /// Fréchet distance of the samples to as many test images.
        public let frechetDistance: Double
        /// The Fréchet distance between as many test and training images, for scale.
        public let frechetFloor: Double
        /// Precision (k = 3) of the samples.
        public let precision: Double
        /// Recall (k = 3) of the samples.
        public let recall: Double

        /// The evaluation of `quality` at `step`.
        public init(step: Int, quality: SampleQuality) {
            (self.step, frechetDistance, frechetFloor) = (step, quality.frechetDistance, quality.frechetFloor)
            (precision, recall) = (quality.precision, quality.recall)
        }
    }

    /// The model, e.g. `GAN`.
    public let model: String
    /// Images per optimizer step.
    public let batchSize: Int
    /// Optimizer steps of the whole run.
    public let steps: Int
    /// Steps per window of `LossCurve.means`.
    public let lossInterval: Int
    /// The losses, each as window means.
    public let losses: [LossCurve]
    /// Images measured at each evaluation.
    public let evaluationSamples: Int
    /// The seed of the evaluations' samples (the same at every step, never the training's generator).
    public let evaluationSeed: UInt64
    /// The evaluations, in step order.
    public let evaluations: [Evaluation]

    /// A log; see the properties. `stepLosses` are every step's values of each named loss, which
    /// the log keeps as means of `lossInterval` steps.
    public init(model: String, batchSize: Int, lossInterval: Int, stepLosses: [(name: String, values: [Float])],
                evaluationSamples: Int, evaluationSeed: UInt64, evaluations: [Evaluation]) {
        precondition(lossInterval > 0, "TrainingLog: loss interval \(lossInterval) must be positive")
        let counts = stepLosses.map(\.values.count)
        precondition(Set(counts).count <= 1, "TrainingLog: losses of \(counts) steps differ in length")
        (self.model, self.batchSize, self.steps, self.lossInterval) = (model, batchSize, counts.first ?? 0, lossInterval)
        losses = stepLosses.map { name, values in
            LossCurve(name: name, means: stride(from: 0, to: values.count, by: lossInterval).map { start in
                let window = values[start..<min(start + lossInterval, values.count)]
                return window.reduce(0.0) { $0 + Double($1) } / Double(window.count)
            })
        }
        (self.evaluationSamples, self.evaluationSeed, self.evaluations) = (evaluationSamples, evaluationSeed, evaluations)
    }

    /// The evaluation made when the run had seen `images` training images (at the first step by
    /// which it had, `⌈images / batchSize⌉`, as `TrainingLogger` schedules it), or `nil` if the run
    /// was not measured there.
    public func evaluation(afterImages images: Int) -> Evaluation? {
        evaluations.first { $0.step == Self.step(afterImages: images, batchSize: batchSize) }
    }

    /// The first step by which a run of `batchSize` images per step has seen `images` images:
    /// `⌈images / batchSize⌉`.
    public static func step(afterImages images: Int, batchSize: Int) -> Int {
        (images + batchSize - 1) / batchSize
    }

    /// The log's file for the checkpoint `saved`: its path, `.safetensors` replaced by `.training-log.json`.
    public static func file(for saved: CourseModels.Saved) -> String {
        (saved.path.hasSuffix(".safetensors") ? String(saved.path.dropLast(".safetensors".count)) : saved.path) + ".training-log.json"
    }

    /// Writes the log as JSON with sorted keys (the same log gives the same bytes).
    public func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// The log in `path`.
    /// - Throws: File-system errors; `DecodingError` for a file that is not a training log.
    public static func read(from path: String) throws -> TrainingLog {
        try JSONDecoder().decode(TrainingLog.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The log of `saved`'s training, or `nil` when the checkpoint was written before the recipes kept
    /// logs (or by code that does not keep one).
    public static func read(for saved: CourseModels.Saved) throws -> TrainingLog? {
        let path = file(for: saved)
        return FileManager.default.fileExists(atPath: path) ? try read(from: path) : nil
    }
}
