import Foundation
import Probability
import Testing

private let bimodal = GaussianMixture1D(weights: [0.5, 0.5], means: [-2, 2], standardDeviations: [0.5, 0.5])

@Test func forwardKLFitMatchesTheMixturesMeanAndVariance() {
    let fit = forwardKLFit(to: GaussianMixture1D(weights: [0.25, 0.75], means: [-2, 2], standardDeviations: [0.5, 1]))
    // Mean −0.5 + 1.5 = 1; second moment 0.25 (0.25 + 4) + 0.75 (1 + 4) = 4.8125; variance 3.8125.
    #expect(abs(fit.mean - 1) < 1e-12)
    #expect(abs(fit.standardDeviation - 3.8125.squareRoot()) < 1e-12)
}

@Test func reverseKLBetweenTwoGaussiansMatchesTheClosedForm() {
    let q = Normal(mean: 0.3, standardDeviation: 0.8)
    let p = GaussianMixture1D(weights: [1], means: [-0.5], standardDeviations: [1.5])
    // KL(N(m1, s1²) ‖ N(m2, s2²)) = log(s2 / s1) + (s1² + (m1 − m2)²) / (2 s2²) − 1/2.
    let exact = log(1.5 / 0.8) + (0.64 + 0.64) / (2 * 2.25) - 0.5
    #expect(abs(reverseKL(from: q, to: p) - exact) < 1e-6)
}

@Test func reverseKLFitRecoversAGaussianTarget() {
    let target = GaussianMixture1D(weights: [1], means: [1.2], standardDeviations: [0.7])
    let fit = reverseKLFit(to: target, start: Normal(mean: 0, standardDeviation: 2))
    #expect(abs(fit.mean - 1.2) < 1e-4)
    #expect(abs(fit.standardDeviation - 0.7) < 1e-4)
}

@Test func reverseKLFitSeeksOneModeOfASeparatedMixture() {
    let fit = reverseKLFit(to: bimodal, start: Normal(mean: 1, standardDeviation: 0.5))
    // On one mode, q ≈ N(2, 0.5²) and p ≈ q / 2 there, so KL(q ‖ p) ≈ log 2.
    #expect(abs(fit.mean - 2) < 1e-3)
    #expect(abs(fit.standardDeviation - 0.5) < 1e-3)
    #expect(abs(reverseKL(from: fit, to: bimodal) - log(2)) < 1e-3)
    #expect(reverseKL(from: forwardKLFit(to: bimodal), to: bimodal) > reverseKL(from: fit, to: bimodal))
}
