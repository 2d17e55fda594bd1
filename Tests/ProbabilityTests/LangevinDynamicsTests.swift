import Foundation
import Testing
import Probability
import Tensors

// The target of these tests: N(1, 2²) in one dimension, score -(x - 1) / 4.
private let targetMean: Float = 1, targetVariance: Float = 4
private func gaussianScore(_ x: Tensor) -> Tensor { (targetMean - x) / targetVariance }
private func gaussianLogDensity(_ x: Tensor) -> Tensor {
    ((x - targetMean) * (x - targetMean) / (-2 * targetVariance)).reshaped(to: [x.shape[0]])
}
private func moments(_ samples: Tensor) -> (mean: Double, variance: Double) {
    let values = samples.scalars.map(Double.init)
    return (mean(values), variance(values))
}

@Test func unadjustedLangevinReachesTheGaussiansMeanAndVariance() {
    var rng = RandomGenerator(seed: 1)
    let langevin = LangevinDynamics(stepSize: 0.02, score: gaussianScore)
    let chain = langevin.run(from: Tensor(zeros: [4000, 1]), steps: 1500, using: &rng)
    let (m, v) = moments(chain.samples)
    // 4,000 chains: standard errors 0.03 (mean) and 0.09 (variance); the step's bias is 0.01.
    #expect(abs(m - 1) < 0.12, "mean \(m)")
    #expect(abs(v - 4) < 0.35, "variance \(v)")
}

@Test func unadjustedLangevinWithALargeStepHasTheClosedFormBias() {
    // x' = x + ε(1 - x)/σ² + √(2ε) ξ is an AR(1) chain with variance 2ε / (1 - (1 - ε/σ²)²) = σ² / (1 - ε / (2σ²)).
    var rng = RandomGenerator(seed: 2)
    let langevin = LangevinDynamics(stepSize: 3, score: gaussianScore)
    let chain = langevin.run(from: Tensor(zeros: [4000, 1]), steps: 200, using: &rng)
    let expected = 4 / (1 - 3.0 / 8)
    let (_, v) = moments(chain.samples)
    #expect(abs(v - expected) < 0.5, "variance \(v), closed form \(expected)")
    #expect(v > 5.2, "the bias is visible: \(v)")
}

@Test func malaRemovesTheBiasOfALargeStep() {
    var rng = RandomGenerator(seed: 3)
    let langevin = LangevinDynamics(stepSize: 3, score: gaussianScore, logDensity: gaussianLogDensity)
    let chain = langevin.run(from: Tensor(zeros: [4000, 1]), steps: 200, adjusted: true, using: &rng)
    let (m, v) = moments(chain.samples)
    #expect(abs(m - 1) < 0.12, "mean \(m)")
    #expect(abs(v - 4) < 0.35, "variance \(v)")
    #expect(chain.acceptanceRate > 0.3 && chain.acceptanceRate < 1, "acceptance \(chain.acceptanceRate)")
}

@Test func langevinRecordsTheRequestedStates() {
    var rng = RandomGenerator(seed: 4)
    let chain = LangevinDynamics(stepSize: 0.1, score: gaussianScore).run(from: Tensor(zeros: [3, 1]), steps: 10,
                                                                       keepingEvery: 5, using: &rng)
    #expect(chain.states.count == 3)
    #expect(chain.states[2].scalars == chain.samples.scalars)
}
