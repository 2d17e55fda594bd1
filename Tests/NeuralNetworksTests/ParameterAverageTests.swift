import Foundation
import NeuralNetworks
import Testing

@Test func parameterAverageFollowsTheExponentialRecurrence() throws {
    var rng = RandomGenerator(seed: 9)
    var model = Dense(inputSize: 2, outputSize: 1, rng: &rng)
    let start = model.weight.scalars
    var average = ParameterAverage(of: model, decay: 0.5)
    model.weight = Tensor(shape: [2, 1], scalars: [1, -1])
    average.update(with: model)
    average.update(with: model)
    // Two updates towards w: 0.25 w0 + 0.75 w.
    let averaged = try #require(average.tensors.first { $0.name == "weight" }).tensor.scalars
    #expect(abs(averaged[0] - (0.25 * start[0] + 0.75)) < 1e-6 && abs(averaged[1] - (0.25 * start[1] - 0.75)) < 1e-6)
    #expect(model.weight.scalars == [1, -1] && average.updateCount == 2)
}

@Test func parameterAverageLoadsIntoAFreshModel() throws {
    var rng = RandomGenerator(seed: 10)
    let model = Sequential(layerSizes: [3, 4, 2], activation: relu, rng: &rng)
    let average = ParameterAverage(of: model, decay: 0.9)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("average-\(UUID()).safetensors").path
    try average.write(to: path)
    var fresh = Sequential(layerSizes: [3, 4, 2], activation: relu, rng: &rng)
    try Checkpoint.load(into: &fresh, from: path)
    #expect(fresh.layers[1].weight.scalars == model.layers[1].weight.scalars)
    try? FileManager.default.removeItem(atPath: path)
}
