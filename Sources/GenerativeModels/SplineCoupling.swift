import NeuralNetworks

/// A rational-quadratic spline coupling layer (Durkan et al., 2019, "Neural Spline Flows"): the
/// coordinates where `mask` is 1 pass through unchanged and condition a monotone spline of each
/// of the others.
///
/// With `m` the mask and `x_a = m ⊙ x`, a network reads `x_a` and gives, for every transformed
/// coordinate `j`, the `K` widths, `K` heights and `K - 1` interior slopes of a spline `g_j` on
/// `[-B, B]` (the identity outside; see `rationalQuadraticSpline`):
///
/// `y_j = g_j(x_j; NN(x_a))` where `m_j = 0`,  `log |det ∂y/∂x| = Σ_j log g_j'(x_j)`.
///
/// An affine coupling can only shift and scale `x_j`; a spline can bend it, with any monotone
/// shape its `K` bins allow. The Jacobian is triangular as for the affine coupling, and the
/// inverse solves one quadratic per coordinate. The conditioner's last layer starts at zero,
/// which makes every bin equal with slope 1: a new layer is the identity.
public struct SplineCoupling: FlowLayer {
    /// The conditioner `x_a ↦ spline parameters`: `[N, D]` to `[N, D (3K - 1)]`.
    public var conditioner: Sequential<Dense>
    /// 1 for the coordinates that pass through, 0 for those the layer transforms, `[1, D]`.
    @noDerivative public let mask: Tensor
    /// The number of bins `K` of each spline.
    @noDerivative public let binCount: Int
    /// The half-width `B` of the interval `[-B, B]` the splines cover.
    @noDerivative public let bound: Float

    /// Creates a layer for points of dimension `mask.count` with splines of `binCount` bins on
    /// `[-bound, bound]` and a conditioner of `depth` hidden layers of `width` units (SiLU),
    /// whose last layer is zero.
    /// - Precondition: the mask holds both kinds of coordinates, `binCount >= 1`, `bound > 0`.
    public init(mask: [Bool], binCount: Int = 8, bound: Float = 3, width: Int = 64, depth: Int = 2,
                rng: inout RandomGenerator) {
        precondition(mask.contains(true) && mask.contains(false), "SplineCoupling: mask \(mask) must pass and transform coordinates")
        precondition(binCount >= 1 && bound > 0, "SplineCoupling: \(binCount) bins on [-\(bound), \(bound)]")
        let dimension = mask.count, outputs = mask.count * (3 * binCount - 1)
        self.mask = Tensor(shape: [1, dimension], scalars: mask.map { $0 ? 1 : 0 })
        self.binCount = binCount
        self.bound = bound
        var layers = Sequential(layerSizes: [dimension] + Array(repeating: width, count: depth) + [outputs],
                                activation: silu, rng: &rng).layers
        let last = layers.count - 1
        layers[last] = Dense(weight: Tensor(zeros: layers[last].weight.shape), bias: Tensor(zeros: [outputs]))
        conditioner = Sequential(layers)
    }

    /// The unnormalised spline parameters the conditioner computes from the passed coordinates of
    /// `x`: `[N, D, 3K - 1]` (widths, heights, interior slopes of each coordinate's spline).
    @differentiable(reverse)
    public func splineParameters(_ x: Tensor) -> Tensor {
        let (count, dimension) = withoutDerivative(at: (x.shape[0], mask.shape[1]))
        return conditioner(x * mask).reshaped(to: [count, dimension, 3 * binCount - 1])
    }

    /// The forward map `y = f(x)`, adding `Σ_j log g_j'(x_j)` to the state's log-determinant.
    @differentiable(reverse)
    public func forward(_ state: FlowState) -> FlowState {
        let x = state.values
        let spline = rationalQuadraticSpline(x, parameters: splineParameters(x), bound: bound)
        let transformed = 1 - mask
        return FlowState(values: x * mask + transformed * spline.values,
                         logDeterminant: state.logDeterminant + (spline.logDerivative * transformed).sum(axis: 1))
    }

    /// The inverse map `x = f⁻¹(y)`, adding `-Σ_j log g_j'(x_j)` to the state's log-determinant.
    @differentiable(reverse)
    public func inverse(_ state: FlowState) -> FlowState {
        let y = state.values
        let spline = inverseRationalQuadraticSpline(y, parameters: splineParameters(y), bound: bound)
        let transformed = 1 - mask
        return FlowState(values: y * mask + transformed * spline.values,
                         logDeterminant: state.logDeterminant + (spline.logDerivative * transformed).sum(axis: 1))
    }
}
