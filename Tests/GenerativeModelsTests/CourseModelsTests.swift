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
