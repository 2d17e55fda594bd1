import Foundation

/// The conditional density of the last coordinate `y` of a Gaussian mixture given the others, `c`:
///
///     p(y | c) = Σ_k π_k(c) N(y | μ_k(c), σ_k²),
///     π_k(c) ∝ w_k N(c | μ_(k,c), Σ_(k,cc)),
///     μ_k(c) = μ_(k,y) + Σ_(k,yc) Σ_(k,cc)⁻¹ (c - μ_(k,c)),   σ_k² = Σ_(k,yy) - Σ_(k,yc) Σ_(k,cc)⁻¹ Σ_(k,cy).
///
/// Both the weights and the means depend on the context: a mixture of conditional Gaussians, the
/// simplest relative of Theis et al.'s MCGSM ("Mixtures of conditional Gaussian scale mixtures
/// applied to multiscale image representations", 2012). With `Σ = L Lᵀ` and `y` last, the last row
/// of `L` is `(l_yc, l_yy)`, so `μ_k(c) = μ_(k,y) + l_yc · L_cc⁻¹ (c - μ_(k,c))` and `σ_k = l_yy`.
public struct ConditionalGaussianMixture: Sendable {
    /// The joint mixture over `(c, y)`, `y` its last coordinate.
    public let joint: GaussianMixture
    /// The marginal mixture of the context `c`.
    private let context: GaussianMixture
    /// Per component, `L_cc` (the Cholesky factor of `Σ_(k,cc)`).
    private let contextFactors: [Cholesky]
    /// Per component, the first `d - 1` entries of the last row of `L`.
    private let coefficients: [[Double]]
    /// Per component, `σ_k = l_yy`.
    public let standardDeviations: [Double]

    /// Conditions `joint` on all coordinates but its last.
    /// - Precondition: `joint` has full covariances and at least two dimensions.
    public init(joint: GaussianMixture) {
        precondition(joint.dimension >= 2 && joint.covarianceType == .full,
                     "ConditionalGaussianMixture: need a full-covariance mixture of dimension ≥ 2, got \(joint.dimension)")
        let d = joint.dimension - 1
        let blocks = joint.covariances.map { sigma in sigma[..<d].map { Array($0[..<d]) } }
        let factors = joint.covariances.map { Cholesky($0).lower[d] }
        self.joint = joint
        context = GaussianMixture(weights: joint.weights, means: joint.means.map { Array($0[..<d]) }, covariances: blocks)
        contextFactors = blocks.map(Cholesky.init)
        coefficients = factors.map { Array($0[..<d]) }
        standardDeviations = factors.map { $0[d] }
    }

    /// The number of components `K`.
    public var componentCount: Int { joint.componentCount }

    /// `π_k(c)` for every component: the posterior weights of the components given the context.
    public func componentWeights(given c: [Double]) -> [Double] {
        let logWeights = context.componentLogProbs(c)
        let normalizer = logSumExp(logWeights)
        return logWeights.map { exp($0 - normalizer) }
    }

    /// `μ_k(c)` for every component.
    public func conditionalMeans(given c: [Double]) -> [Double] {
        (0..<componentCount).map { k in
            let whitened = contextFactors[k].solveLower(zip(c, joint.means[k]).map { $0 - $1 })
            return joint.means[k][c.count] + zip(coefficients[k], whitened).reduce(0) { $0 + $1.0 * $1.1 }
        }
    }

    /// `log p(y | c)`.
    public func logDensity(_ y: Double, given c: [Double]) -> Double {
        precondition(c.count == joint.dimension - 1,
                     "ConditionalGaussianMixture: context has \(c.count) values, expected \(joint.dimension - 1)")
        let logWeights = context.componentLogProbs(c)
        let normalizer = logSumExp(logWeights)
        let means = conditionalMeans(given: c)
        return logSumExp((0..<componentCount).map { k in
            let z = (y - means[k]) / standardDeviations[k]
            return logWeights[k] - normalizer - log(standardDeviations[k]) - 0.5 * (z * z + log(2 * Double.pi))
        })
    }
}
