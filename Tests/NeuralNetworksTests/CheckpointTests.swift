import Foundation
import Testing
import NeuralNetworks
import TestSupport

/// A model with a nested layer and an array of layers, to exercise field paths.
struct Autoencoder: Differentiable {
    var encoder: Sequential<Dense>
    var decoder: Dense

    init(rng: inout RandomGenerator) {
        encoder = Sequential(layerSizes: [4, 3, 2], activation: relu, rng: &rng)
        decoder = Dense(inputSize: 2, outputSize: 4, rng: &rng)
    }
}

func temporaryPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString).safetensors").path
}

func fixturePath(_ name: String) throws -> String {
    try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)).path
}

@Test func parameterNamesAreFieldPaths() {
    var rng = RandomGenerator(seed: 131)
    let names = namedTensors(in: Autoencoder(rng: &rng)).map(\.name)
    #expect(names == ["encoder.layers.0.weight", "encoder.layers.0.bias", "encoder.layers.1.weight",
                      "encoder.layers.1.bias", "decoder.weight", "decoder.bias"])
}

@Test func saveThenLoadRestoresEveryTensor() throws {
    var rng = RandomGenerator(seed: 132)
    let original = Autoencoder(rng: &rng)
    var restored = Autoencoder(rng: &rng)
    let path = temporaryPath("roundtrip")
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Checkpoint.save(original, to: path)
    try Checkpoint.load(into: &restored, from: path)
    for (a, b) in zip(namedTensors(in: original), namedTensors(in: restored)) {
        #expect(a.name == b.name)
        #expect(a.tensor == b.tensor)
    }
}

@Test func loadingLeavesEarlierCopiesOfDirectFieldsUnchanged() throws {
    var rng = RandomGenerator(seed: 133)
    let source = Dense(inputSize: 2, outputSize: 2, rng: &rng)
    var target = Dense(inputSize: 2, outputSize: 2, rng: &rng)
    let copy = target
    let path = temporaryPath("copy")
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Checkpoint.save(source, to: path)
    try Checkpoint.load(into: &target, from: path)
    #expect(target.weight == source.weight)
    #expect(copy.weight != source.weight)
}

@Test func fileWrittenByPythonSafetensorsLoads() throws {
    var rng = RandomGenerator(seed: 134)
    var model = Sequential(layerSizes: [2, 3, 1], activation: relu, rng: &rng)
    try Checkpoint.load(into: &model, from: try fixturePath("two_layer_mlp.safetensors"))
    // Values from scripts/reference/safetensors_fixture.py.
    #expect(model.layers[0].weight == Tensor([[0.5, -1.0, 2.0], [0.25, 3.0, -0.125]]))
    #expect(model.layers[0].bias == Tensor([1, 2, 3]))
    #expect(model.layers[1].weight == Tensor([[-1.5], [0.75], [4.0]]))
    #expect(model.layers[1].bias == Tensor([-2]))
    // x = [1, 1]: hidden relu([1.75, 4, 4.875]) ; output -2.625 + 3 + 19.5 - 2 = 17.875.
    #expect(model(Tensor([[1, 1]])).scalars == [17.875])
}

@Test func mismatchedNamesAndShapesAreNamedInTheError() throws {
    var rng = RandomGenerator(seed: 135)
    var model = Sequential(layerSizes: [2, 4, 1], activation: relu, rng: &rng)
    var other = Autoencoder(rng: &rng)
    let path = try fixturePath("two_layer_mlp.safetensors")
    do {
        try Checkpoint.load(into: &model, from: path)
        Issue.record("expected a shape mismatch")
    } catch let error as CheckpointError {
        #expect(error.description.contains("layers.0.weight: model [2, 4], file [2, 3]"))
        #expect(error.description.contains("layers.1.weight: model [4, 1], file [3, 1]"))
    }
    do {
        try Checkpoint.load(into: &other, from: path)
        Issue.record("expected a name mismatch")
    } catch let error as CheckpointError {
        #expect(error.description.contains("missing from the file: encoder.layers.0.weight"))
        #expect(error.description.contains("not in the model: layers.0.bias"))
    }
}

@Test func missingAndCorruptFilesGiveClearErrors() throws {
    var rng = RandomGenerator(seed: 136)
    var model = Dense(inputSize: 2, outputSize: 1, rng: &rng)
    #expect(throws: CheckpointError.self) { try Checkpoint.load(into: &model, from: "/nonexistent/model.safetensors") }
    let path = temporaryPath("corrupt")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let fixture = try Data(contentsOf: URL(fileURLWithPath: try fixturePath("two_layer_mlp.safetensors")))
    try fixture.prefix(fixture.count - 4).write(to: URL(fileURLWithPath: path))
    do {
        _ = try Checkpoint.read(from: path)
        Issue.record("expected a truncation error")
    } catch let error as CheckpointError {
        #expect(error.description.contains("corrupt safetensors file"))
        #expect(error.description.contains("layers."))
    }
    try Data([1, 2, 3]).write(to: URL(fileURLWithPath: path))
    #expect(throws: CheckpointError.self) { _ = try Checkpoint.read(from: path) }
}

@Test func saveCreatesTheCheckpointFolder() throws {
    var rng = RandomGenerator(seed: 133)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("checkpoints-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("nested/model.safetensors").path
    try Checkpoint.save(Autoencoder(rng: &rng), to: path)
    #expect(FileManager.default.fileExists(atPath: path))
}

@Test func loadingFromTensorsSetsEveryParameterAndNamesTheSourceOfAMismatch() throws {
    var rng = RandomGenerator(seed: 136)
    let source = Dense(inputSize: 2, outputSize: 2, rng: &rng)
    var target = Dense(inputSize: 2, outputSize: 2, rng: &rng)
    #expect(target.weight != source.weight)
    try Checkpoint.load(into: &target, tensors: namedTensors(in: source), source: "another layer")
    #expect(target.weight == source.weight && target.bias == source.bias)
    do {
        try Checkpoint.load(into: &target, tensors: namedTensors(in: source).filter { $0.name == "weight" }, source: "its weight alone")
        Issue.record("expected a missing tensor")
    } catch let error as CheckpointError {
        #expect(error.description.contains("its weight alone") && error.description.contains("bias"))
    }
}
