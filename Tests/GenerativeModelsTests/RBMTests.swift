import Foundation
import GenerativeModels
import Probability
import Tensors
import Testing

/// A tiny RBM with weights large enough to make its distribution far from uniform.
private func tinyRBM(visible: Int, hidden: Int, seed: UInt64) -> RBM {
    var rng = RandomGenerator(seed: seed)
    return RBM(weight: Tensor(randomNormal: [visible, hidden], using: &rng),
               visibleBias: Tensor(randomNormal: [visible], standardDeviation: 0.5, using: &rng),
               hiddenBias: Tensor(randomNormal: [hidden], standardDeviation: 0.5, using: &rng))
}

/// Every binary vector of `length` bits, as rows.
private func allConfigurations(_ length: Int) -> [[Float]] {
    (0..<(1 << length)).map { code in (0..<length).map { Float((code >> $0) & 1) } }
}

/// `-E(v, h) = bᵀv + cᵀh + vᵀWh`, by hand.
private func negativeEnergy(_ rbm: RBM, _ v: [Float], _ h: [Float]) -> Double {
    let w = rbm.weight.scalars, b = rbm.visibleBias.scalars, c = rbm.hiddenBias.scalars
    var total = 0.0
    for i in v.indices { total += Double(b[i] * v[i]) }
    for j in h.indices { total += Double(c[j] * h[j]) }
    for i in v.indices { for j in h.indices { total += Double(v[i] * w[i * h.count + j] * h[j]) } }
    return total
}

@Test func rbmFreeEnergyMatchesBruteForceEnumeration() {
    let rbm = tinyRBM(visible: 4, hidden: 3, seed: 1)
    let visibles = allConfigurations(4), hiddens = allConfigurations(3)
    let freeEnergies = rbm.freeEnergy(Tensor(visibles)).scalars
    for (v, free) in zip(visibles, freeEnergies) {
        let bruteForce = -logSumExp(hiddens.map { negativeEnergy(rbm, v, $0) })
        #expect(abs(Double(free) - bruteForce) < 1e-4, "v \(v): \(free) vs \(bruteForce)")
    }
}

@Test func rbmExactLogPartitionMatchesTheSumOverAllStates() {
    let rbm = tinyRBM(visible: 5, hidden: 4, seed: 2)
    let bruteForce = logSumExp(allConfigurations(5).flatMap { v in allConfigurations(4).map { negativeEnergy(rbm, v, $0) } })
    #expect(abs(rbm.exactLogPartition() - bruteForce) < 1e-4)
}

@Test func gibbsChainsSampleTheRBMsVisibleDistribution() {
    let rbm = tinyRBM(visible: 3, hidden: 2, seed: 3)
    let logZ = rbm.exactLogPartition()
    let visibles = allConfigurations(3)
    let exact = rbm.freeEnergy(Tensor(visibles)).scalars.map { exp(-Double($0) - logZ) }
    var rng = RandomGenerator(seed: 4)
    var state = Tensor(zeros: [20_000, 3])
    for _ in 0..<50 { state = rbm.gibbsStep(state, using: &rng).visible }
    var counts = [Double](repeating: 0, count: 8)
    let values = state.scalars
    for row in 0..<20_000 { counts[Int(values[3 * row] + 2 * values[3 * row + 1] + 4 * values[3 * row + 2])] += 1 }
    let totalVariation = zip(counts, exact).map { abs($0 / 20_000 - $1) }.reduce(0, +) / 2
    #expect(totalVariation < 0.02, "total variation \(totalVariation)")
}

@Test func annealedImportanceSamplingRecoversTheRBMsLogPartition() {
    let rbm = tinyRBM(visible: 12, hidden: 6, seed: 5)
    var rng = RandomGenerator(seed: 6)
    let estimate = rbm.annealedLogPartition(baseVisibleBias: Tensor(zeros: [12]), temperatures: (0...500).map { Double($0) / 500 },
                                            chainCount: 200, using: &rng)
    let exact = rbm.exactLogPartition()
    #expect(abs(estimate.logPartition - exact) < 3 * estimate.standardError + 0.02,
            "AIS \(estimate.logPartition) ± \(estimate.standardError), exact \(exact)")
}

@Test func annealingWithExactDrawsRecoversTheLogPartitionOfASharpRBM() {
    // Weights three times the usual scale: a few hidden states hold the mass, as in a trained RBM.
    var weightRNG = RandomGenerator(seed: 9)
    let rbm = RBM(weight: 3 * Tensor(randomNormal: [16, 6], using: &weightRNG), visibleBias: Tensor(zeros: [16]),
                  hiddenBias: Tensor(randomNormal: [6], standardDeviation: 2, using: &weightRNG))
    let exact = rbm.exactLogPartition()
    var rng = RandomGenerator(seed: 10)
    let estimate = rbm.annealedLogPartition(baseVisibleBias: Tensor(zeros: [16]), temperatures: annealingTemperatures(300, power: 2),
                                            chainCount: 200, move: .exactDraw, using: &rng)
    #expect(abs(estimate.logPartition - exact) < 3 * estimate.standardError + 0.02,
            "AIS \(estimate.logPartition) ± \(estimate.standardError), exact \(exact)")
}

@Test func partitionLowerBoundHoldsAndReachesTheLargestHiddenState() {
    let rbm = tinyRBM(visible: 6, hidden: 5, seed: 11)
    let visibles = allConfigurations(6)
    let hiddenTerms = allConfigurations(5).map { h in logSumExp(visibles.map { negativeEnergy(rbm, $0, h) }) }
    let bruteForceLogZ = logSumExp(hiddenTerms)
    // Climbing from every state ends on every local maximum, the most probable state among them.
    let bound = rbm.logPartitionLowerBound(ascendingFrom: Tensor(allConfigurations(5)))
    #expect(bound <= bruteForceLogZ + 1e-4, "bound \(bound) above log Z \(bruteForceLogZ)")
    #expect(bound >= (hiddenTerms.max() ?? 0) - 1e-4, "bound \(bound), largest hidden term \(hiddenTerms.max() ?? 0)")
}

@Test func partitionLowerBoundCountsEachStateOnce() {
    // The most probable state stays put, and two climbs that end on it add it once, not twice (log 2 more).
    let rbm = tinyRBM(visible: 6, hidden: 5, seed: 13)
    let visibles = allConfigurations(6)
    let hiddens = allConfigurations(5)
    let terms = hiddens.map { h in logSumExp(visibles.map { negativeEnergy(rbm, $0, h) }) }
    let best = terms.indices.max { terms[$0] < terms[$1] } ?? 0
    let bound = rbm.logPartitionLowerBound(ascendingFrom: Tensor([hiddens[best], hiddens[best]]))
    #expect(abs(bound - terms[best]) < 1e-4, "bound \(bound), log f(h*) \(terms[best])")
}

@Test func persistentContrastiveDivergenceRaisesTheExactLikelihood() {
    var rng = RandomGenerator(seed: 7)
    // Two patterns and their noisy copies.
    let patterns: [[Float]] = [[1, 1, 1, 0, 0, 0], [0, 0, 0, 1, 1, 1]]
    let data = Tensor((0..<64).map { row in patterns[row % 2].map { rng.nextUniform() < 0.05 ? 1 - $0 : $0 } })
    for method in [RBMTrainer.Method.contrastiveDivergence(steps: 1), .persistent(steps: 1)] {
        var trainer = RBMTrainer(model: RBM(visibleCount: 6, hiddenCount: 3, rng: &rng), method: method, learningRate: 0.1)
        let before = trainer.model.meanLogLikelihood(data, logPartition: trainer.model.exactLogPartition())
        for _ in 0..<300 { trainer.step(on: data, using: &rng) }
        let after = trainer.model.meanLogLikelihood(data, logPartition: trainer.model.exactLogPartition())
        #expect(after > before + 1, "\(method): \(before) -> \(after)")
    }
}
