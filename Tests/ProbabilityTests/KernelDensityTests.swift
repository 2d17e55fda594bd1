import Foundation
import Testing
import Probability
import Tensors

@Test func oneDimensionalLogDensitiesMatchScikitLearn() throws {
    let reference = try loadReference("kde", as: KernelDensityReference.self)
    for estimate in reference.estimates1D {
        let kde = KernelDensity(data: reference.data1D, bandwidth: .fixed(estimate.bandwidth))
        for (x, expected) in zip(reference.queries1D, estimate.logDensities) {
            #expect(abs(kde.logDensity(at: x) - expected) < 1e-9, "\(estimate.rule) at \(x)")
        }
    }
}

@Test func twoDimensionalLogDensitiesMatchScikitLearn() throws {
    let reference = try loadReference("kde", as: KernelDensityReference.self)
    let kde = KernelDensity(data: reference.data2D, bandwidth: .fixed(reference.bandwidth2D))
    for (x, expected) in zip(reference.queries2D, reference.logDensities2D) {
        #expect(abs(kde.logDensity(at: x) - expected) < 1e-9, "at \(x)")
    }
}

@Test func scottAndSilvermanBandwidthsAreScipysKernelStandardDeviations() throws {
    let reference = try loadReference("kde", as: KernelDensityReference.self)
    for estimate in reference.estimates1D where estimate.rule != "fixed" {
        let rule: BandwidthRule = estimate.rule == "scott" ? .scott : .silverman
        let kde = KernelDensity(data: reference.data1D, bandwidth: rule)
        #expect(isClose(kde.bandwidth, estimate.bandwidth, relative: 1e-12), "\(estimate.rule)")
        for (x, expected) in zip(reference.queries1D, estimate.logDensities) {
            #expect(abs(kde.logDensity(at: x) - expected) < 1e-9)
        }
    }
    let scott = KernelDensity(data: reference.data1D, bandwidth: .scott)
    for (x, expected) in zip(reference.queries1D, reference.scipyLogPDFScott1D) {
        #expect(abs(scott.logDensity(at: x) - expected) < 1e-9, "scipy gaussian_kde at \(x)")
    }
}

@Test func onStandardisedDataTheRulesGiveScikitLearnsBareFactors() throws {
    let reference = try loadReference("kde", as: KernelDensityReference.self)
    let data = reference.standardised1D.map { [$0] }
    #expect(isClose(BandwidthRule.scott.bandwidth(for: data), reference.sklearnFactors1D["scott"] ?? .nan, relative: 1e-12))
    #expect(isClose(BandwidthRule.silverman.bandwidth(for: data), reference.sklearnFactors1D["silverman"] ?? .nan, relative: 1e-12))
}

@Test func singlePointEstimateIsTheKernelItself() {
    let kde = KernelDensity(data: [[1, 2]], bandwidth: .fixed(0.5))
    let expected = Normal(mean: 1, standardDeviation: 0.5).logProb(0) + Normal(mean: 2, standardDeviation: 0.5).logProb(2.5)
    #expect(abs(kde.logDensity(at: [0, 2.5]) - expected) < 1e-14)
}

@Test func logDensityFarFromTheDataStaysFinite() {
    // exp(-|x - x_i|²/2h²) underflows to 0 here; log-sum-exp keeps the exact value.
    let kde = KernelDensity(data: [0.0], bandwidth: .fixed(0.1))
    #expect(abs(kde.logDensity(at: 10) - Normal(mean: 0, standardDeviation: 0.1).logProb(10)) < 1e-9)
}

@Test func crossValidationPrefersAModerateBandwidthOnNormalData() {
    var generator = RandomGenerator(seed: 17)
    let data = Normal().sample(400, using: &generator)
    let candidates = [0.01, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2]
    let selection = KernelDensity.crossValidatedBandwidth(data: data, candidates: candidates, folds: 5, using: &generator)
    // Silverman's rule for N(0, 1) and n = 400 gives 1.06 · 400^(-1/5) ≈ 0.32: too small or too large
    // bandwidths must score worse on held-out points.
    #expect(selection.bandwidth == 0.2 || selection.bandwidth == 0.4)
    #expect(selection.heldOutLogLikelihoods.count == candidates.count)
    #expect(selection.heldOutLogLikelihoods[0] < selection.heldOutLogLikelihoods[4])
    #expect(selection.heldOutLogLikelihoods[7] < selection.heldOutLogLikelihoods[4])
}

@Test func samplesFromAKDEHaveDataVariancePlusBandwidthSquared() {
    var generator = RandomGenerator(seed: 23)
    let data = [-1.0, 1.0]
    let kde = KernelDensity(data: data, bandwidth: .fixed(0.5))
    let samples = kde.sampleValues(40_000, using: &generator)
    // Mixture of N(±1, 0.25): mean 0, variance 1 + 0.25.
    #expect(abs(mean(samples)) < 0.03)
    #expect(abs(variance(samples) - 1.25) < 0.04)
}
