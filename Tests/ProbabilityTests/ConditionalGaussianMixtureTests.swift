import Foundation
import Testing
import Probability

/// A two-component mixture over `(c1, c2, y)` with correlated coordinates.
private let joint = GaussianMixture(
    weights: [0.3, 0.7],
    means: [[0, 1, 0.5], [2, -1, -0.5]],
    covariances: [[[1.0, 0.3, 0.5], [0.3, 2.0, -0.4], [0.5, -0.4, 1.5]],
                  [[0.5, 0.1, -0.2], [0.1, 0.8, 0.3], [-0.2, 0.3, 0.6]]])

/// The conditional density against its definition, `p(c, y) / ∫ p(c, y') dy'`, with the integral
/// taken numerically over a wide grid.
@Test func conditionalDensityIsTheJointOverItsIntegral() {
    let conditional = ConditionalGaussianMixture(joint: joint)
    for c in [[0.5, 0.0], [1.5, -0.5], [-1.0, 2.0]] {
        let step = 0.001
        let marginal = stride(from: -15.0, through: 15.0, by: step).reduce(0) { $0 + exp(joint.logProb(c + [$1])) * step }
        for y in [-1.0, 0.0, 0.7, 2.0] {
            let expected = joint.logProb(c + [y]) - log(marginal)
            #expect(abs(conditional.logDensity(y, given: c) - expected) < 1e-6, "c = \(c), y = \(y)")
        }
    }
}

/// One component: the textbook formula for a bivariate Gaussian, mean `μ_y + ρ σ_y / σ_c (c - μ_c)`
/// and variance `σ_y² (1 - ρ²)`.
@Test func oneComponentGivesTheBivariateConditional() {
    let (sc, sy, rho) = (2.0, 0.5, 0.6)
    let single = GaussianMixture(weights: [1], means: [[1, -1]],
                                 covariances: [[[sc * sc, rho * sc * sy], [rho * sc * sy, sy * sy]]])
    let conditional = ConditionalGaussianMixture(joint: single)
    #expect(abs(conditional.conditionalMeans(given: [3])[0] - (-1 + rho * sy / sc * 2)) < 1e-12)
    #expect(abs(conditional.standardDeviations[0] - sy * (1 - rho * rho).squareRoot()) < 1e-12)
    #expect(abs(conditional.componentWeights(given: [3])[0] - 1) < 1e-12)
}

@Test func contextChangesTheComponentWeights() {
    let conditional = ConditionalGaussianMixture(joint: joint)
    // Near the first component's context mean, the first component dominates; near the second's, the second.
    #expect(conditional.componentWeights(given: [0, 1])[0] > 0.9)
    #expect(conditional.componentWeights(given: [2, -1])[1] > 0.9)
}
