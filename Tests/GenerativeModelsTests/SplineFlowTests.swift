import Foundation
import GenerativeModels
import NeuralNetworks
import Tensors
import Testing

/// A spline flow on `N(0, I)` whose couplings are not the identity: every conditioner's zero last
/// layer is replaced by random weights and biases.
private func randomizedSplineFlow(dimension: Int, layerCount: Int, seed: UInt64) -> SplineFlow<StandardNormalBase> {
    var rng = RandomGenerator(seed: seed)
    var flow = SplineFlow(base: StandardNormalBase(dimension: dimension), layerCount: layerCount, binCount: 6, bound: 3,
                          width: 16, depth: 2, rng: &rng)
    for index in flow.layers.indices {
        let last = flow.layers[index].conditioner.layers.count - 1
        let shape = flow.layers[index].conditioner.layers[last].weight.shape
        flow.layers[index].conditioner.layers[last] = Dense(
            weight: Tensor(randomNormal: shape, standardDeviation: 0.2, using: &rng),
            bias: Tensor(randomNormal: [shape[1]], standardDeviation: 0.2, using: &rng))
    }
    return flow
}

@Test func newSplineFlowIsTheIdentity() {
    var rng = RandomGenerator(seed: 31)
    let flow = SplineFlow(base: StandardNormalBase(dimension: 2), layerCount: 4, rng: &rng)
    let x = Tensor(randomNormal: [16, 2], standardDeviation: 2, using: &rng)
    let state = flow.forward(x)
    #expect(zip(state.values.scalars, x.scalars).map { abs($0 - $1) }.max()! < 1e-5)
    #expect(state.logDeterminant.scalars.map { abs($0) }.max()! < 1e-5)
}

@Test func splineFlowInverseUndoesForwardAndLogDeterminantsCancel() {
    for dimension in [2, 3, 5] {
        let flow = randomizedSplineFlow(dimension: dimension, layerCount: 6, seed: UInt64(30 + dimension))
        var rng = RandomGenerator(seed: 32)
        let z = Tensor(randomNormal: [64, dimension], standardDeviation: 1.5, using: &rng)
        let forward = flow.forward(z)
        let back = flow.inverse(forward.values)
        #expect(zip(back.values.scalars, z.scalars).map { abs($0 - $1) }.max()! < 1e-4)
        #expect(zip(forward.logDeterminant.scalars, back.logDeterminant.scalars).map { abs($0 + $1) }.max()! < 1e-4)
        #expect(zip(forward.values.scalars, z.scalars).map { abs($0 - $1) }.max()! > 0.1, "the layers must move the points")
    }
}

@Test func splineFlowLogDeterminantMatchesFiniteDifferenceJacobian() {
    expectLogDeterminantMatchesFiniteDifferences(of: randomizedSplineFlow(dimension: 2, layerCount: 6, seed: 33),
                                                 count: 6, seed: 34, step: 2e-3, tolerance: 5e-3)
}

@Test func splineFlowDensityIntegratesToOneOnAGrid() {
    let mass = massOnGrid(of: randomizedSplineFlow(dimension: 2, layerCount: 4, seed: 35))
    #expect(abs(mass - 1) < 5e-3, "the density integrates to \(mass)")
}

@Test func splineFlowGradientMatchesFiniteDifferencesInAConditionerWeight() {
    let flow = randomizedSplineFlow(dimension: 2, layerCount: 3, seed: 36)
    var rng = RandomGenerator(seed: 37)
    let batch = Tensor(randomNormal: [32, 2], using: &rng)
    let gradient = gradient(at: flow) { $0.negativeLogLikelihood(batch) }
    for (layer, entry) in [(0, 5), (1, 17), (2, 30)] {
        let analytic = Double(gradient.layers.base[layer].conditioner.layers.base[0].weight.scalars[entry])
        func loss(_ delta: Float) -> Double {
            var moved = flow
            var weight = moved.layers[layer].conditioner.layers[0].weight.scalars
            weight[entry] += delta
            moved.layers[layer].conditioner.layers[0].weight = Tensor(shape: flow.layers[layer].conditioner.layers[0].weight.shape,
                                                                      scalars: weight)
            return Double(moved.negativeLogLikelihood(batch).scalar)
        }
        let numeric = (loss(1e-2) - loss(-1e-2)) / 2e-2
        #expect(abs(analytic - numeric) < 1e-2 * max(1, abs(numeric)), "layer \(layer) entry \(entry): \(analytic) against \(numeric)")
    }
}
