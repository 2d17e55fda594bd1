import Testing
import Probability
import Tensors

@Test func kolmogorovSmirnovStatisticByHand() {
    // Sorted [0.1, 0.5, 0.9] against Uniform(0, 1): the gaps are 1/3 - 0.1, 0.1, 2/3 - 0.5,
    // 0.5 - 1/3, 1 - 0.9 and 0.9 - 2/3, the largest 0.9 - 2/3 = 1/3 - 0.1 = 0.2333….
    let d = kolmogorovSmirnovStatistic([0.9, 0.1, 0.5], cdf: Uniform().cdf)
    #expect(abs(d - (0.9 - 2.0 / 3)) < 1e-15)
}

@Test func kolmogorovSmirnovStatisticIsSmallForACorrectInverseTransformSampler() {
    var generator = RandomGenerator(seed: 13)
    let exponential = Exponential(rate: 3)
    let sample = inverseTransformSamples(5_000, inverseCDF: exponential.inverseCDF, using: &generator)
    // √n D < 1.63 with probability 99% under the null hypothesis.
    #expect(kolmogorovSmirnovStatistic(sample, cdf: exponential.cdf) * 5_000.0.squareRoot() < 1.63)
    let wrong = Exponential(rate: 2.5)
    #expect(kolmogorovSmirnovStatistic(sample, cdf: wrong.cdf) * 5_000.0.squareRoot() > 3)
}

@Test func chiSquaredStatisticByHand() {
    // Observed [10, 20] against [0.5, 0.5]: E = 15 each, (25 + 25)/15.
    #expect(abs(chiSquaredStatistic(observed: [10, 20], probabilities: [0.5, 0.5]) - 50.0 / 15) < 1e-14)
    #expect(categoryCounts([0, 2, 2, 1, 2], categoryCount: 3) == [1, 1, 3])
}
