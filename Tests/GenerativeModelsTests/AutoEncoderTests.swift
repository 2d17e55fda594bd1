import Foundation
import GenerativeModels
import Metrics
import NeuralNetworks
import Testing

@Test func linearAutoEncoderRecoversTheLeadingPrincipalSubspace() {
    // Data with a known principal plane: large variance along u and v, small elsewhere in 8-D.
    var rng = RandomGenerator(seed: 4)
    let u: [Float] = [1, 1, 0, 0, 0, 0, 0, 0].map { $0 / Float(2).squareRoot() }
    let v: [Float] = [0, 0, 1, -1, 1, 0, 0, 0].map { $0 / Float(3).squareRoot() }
    let coefficients = Tensor(randomNormal: [1024, 2], using: &rng) * Tensor([3, 2])
    let data = matmul(coefficients, Tensor([u, v])) + 0.05 * Tensor(randomNormal: [1024, 8], using: &rng)
    var model = AutoEncoder(inputSize: 8, hiddenSizes: [], latentSize: 2, rng: &rng)
    let optimizer = Adam(learningRate: 1e-2)
    for _ in 0..<1500 {
        optimizer.update(&model, along: gradient(at: model) { $0.loss(data) })
    }
    // The decoder's weight [2, 8] spans the reconstruction subspace; compare it with the plane (u, v).
    let decoderSpan = model.decoder.layers[0].weight.transposed()
    let angles = principalAngles(between: decoderSpan, and: Tensor([u, v]).transposed())
    #expect(angles.allSatisfy { $0 < 0.05 }, "principal angles \(angles)")
    #expect(model.loss(data).scalar < 0.01)
}

@Test func autoEncoderShapesFollowLatentAndInputSizes() {
    var rng = RandomGenerator(seed: 5)
    let model = AutoEncoder(inputSize: 12, hiddenSizes: [8], latentSize: 3, rng: &rng)
    let x = Tensor(randomUniform: [5, 12], using: &rng)
    #expect(model.encode(x).shape == [5, 3] && model.decode(model.encode(x)).shape == [5, 12])
}
