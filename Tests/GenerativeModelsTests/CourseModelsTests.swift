import Foundation
import GenerativeModels
import NeuralNetworks
import Tensors
import Testing

@Test func aMissingCourseCheckpointNamesTheLessonThatSavesIt() {
    let saved = CourseModels.Saved(path: "/nonexistent/gan.safetensors", lesson: "Lessons/02-gans.md", trainingSteps: 1, batchSize: 1)
    var rng = RandomGenerator(seed: 1)
    do {
        _ = try CourseModels.load(Dense(inputSize: 2, outputSize: 2, rng: &rng), from: saved)
        Issue.record("loading a missing checkpoint succeeded")
    } catch {
        #expect("\(error)".contains("Lessons/02-gans.md"))
        #expect("\(error)".contains("/nonexistent/gan.safetensors"))
    }
}

@Test func courseModelsLoadTheWeightsTheirCheckpointHolds() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("course-\(getpid())").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    var rng = RandomGenerator(seed: 2)
    let trained = Dense(inputSize: 3, outputSize: 2, rng: &rng)
    try Checkpoint.save(trained, to: folder + "/dense.safetensors")
    let saved = CourseModels.Saved(path: folder + "/dense.safetensors", lesson: "Lessons/x.md", trainingSteps: 10, batchSize: 4)
    let loaded = try CourseModels.load(Dense(inputSize: 3, outputSize: 2, rng: &rng), from: saved)
    #expect(loaded.weight.scalars == trained.weight.scalars)
    #expect(saved.trainingImages == 40)
}

@Test func loadOrTrainLoadsAnExistingCheckpointWithoutTraining() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("course-load-\(getpid())").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    var rng = RandomGenerator(seed: 5)
    let saved = CourseModels.Saved(path: folder + "/dense.safetensors", lesson: "Lessons/x.md", trainingSteps: 1, batchSize: 1)
    let stored = Dense(inputSize: 2, outputSize: 3, rng: &rng)
    try Checkpoint.save(stored, to: saved.path)
    var trainings = 0
    let loaded = try CourseModels.loadOrTrain(Dense(inputSize: 2, outputSize: 3, rng: &rng), from: saved) { model in
        trainings += 1
        return model
    }
    #expect(trainings == 0)
    #expect(loaded.weight.scalars == stored.weight.scalars)
}

@Test func loadOrTrainTrainsOnceFromTheInitialModelWhenTheCheckpointIsMissing() throws {
    var rng = RandomGenerator(seed: 6)
    let saved = CourseModels.Saved(path: "/nonexistent/dense.safetensors", lesson: "Lessons/x.md", trainingSteps: 1, batchSize: 1)
    let initial = Dense(inputSize: 2, outputSize: 3, rng: &rng)
    var trainedFrom: [[Float]] = []
    let result = try CourseModels.loadOrTrain(initial, from: saved) { model in
        trainedFrom.append(model.weight.scalars)
        var trained = model
        trained.bias = Tensor(ones: [3])
        return trained
    }
    #expect(trainedFrom == [initial.weight.scalars])
    #expect(result.bias.scalars == [1, 1, 1])
}
