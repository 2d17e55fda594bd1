import Foundation
import GenerativeModels
import NeuralNetworks
import Tensors
import Testing

/// A flow on a standard normal base whose couplings are not the identity.
private func randomizedFlow(dimension: Int, layerCount: Int, seed: UInt64) -> CouplingFlow<StandardNormalBase> {
    randomizedFlow(base: StandardNormalBase(dimension: dimension), layerCount: layerCount, seed: seed)
}

/// A flow on `base` whose couplings are not the identity: every conditioner's zero last layer is
/// replaced by small random weights and biases.
func randomizedFlow<Base: FlowBase>(base: Base, layerCount: Int, seed: UInt64) -> CouplingFlow<Base> {
    var rng = RandomGenerator(seed: seed)
    var flow = CouplingFlow(base: base, layerCount: layerCount, width: 16, depth: 2, rng: &rng)
    for index in flow.layers.indices {
        let last = flow.layers[index].conditioner.layers.count - 1
        let shape = flow.layers[index].conditioner.layers[last].weight.shape
        flow.layers[index].conditioner.layers[last] = Dense(
            weight: Tensor(randomNormal: shape, standardDeviation: 0.3, using: &rng),
            bias: Tensor(randomNormal: [shape[1]], standardDeviation: 0.3, using: &rng))
    }
    return flow
}

@Test func newCouplingFlowIsTheIdentity() {
    var rng = RandomGenerator(seed: 1)
    let flow = CouplingFlow(dimension: 2, layerCount: 4, rng: &rng)
    let x = Tensor(randomNormal: [8, 2], using: &rng)
    let state = flow.forward(x)
    #expect(zip(state.values.scalars, x.scalars).allSatisfy { $0 == $1 })
    #expect(state.logDeterminant.scalars.allSatisfy { $0 == 0 })
}

@Test func couplingFlowInverseUndoesForwardAndLogDeterminantsCancel() {
    for dimension in [2, 3, 5] {
        let flow = randomizedFlow(dimension: dimension, layerCount: 6, seed: UInt64(dimension))
        var rng = RandomGenerator(seed: 10)
        let z = Tensor(randomNormal: [64, dimension], using: &rng)
        let forward = flow.forward(z)
        let back = flow.inverse(forward.values)
        #expect(zip(back.values.scalars, z.scalars).map { abs($0 - $1) }.max()! < 1e-4)
        let sums = zip(forward.logDeterminant.scalars, back.logDeterminant.scalars).map { abs($0 + $1) }
        #expect(sums.max()! < 1e-4)
        // The layers do move the points: the test is not checking the identity.
        #expect(zip(forward.values.scalars, z.scalars).map { abs($0 - $1) }.max()! > 0.1)
    }
}

@Test func couplingFlowLogDeterminantMatchesFiniteDifferenceJacobian() {
    expectLogDeterminantMatchesFiniteDifferences(of: randomizedFlow(dimension: 2, layerCount: 6, seed: 3),
                                                 count: 5, seed: 11, step: 1e-2, tolerance: 2e-3)
}

@Test func couplingFlowDensityIntegratesToOneOnAGrid() {
    let mass = massOnGrid(of: randomizedFlow(dimension: 2, layerCount: 4, seed: 5))
    #expect(abs(mass - 1) < 5e-3, "the density integrates to \(mass)")
}

@Test func couplingFlowLikelihoodOfAnIdentityFlowIsTheStandardNormal() {
    var rng = RandomGenerator(seed: 6)
    let flow = CouplingFlow(dimension: 2, layerCount: 2, rng: &rng)
    let logDensity = flow.logLikelihood(Tensor(shape: [1, 2], scalars: [1, -2])).scalar
    // log N([1, -2]; 0, I) = -(1 + 4)/2 - log(2π).
    #expect(abs(Double(logDensity) - (-2.5 - log(2 * Double.pi))) < 1e-5)
}

@Test func couplingFlowTrainingRaisesTheLikelihoodOfAnAffineGaussian() {
    var rng = RandomGenerator(seed: 7)
    // x = A z + b with A = [[2, 0], [1, 0.5]]: log det A = log 1, entropy of N(b, AAᵀ) = log(2πe) + log|det A|.
    let z = Tensor(randomNormal: [512, 2], using: &rng).scalars
    let data = Tensor(shape: [512, 2], scalars: (0..<512).flatMap { i -> [Float] in
        [2 * z[2 * i] + 1, z[2 * i] + 0.5 * z[2 * i + 1] - 1]
    })
    var flow = CouplingFlow(dimension: 2, layerCount: 4, width: 32, rng: &rng)
    let optimizer = Adam(learningRate: 1e-2)
    for _ in 0..<300 {
        let (_, gradient) = valueWithGradient(at: flow) { $0.negativeLogLikelihood(data) }
        optimizer.update(&flow, along: gradient)
    }
    let entropy = log(2 * Double.pi * exp(1.0)) + log(1.0)
    let loss = Double(flow.negativeLogLikelihood(data).scalar)
    #expect(abs(loss - entropy) < 0.1, "mean negative log-likelihood \(loss), entropy \(entropy)")
}
