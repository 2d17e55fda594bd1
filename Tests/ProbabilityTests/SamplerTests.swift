import Foundation
import Testing
import Probability
import Tensors

@Test func continuousInverseTransformReproducesExponentialMoments() {
    var generator = RandomGenerator(seed: 21)
    let rate = 0.5
    let samples = inverseTransformSamples(40_000, inverseCDF: { -log(1 - $0) / rate }, using: &generator)
    // Mean 1/λ = 2 and standard deviation 2, so the standard error of the mean is 0.01.
    #expect(abs(mean(samples) - 2) < 0.05)
    let belowMedian = Double(samples.filter { $0 < log(2) / rate }.count) / Double(samples.count)
    #expect(abs(belowMedian - 0.5) < 0.01)
}

@Test func discreteInverseTransformUsesOneUniformPerDraw() {
    var a = RandomGenerator(seed: 4)
    var b = RandomGenerator(seed: 4)
    let draws = inverseTransformSamples(5, probabilities: [0.2, 0.5, 0.3], using: &a)
    let byHand = (0..<5).map { _ -> Int in
        let u = b.nextUniform()
        return u < 0.2 ? 0 : (u < 0.7 ? 1 : 2)
    }
    #expect(draws == byHand)
}

@Test func rejectionAcceptanceRateIsOneOverBound() {
    // Target N(0, 1), proposal N(0, 2²): sup p/q = 2 at x = 0, so M = 2 accepts half.
    var generator = RandomGenerator(seed: 31)
    let target = Normal()
    let result = rejectionSamples(20_000, logTarget: target.logProb, proposal: Normal(mean: 0, standardDeviation: 2),
                                  bound: 2, using: &generator)
    #expect(abs(result.acceptanceRate - 0.5) < 0.01)
    #expect(abs(mean(result.samples)) < 0.03)
    #expect(abs(variance(result.samples) - 1) < 0.04)
}

@Test func metropolisHastingsRecoversNormalMeanAndVariance() {
    var generator = RandomGenerator(seed: 41)
    // Unnormalised N(3, 0.5²): the constant is left out on purpose.
    let chain = metropolisHastings(logDensity: { x in -(x - 3) * (x - 3) / (2 * 0.25) }, initial: 0.0,
                                   steps: 60_000, burnIn: 1_000,
                                   propose: { x, rng in x + 0.8 * rng.nextNormal() }, using: &generator)
    #expect(chain.samples.count == 60_000)
    #expect(abs(mean(chain.samples) - 3) < 0.03)
    #expect(abs(variance(chain.samples) - 0.25) < 0.02)
    #expect(chain.acceptanceRate > 0.3 && chain.acceptanceRate < 0.8)
}

@Test func metropolisHastingsWithAsymmetricProposalStillTargetsTheDensity() {
    // Target Exponential(1) with a log-normal multiplicative proposal x' = x e^{0.5 z}:
    // q(x' | x) = N(log x' | log x, 0.25) / x', so the correction does not cancel.
    var generator = RandomGenerator(seed: 43)
    let step = Normal(mean: 0, standardDeviation: 0.5)
    let logDensity: (Double) -> Double = { x in x > 0 ? -x : -.infinity }
    let propose: (Double, inout RandomGenerator) -> Double = { x, rng in x * exp(0.5 * rng.nextNormal()) }
    let proposalLogDensity: (Double, Double) -> Double = { to, from in
        step.logProb(log(to) - log(from)) - log(to)
    }
    let chain = metropolisHastings(logDensity: logDensity, initial: 1.0, steps: 80_000, burnIn: 1_000,
                                   propose: propose, proposalLogDensity: proposalLogDensity, using: &generator)
    #expect(abs(mean(chain.samples) - 1) < 0.05)
}

@Test func acceptanceIsCertainUphillAndTheDensityRatioDownhill() {
    #expect(metropolisHastingsLogAcceptance(currentLogDensity: -3, proposedLogDensity: -1) == 0)
    #expect(metropolisHastingsLogAcceptance(currentLogDensity: -1, proposedLogDensity: -3) == -2)
    #expect(metropolisHastingsLogAcceptance(currentLogDensity: -1, proposedLogDensity: -1,
                                            forwardLogProposal: -0.5, reverseLogProposal: -2) == -1.5)
}

@Test func autocorrelationOfAnAlternatingChainByHand() {
    // x = [1, -1, 1, -1]: mean 0, Σx² = 4; lag 1: 3 products of -1 → -3/4; lag 2: 2 products of 1 → 2/4.
    #expect(autocorrelation([1, -1, 1, -1], maxLag: 2) == [1, -0.75, 0.5])
}
