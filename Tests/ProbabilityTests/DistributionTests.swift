import Foundation
import Testing
import Probability
import Tensors

// MARK: - Normal

@Test func standardNormalCDFAt196IsTheTextbookValue() {
    // Φ(1.96) = 0.9750021048517795 (tables; scipy.stats.norm.cdf(1.96)).
    #expect(abs(Normal().cdf(1.96) - 0.9750021048517795) < 1e-15)
    #expect(Normal().cdf(0) == 0.5)
}

@Test func normalLogProbMatchesHandFormula() {
    // N(x=3 | μ=1, σ=2): -½ log(2π·4) - (2)²/(2·4) = -1.612085713764618 - 0.5.
    let expected = -0.5 * log(2 * Double.pi * 4) - 0.5
    #expect(abs(Normal(mean: 1, standardDeviation: 2).logProb(3) - expected) < 1e-14)
}

@Test func normalMatchesScipyQuantilesCDFAndLogPDF() throws {
    let reference = try loadReference("normal", as: NormalReference.self)
    for (u, q) in zip(reference.probabilities, reference.quantiles) {
        #expect(isClose(Normal().inverseCDF(u), q, relative: 1e-12), "quantile at \(u)")
    }
    for (x, (c, l)) in zip(reference.points, zip(reference.cdf, reference.logpdf)) {
        #expect(abs(Normal().cdf(x) - c) <= 1e-15 + 1e-13 * c, "cdf at \(x)")
        #expect(isClose(Normal().logProb(x), l, relative: 1e-14), "logpdf at \(x)")
    }
}

@Test func normalInverseCDFUndoesCDFOffTheStandardScale() {
    let normal = Normal(mean: -2, standardDeviation: 0.3)
    for x in stride(from: -3.0, through: -1.0, by: 0.25) {
        #expect(abs(normal.inverseCDF(normal.cdf(x)) - x) < 1e-12)
    }
}

// MARK: - Exponential and uniform

@Test func exponentialInverseCDFIsMinusLogOneMinusUOverRate() {
    let exponential = Exponential(rate: 2)
    // The median: -log(0.5)/2 = log(2)/2.
    #expect(abs(exponential.inverseCDF(0.5) - log(2) / 2) < 1e-15)
    #expect(abs(exponential.inverseCDF(0.9) - log(10) / 2) < 1e-14)
    #expect(abs(exponential.cdf(log(10) / 2) - 0.9) < 1e-15)
    #expect(exponential.logProb(-1) == -.infinity)
}

@Test func uniformDensityIsOneOverWidthInsideTheSupport() {
    let uniform = Uniform(lowerBound: -1, upperBound: 3)
    #expect(uniform.logProb(0) == -log(4))
    #expect(uniform.logProb(3) == -.infinity)
    #expect(uniform.cdf(1) == 0.5)
    #expect(uniform.inverseCDF(0.25) == 0)
}

// MARK: - Categorical

@Test func categoricalCumulativeTableAndInverseCDF() {
    let categorical = Categorical(probabilities: [1, 0, 3])
    #expect(categorical.probabilities == [0.25, 0, 0.75])
    #expect(categorical.cumulativeProbabilities == [0.25, 0.25, 1])
    #expect(categorical.inverseCDF(0.0) == 0)
    #expect(categorical.inverseCDF(0.2499) == 0)
    #expect(categorical.inverseCDF(0.25) == 2)
    #expect(categorical.logProb(1) == -.infinity)
}

@Test func categoricalSamplingFrequenciesMatchProbabilitiesWithinSamplingError() {
    let probabilities = [0.1, 0.2, 0.3, 0.4]
    var generator = RandomGenerator(seed: 11)
    let n = 40_000
    let draws = Categorical(probabilities: probabilities).sample(n, using: &generator)
    for (k, p) in probabilities.enumerated() {
        let frequency = Double(draws.filter { $0 == k }.count) / Double(n)
        let standardError = (p * (1 - p) / Double(n)).squareRoot()
        #expect(abs(frequency - p) < 4 * standardError, "category \(k): \(frequency) vs \(p)")
    }
}

@Test func categoricalFromLogitsIsSoftmax() {
    let categorical = Categorical(logits: [0, log(3)])
    #expect(abs(categorical.probabilities[1] - 0.75) < 1e-15)
}

// MARK: - Mixtures as distributions

@Test func oneComponentMixtureIsItsNormal() {
    let mixture = GaussianMixture1D(weights: [1], means: [2], standardDeviations: [0.5])
    let normal = Normal(mean: 2, standardDeviation: 0.5)
    for x in [-1.0, 2, 3.3] {
        #expect(abs(mixture.logProb(x) - normal.logProb(x)) < 1e-14)
        #expect(abs(mixture.cdf(x) - normal.cdf(x)) < 1e-15)
    }
    #expect(abs(mixture.inverseCDF(0.3) - normal.inverseCDF(0.3)) < 1e-12)
}

@Test func lectureMixtureDensityIsTheWeightedSumOfComponents() {
    let mixture = GaussianMixture1D(weights: [0.3, 0.4, 0.3], means: [-5, 0, 5], standardDeviations: [0.8, 1, 0.5])
    let x = 0.7
    let direct = 0.3 * Normal(mean: -5, standardDeviation: 0.8).prob(x) + 0.4 * Normal().prob(x)
        + 0.3 * Normal(mean: 5, standardDeviation: 0.5).prob(x)
    #expect(abs(mixture.prob(x) - direct) < 1e-15)
    #expect(abs(mixture.cdf(mixture.inverseCDF(0.62)) - 0.62) < 1e-12)
}

@Test func lectureMixtureSamplesHaveTheMixtureMeanAndVariance() {
    let mixture = GaussianMixture1D(weights: [0.3, 0.4, 0.3], means: [-5, 0, 5], standardDeviations: [0.8, 1, 0.5])
    var generator = RandomGenerator(seed: 5)
    let samples = mixture.sample(50_000, using: &generator)
    // E[x] = 0; Var[x] = Σ w (σ² + μ²) = 0.3(0.64+25) + 0.4·1 + 0.3(0.25+25) = 15.667.
    #expect(abs(mean(samples)) < 0.05)
    #expect(abs(variance(samples) - 15.667) < 0.25)
}

@Test func diagonalMixtureLogProbIsSumOfCoordinateNormals() {
    let mixture = GaussianMixture(weights: [1], means: [[1, -1]], diagonalVariances: [[4, 0.25]])
    let expected = Normal(mean: 1, standardDeviation: 2).logProb(0.3) + Normal(mean: -1, standardDeviation: 0.5).logProb(0)
    #expect(abs(mixture.logProb([0.3, 0]) - expected) < 1e-14)
}

@Test func fullMixtureSamplesHaveTheComponentCovariance() {
    let covariance = [[1.0, 0.6], [0.6, 0.8]]
    let mixture = GaussianMixture(weights: [1], means: [[0, 0]], covariances: [covariance])
    var generator = RandomGenerator(seed: 8)
    let samples = mixture.sample(40_000, using: &generator)
    let cross = samples.reduce(0) { $0 + $1[0] * $1[1] } / Double(samples.count)
    #expect(abs(cross - 0.6) < 0.03)
    #expect(abs(variance(samples.map { $0[1] }) - 0.8) < 0.03)
}

@Test func fullMixtureLogProbMatchesTheTwoByTwoInverse() {
    // Σ = [[1, 0.6], [0.6, 0.8]]: det Σ = 0.44, Σ⁻¹ = [[0.8, -0.6], [-0.6, 1]] / 0.44,
    // so at x = (1, 1): xᵀ Σ⁻¹ x = (0.8 - 1.2 + 1) / 0.44.
    let mixture = GaussianMixture(weights: [1], means: [[0, 0]], covariances: [[[1, 0.6], [0.6, 0.8]]])
    let expected = -log(2 * Double.pi) - 0.5 * log(0.44) - 0.5 * 0.6 / 0.44
    #expect(abs(mixture.logProb([1, 1]) - expected) < 1e-14)
}
