import Foundation
import NeuralNetworks
import Tensors

/// The Fashion-MNIST models the lessons train, built with their lessons' sizes and loaded from the
/// checkpoints the lessons save, so that a later page (the comparison of lesson 9) measures the
/// very networks the earlier pages trained.
///
/// ```swift
/// let unet = try CourseModels.loadOrTrainDiffusionUNet()
/// ```
public enum CourseModels {
    /// A checkpoint a lesson saves: its path, the lesson that writes it and that lesson's budget.
    public struct Saved: Sendable {
        /// The file, relative to the package root.
        public let path: String
        /// The lesson that trains the model and saves it, e.g. `Lessons/04-diffusion.md`.
        public let lesson: String
        /// The optimizer steps the lesson trains for (keep in step with the lesson).
        public let trainingSteps: Int
        /// The images per step.
        public let batchSize: Int

        /// Describes a checkpoint; see the properties.
        public init(path: String, lesson: String, trainingSteps: Int, batchSize: Int) {
            (self.path, self.lesson, self.trainingSteps, self.batchSize) = (path, lesson, trainingSteps, batchSize)
        }

        /// Training images seen: `trainingSteps × batchSize`.
        public var trainingImages: Int { trainingSteps * batchSize }
    }

    /// Lesson 2's DCGAN-style generator (`GANConvGenerator`, 64-dimensional latent, 32 channels).
    public static let ganGenerator = Saved(path: "Checkpoints/gan-fashion-mnist-generator.safetensors",
                                  lesson: "Lessons/02-gans.md", trainingSteps: ganEpochs * (60_000 / 64), batchSize: 64)
    /// Lesson 3's Bernoulli VAE (784–512–256–20).
    public static let vae = Saved(path: "Checkpoints/vae-bernoulli-z20.safetensors",
                                  lesson: "Lessons/03-vaes.md", trainingSteps: vaeEpochs * ((60_000 + 127) / 128), batchSize: 128)
    /// Lesson 3's class-conditional VAE (its VAE's sizes and budget, the class one-hot at encoder and decoder).
    public static let conditionalVAE = Saved(path: "Checkpoints/cvae-bernoulli-z20.safetensors",
                                  lesson: "Lessons/03-vaes.md", trainingSteps: vae.trainingSteps, batchSize: 128)
    /// Lesson 9's latent diffusion: the MLP denoiser on lesson 3's VAE's codes (written by `trainLatentDiffusion`).
    public static let latentDiffusion = Saved(path: "Checkpoints/latent-diffusion-mlp.safetensors",
                                  lesson: "Lessons/09-comparing-the-paradigms.md", trainingSteps: 4000, batchSize: 256)
    /// Lesson 4's class-conditional U-Net for DDPM/DDIM (16 base channels), its averaged weights.
    public static let diffusionUNet = Saved(path: "Checkpoints/diffusion-fashion-unet-ema.safetensors",
                                  lesson: "Lessons/04-diffusion.md", trainingSteps: 2500, batchSize: 32)
    /// Lesson 5b's flow-matching U-Net (the same network, predicting a velocity), its averaged weights.
    public static let flowMatchingUNet = Saved(path: "Checkpoints/flow-matching-fashion-unet.safetensors",
                                  lesson: "Lessons/05b-flows-on-fashion-mnist.md", trainingSteps: 1000, batchSize: 32)
    /// Lesson 5b's coupling flow on logit-dequantised pixels (8 layers, width 256).
    public static let couplingFlow = Saved(path: "Checkpoints/flow-fashion-coupling.safetensors",
                                  lesson: "Lessons/05b-flows-on-fashion-mnist.md", trainingSteps: 200, batchSize: 64)
    /// Lesson 6's fully visible sigmoid belief network (a MADE without hidden layers), on binarised images.
    public static let fvsbn = Saved(path: "Checkpoints/fvsbn.safetensors",
                                  lesson: "Lessons/06-autoregressive.md", trainingSteps: 600, batchSize: 100)
    /// Lesson 6's NADE with 32 hidden units.
    public static let nade = Saved(path: "Checkpoints/nade.safetensors",
                                  lesson: "Lessons/06-autoregressive.md", trainingSteps: 300, batchSize: 100)
    /// Lesson 6's MADE with one hidden layer of 500 units.
    public static let made = Saved(path: "Checkpoints/made.safetensors",
                                  lesson: "Lessons/06-autoregressive.md", trainingSteps: 1200, batchSize: 100)
    /// Lesson 6's class-conditional gated PixelCNN (12 channels per stack, 6 gated layers).
    public static let pixelCNN = Saved(path: "Checkpoints/pixelcnn.safetensors",
                                  lesson: "Lessons/06-autoregressive.md", trainingSteps: 2000, batchSize: 25)

    /// `model` with the weights of `saved`.
    /// - Throws: `CourseModelError.missing` naming the lesson to run when the file is absent;
    ///   `CheckpointError` for a file that does not fit the model.
    public static func load<Model: Differentiable>(_ model: Model, from saved: Saved) throws -> Model {
        guard FileManager.default.fileExists(atPath: saved.path) else { throw CourseModelError.missing(saved) }
        var loaded = model
        try Checkpoint.load(into: &loaded, from: saved.path)
        return loaded
    }

    /// `initial` with the weights of `saved` when its file exists; otherwise `train(initial)`, the
    /// model's recipe from the library, which trains it as its lesson does and saves it to `saved.path`.
    ///
    /// ```swift
    /// let unet = try CourseModels.loadOrTrain(UNet(classCount: 10, baseChannels: 16, rng: &rng), from: CourseModels.diffusionUNet) {
    ///     try CourseModels.trainDiffusionUNet($0, on: train, using: &rng).model
    /// }
    /// ```
    public static func loadOrTrain<Model: Differentiable>(_ initial: Model, from saved: Saved,
                                                          train: (Model) throws -> Model) throws -> Model {
        if FileManager.default.fileExists(atPath: saved.path) { return try load(initial, from: saved) }
        return try train(initial)
    }
}

/// A course model that cannot be loaded.
public enum CourseModelError: Error, CustomStringConvertible {
    case missing(CourseModels.Saved)

    public var description: String {
        switch self {
        case .missing(let saved): "\(saved.path): no such checkpoint; run \(saved.lesson) first, which trains and saves it"
        }
    }
}
