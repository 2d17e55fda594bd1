import Datasets
import Foundation
import NeuralNetworks
import Tensors

/// Lesson 6's autoregressive models: each trained by one recipe (its budget, learning rate and
/// batch order), which lesson 6 calls and lesson 9 calls too when the checkpoint is missing.
extension CourseModels {
    // MARK: - Lesson 6's recipes

    /// The fully visible sigmoid belief net trained from `model` as lesson 6 trains it: `fvsbn`'s
    /// steps of 100 binarised images (one epoch, batch order seed 10), Adam 10⁻³; saved as `fvsbn`.
    public static func trainFVSBN(_ model: MADE, on images: Tensor, progress: TrainingProgress = { _, _ in }) throws -> MADE {
        try trainAutoregressive(model, on: images, saved: fvsbn, learningRate: 1e-3, seed: 10, progress: progress)
    }

    /// The NADE trained from `model` as lesson 6 trains it: `nade`'s steps (half an epoch, batch
    /// order seed 20), Adam 5·10⁻³; saved as `nade`.
    public static func trainNADE(_ model: NADE, on images: Tensor, progress: TrainingProgress = { _, _ in }) throws -> NADE {
        try trainAutoregressive(model, on: images, saved: nade, learningRate: 5e-3, seed: 20, progress: progress)
    }

    /// The raster-order MADE trained from `model` as lesson 6 trains it (and as
    /// `scripts/reference/made_torch.py` does): `made`'s steps (two epochs, batch order seed 30),
    /// Adam 10⁻³; saved as `made`.
    public static func trainMADE(_ model: MADE, on images: Tensor, progress: TrainingProgress = { _, _ in }) throws -> MADE {
        try trainAutoregressive(model, on: images, saved: made, learningRate: 1e-3, seed: 30, progress: progress)
    }

    /// The class-conditional PixelCNN trained from `model` as lesson 6 trains it: `pixelCNN`'s steps
    /// of 25 images (batch order seed 50), each step conditioned on its images' `labels`, each label
    /// dropped to "no class" with probability `pixelCNNLabelDropProbability` (seed 51) so that the
    /// network also learns `p(x | ∅)` for guidance, Adam 2·10⁻³; saved as `pixelCNN`.
    public static func trainPixelCNN(_ model: PixelCNN, on images: Tensor, labels: [Int],
                                     progress: TrainingProgress = { _, _ in }) throws -> PixelCNN {
        precondition(labels.count == images.shape[0], "trainPixelCNN: \(labels.count) labels for \(images.shape[0]) images")
        var dropRNG = RandomGenerator(seed: 51)
        return try trainAutoregressive(model, on: images, saved: pixelCNN, learningRate: 2e-3, seed: 50, progress: progress) {
            model, _, rows in
            model.conditioned(on: droppingLabels(rows.map { labels[$0] }, to: model.unconditionalLabel,
                                                 probability: pixelCNNLabelDropProbability, using: &dropRNG))
        }
    }

    /// The probability with which `trainPixelCNN` drops a training image's label to "no class".
    public static let pixelCNNLabelDropProbability = 0.1

    private static func trainAutoregressive<Model: AutoregressiveModel>(
        _ model: Model, on images: Tensor, saved: Saved, learningRate: Float, seed: UInt64, progress: TrainingProgress,
        prepare: (Model, Int, [Int]) -> Model = { model, _, _ in model }) throws -> Model {
        var trained = model
        trained.fit(on: images, steps: saved.trainingSteps, batchSize: saved.batchSize, learningRate: learningRate,
                    seed: seed, progress: progress, prepare: prepare)
        try Checkpoint.save(trained, to: saved.path)
        return trained
    }

    // MARK: - Load, or train when the checkpoint is missing

    /// Lesson 6's FVSBN, loaded; when its checkpoint is absent, trained with `trainFVSBN` from
    /// weights drawn from seed 10 (so not lesson 6's network bit for bit) and saved.
    public static func loadOrTrainFVSBN(progress: TrainingProgress = { _, _ in }) throws -> MADE {
        var rng = RandomGenerator(seed: 10)
        return try loadOrTrain(MADE(inputSize: 784, hiddenSizes: [], rng: &rng), from: fvsbn) {
            try trainFVSBN($0, on: binarizedTrainingImages(), progress: progress)
        }
    }

    /// Lesson 6's NADE, loaded; when absent, trained with `trainNADE` from seed 20 and saved.
    public static func loadOrTrainNADE(progress: TrainingProgress = { _, _ in }) throws -> NADE {
        var rng = RandomGenerator(seed: 20)
        return try loadOrTrain(NADE(inputSize: 784, hiddenSize: 32, rng: &rng), from: nade) {
            try trainNADE($0, on: binarizedTrainingImages(), progress: progress)
        }
    }

    /// Lesson 6's MADE, loaded; when absent, trained with `trainMADE` from seed 30 and saved.
    public static func loadOrTrainMADE(progress: TrainingProgress = { _, _ in }) throws -> MADE {
        var rng = RandomGenerator(seed: 30)
        return try loadOrTrain(MADE(inputSize: 784, hiddenSizes: [500], rng: &rng), from: made) {
            try trainMADE($0, on: binarizedTrainingImages(), progress: progress)
        }
    }

    /// Lesson 6's PixelCNN, loaded; when absent, trained with `trainPixelCNN` from seed 50 and saved
    /// (about five minutes on two cores).
    public static func loadOrTrainPixelCNN(progress: TrainingProgress = { _, _ in }) throws -> PixelCNN {
        var rng = RandomGenerator(seed: 50)
        return try loadOrTrain(PixelCNN(channels: 12, layers: 6, classCount: 10, rng: &rng), from: pixelCNN) {
            let train = try FashionMNIST.load(split: .train)
            return try trainPixelCNN($0, on: train.binarizedImages(0..<train.count), labels: train.labels, progress: progress)
        }
    }

    /// Lesson 6's training set: every Fashion-MNIST training image binarised at one half.
    private static func binarizedTrainingImages() throws -> Tensor {
        let train = try FashionMNIST.load(split: .train)
        return train.binarizedImages(0..<train.count)
    }
}
