import Datasets
import Foundation
import GenerativeModels
import NeuralNetworks
import Tensors
import Testing

/// A scratch folder for one test's files, removed by the caller.
private func scratchFolder(_ name: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("training-log-\(getpid())-\(name)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// The shared evaluation with an untrained classifier, saved first so that `loadOrTrain` loads it
/// instead of training for half a minute: meaningless features, enough to check what a log records.
private func untrainedLogger(in folder: String, sampleCount: Int = 50) throws -> TrainingLogger {
    var rng = RandomGenerator(seed: 1)
    try Checkpoint.save(FeatureClassifier(rng: &rng), to: folder + "/classifier.safetensors")
    var logger = TrainingLogger(features: try FashionMNISTFeatures.loadOrTrain(checkpoint: folder + "/classifier.safetensors"),
                                file: folder + "/log.json")
    logger.sampleCount = sampleCount
    logger.lossInterval = 5
    return logger
}

/// Every parameter of `model`, flattened in field order.
private func parameters(of model: Any) -> [[Float]] {
    namedTensors(in: model).map(\.tensor.scalars)
}

/// Means of `values` over consecutive windows of `size`, written out independently of the library.
private func windowMeans(_ values: [Float], size: Int) -> [Double] {
    var means: [Double] = []
    var start = 0
    while start < values.count {
        let window = values[start..<min(start + size, values.count)].map(Double.init)
        means.append(window.reduce(0, +) / Double(window.count))
        start += size
    }
    return means
}

@Test func aLogKeepsWindowMeansAndRoundTripsThroughItsFile() throws {
    let folder = try scratchFolder("round-trip")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let quality = SampleQuality(frechetDistance: 12.5, frechetFloor: 3.25, precision: 0.5, recall: 0.25, density: 1, coverage: 0.75)
    let log = TrainingLog(model: "toy", batchSize: 4, lossInterval: 2, stepLosses: [("a", [1, 2, 3, 4, 5]), ("b", [0, 0, 2, 2, 4])],
                          evaluationSamples: 3, evaluationSeed: 7, evaluations: [TrainingLog.Evaluation(step: 5, quality: quality)])
    #expect(log.steps == 5)
    #expect(log.losses == [TrainingLog.LossCurve(name: "a", means: [1.5, 3.5, 5]), TrainingLog.LossCurve(name: "b", means: [0, 2, 4])])
    #expect(log.evaluations[0].frechetDistance == 12.5 && log.evaluations[0].recall == 0.25)
    try log.write(to: folder + "/log.json")
    #expect(try TrainingLog.read(from: folder + "/log.json") == log)
}

@Test func aLogLivesNextToItsCheckpointAndIsNilWhenAbsent() throws {
    #expect(TrainingLog.file(for: CourseModels.vae) == "Checkpoints/vae-bernoulli-z20.training-log.json")
    let missing = CourseModels.Saved(path: "/nonexistent/model.safetensors", lesson: "none", trainingSteps: 1, batchSize: 1)
    #expect(try TrainingLog.read(for: missing) == nil)
}

@Test func evaluationStepsComeAtTheSameImageCountsForEveryBatchSizeAndEndAtTheLastStep() throws {
    let folder = try scratchFolder("steps")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var logger = try untrainedLogger(in: folder)
    // Lesson 3's VAE, 938 steps of 128: ⌈5,000/128⌉ = ⌈39.06⌉, ⌈78.13⌉, ⌈156.25⌉, ⌈312.5⌉, 625; 160,000 images lie past the end.
    #expect(logger.evaluationSteps(total: 938, batchSize: 128) == [40, 79, 157, 313, 625, 938])
    // Lesson 2's GAN, 5,622 steps of 64: ⌈78.13⌉, ⌈156.25⌉, ⌈312.5⌉, 625, 1,250, 2,500, 5,000, then the end.
    #expect(logger.evaluationSteps(total: 5622, batchSize: 64) == [79, 157, 313, 625, 1250, 2500, 5000, 5622])
    // Lesson 4's U-Net, 2,500 steps of 32: the mark of 80,000 images is the last step, measured once.
    #expect(logger.evaluationSteps(total: 2500, batchSize: 32) == [157, 313, 625, 1250, 2500])
    logger.evaluatedImages = [256, 640, 1280, 2560]
    #expect(logger.evaluationSteps(total: 20, batchSize: 128) == [2, 5, 10, 20])
}

@Test func theVAERecipeLogsItsPromisedStepsAndTrainsTheSameWeightsWithoutTheLog() throws {
    let folder = try scratchFolder("vae")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var logger = try untrainedLogger(in: folder)
    logger.evaluatedImages = [256, 640, 1280]
    let data = try FashionMNIST.load(split: .test).prefix(1280)   // 10 batches of 128, two epochs: 20 steps
    var rng = RandomGenerator(seed: 3)
    var plain = VAE(hiddenSizes: [32], latentSize: 4, likelihood: .bernoulli, rng: &rng)
    rng = RandomGenerator(seed: 3)
    var logged = VAE(hiddenSizes: [32], latentSize: 4, likelihood: .bernoulli, rng: &rng)
    let plainLosses = try CourseModels.trainVAE(&plain, on: data)
    let loggedLosses = try CourseModels.trainVAE(&logged, on: data, logging: logger)
    #expect(plainLosses == loggedLosses && plainLosses.count == 20)
    #expect(parameters(of: plain) == parameters(of: logged))
    let log = try TrainingLog.read(from: logger.file)
    // After 256, 640 and 1,280 images (2, 5 and 10 batches of 128), and at the end.
    #expect(log.evaluations.map(\.step) == [2, 5, 10, 20])
    #expect(log.steps == 20 && log.batchSize == 128 && log.evaluationSamples == 50 && log.evaluationSeed == logger.seed)
    #expect(log.losses.map(\.name) == ["negative ELBO"])
    #expect(zip(log.losses[0].means, windowMeans(plainLosses, size: 5)).allSatisfy { abs($0 - $1) < 1e-9 })
    // The last evaluation is of the trained model, its samples drawn from the logger's seed and rounded to 8 bits.
    var sampleRNG = RandomGenerator(seed: logger.seed)
    let samples = plain.sample(count: 50, using: &sampleRNG).scalars.map { ($0 * 255).rounded() / 255 }
    let expected = logger.features.quality(generated: samples, count: 50)
    #expect(abs((log.evaluations.last?.frechetDistance ?? -1) - expected.frechetDistance) < 1e-9)
}

@Test func theGANRecipeLogsItsPromisedStepsAndTrainsTheSameWeightsWithoutTheLog() throws {
    let folder = try scratchFolder("gan")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var logger = try untrainedLogger(in: folder)
    logger.evaluatedImages = [128, 320, 700]
    let data = try FashionMNIST.load(split: .test).prefix(128)   // 2 batches of 64, six epochs: 12 steps
    // Two GANs built alike (copies of one would share its buffers and its optimizers' state).
    var (plainRNG, loggedRNG) = (RandomGenerator(seed: 7), RandomGenerator(seed: 7))
    var plain = CourseModels.makeGAN(using: &plainRNG), logged = CourseModels.makeGAN(using: &loggedRNG)
    let plainLosses = try CourseModels.trainGAN(&plain, on: data, using: &plainRNG)
    let loggedLosses = try CourseModels.trainGAN(&logged, on: data, using: &loggedRNG, logging: logger)
    #expect(plainLosses.map(\.generator) == loggedLosses.map(\.generator) && plainLosses.count == 12)
    #expect(parameters(of: plain.generator) == parameters(of: logged.generator))
    #expect(parameters(of: plain.discriminator) == parameters(of: logged.discriminator))
    #expect(plainRNG.nextUniformFloat() == loggedRNG.nextUniformFloat())
    let log = try TrainingLog.read(from: logger.file)
    // ⌈128 / 64⌉, ⌈320 / 64⌉, ⌈700 / 64⌉ = ⌈10.94⌉, and the end.
    #expect(log.evaluations.map(\.step) == [2, 5, 11, 12])
    #expect(log.losses.map(\.name) == ["discriminator", "generator"])
    #expect(zip(log.losses[1].means, windowMeans(plainLosses.map(\.generator), size: 5)).allSatisfy { abs($0 - $1) < 1e-9 })
}

@Test func theDiffusionRecipeLogsItsAveragedWeightsAndTrainsTheSameWeightsWithoutTheLog() throws {
    let folder = try scratchFolder("unet")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var logger = try untrainedLogger(in: folder, sampleCount: 20)
    logger.evaluatedImages = [64]
    let data = try FashionMNIST.load(split: .test).prefix(320)
    // Two networks built alike (copies of one would share its buffers, which the optimizer updates in place).
    var (plainRNG, loggedRNG) = (RandomGenerator(seed: 4), RandomGenerator(seed: 4))
    let plain = try CourseModels.trainDiffusionUNet(UNet(classCount: 10, baseChannels: 8, rng: &plainRNG), on: data, steps: 4,
                                                    averageTo: folder + "/plain.safetensors", using: &plainRNG)
    let logged = try CourseModels.trainDiffusionUNet(UNet(classCount: 10, baseChannels: 8, rng: &loggedRNG), on: data, steps: 4,
                                                     averageTo: folder + "/logged.safetensors", using: &loggedRNG, logging: logger)
    #expect(plain.losses == logged.losses && plain.losses.count == 4)
    #expect(parameters(of: plain.model) == parameters(of: logged.model))
    let log = try TrainingLog.read(from: logger.file)
    #expect(log.evaluations.map(\.step) == [2, 4])
    // The last evaluation is of the averaged weights the recipe returns: unconditional DDIM, 20 steps, η = 1.
    let expected = logger.features.quality(
        generated: SampleSource.ddim(plain.model, steps: 20, guidance: 0, eta: 1, seed: logger.seed).drawnBytes(count: 20).map { Float($0) / 255 },
        count: 20)
    #expect(abs((log.evaluations.last?.frechetDistance ?? -1) - expected.frechetDistance) < 1e-9)
}

/// A log answers "what was measured after n images" by the step its logger chose for n.
@Test func aLogFindsTheEvaluationAfterANumberOfImages() throws {
    let quality = SampleQuality(frechetDistance: 1, frechetFloor: 0, precision: 0.5, recall: 0.5, density: 1, coverage: 1)
    let log = TrainingLog(model: "m", batchSize: 64, lossInterval: 5, stepLosses: [("loss", Array(repeating: 1, count: 100))],
                          evaluationSamples: 10, evaluationSeed: 1,
                          evaluations: [79, 100].map { TrainingLog.Evaluation(step: $0, quality: quality) })
    // ⌈5,000 / 64⌉ = ⌈78.13⌉ = 79, and ⌈4,993 / 64⌉ = ⌈78.02⌉ too; 4,992 images are exactly 78 steps,
    // which were not measured; 6,400 images are the 100th step; 10,000 were never reached.
    #expect(log.evaluation(afterImages: 5000)?.step == 79 && log.evaluation(afterImages: 4993)?.step == 79)
    #expect(log.evaluation(afterImages: 4992) == nil)
    #expect(log.evaluation(afterImages: 6400)?.step == 100)
    #expect(log.evaluation(afterImages: 10_000) == nil)
}
