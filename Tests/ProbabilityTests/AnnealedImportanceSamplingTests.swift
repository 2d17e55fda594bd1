import Foundation
import Testing
import Probability
import Tensors

@Test func annealedImportanceSamplingRecoversAKnownLogPartition() {
    // Target f(x) = 5 exp(-(x - 3)² / (2 · 0.3²)), Z = 5 √(2π) 0.3; base N(0, 2²).
    let exact = log(5 * (2 * Double.pi).squareRoot() * 0.3)
    func baseLog(_ x: Tensor) -> Tensor {
        (x * x / -8 - Float(log(2 * (2 * Double.pi).squareRoot()))).reshaped(to: [x.shape[0]])
    }
    func targetLog(_ x: Tensor) -> Tensor {
        ((x - 3) * (x - 3) / Float(-2 * 0.09) + Float(log(5.0))).reshaped(to: [x.shape[0]])
    }
    var rng = RandomGenerator(seed: 7)
    let start = Tensor(randomNormal: [500, 1], standardDeviation: 2, using: &rng)
    let estimate = annealedImportanceSampling(
        start: start, temperatures: annealingTemperatures(200, power: 2), baseLogDensity: baseLog, targetLogDensity: targetLog,
        transition: { x, beta, rng in
            let b = Float(beta)
            let dynamics = LangevinDynamics(
                stepSize: 0.01, score: { x in (1 - b) * (x / -4) + b * ((x - 3) / Float(-0.09)) },
                logDensity: { x in (1 - b) * baseLog(x) + b * targetLog(x) })
            return dynamics.run(from: x, steps: 3, adjusted: true, using: &rng).samples
        }, using: &rng)
    #expect(estimate.standardError < 0.1, "standard error \(estimate.standardError)")
    #expect(abs(estimate.logPartition - exact) < 3 * estimate.standardError + 0.01,
            "log Z \(estimate.logPartition) ± \(estimate.standardError), exact \(exact)")
}

@Test func annealedLogWeightAddsTheTemperedRatio() {
    // (0.3 - 0.1) (-2 - (-5)) = 0.6.
    #expect(abs(annealedLogWeight(1, baseLogDensity: -5, targetLogDensity: -2, previousTemperature: 0.1, temperature: 0.3) - 1.6) < 1e-12)
}

@Test func aisEstimateOfEqualWeightsIsTheirValueWithNoError() {
    let estimate = AISEstimate(logWeights: [2, 2, 2, 2])
    #expect(abs(estimate.logPartition - 2) < 1e-12)
    #expect(estimate.standardError < 1e-12)
    #expect(abs(estimate.effectiveSampleSize - 4) < 1e-12)
}
