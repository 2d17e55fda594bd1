import NeuralNetworks

/// The log-scale `s` and shift `t` of an affine coupling, each `[N, D]`.
public struct CouplingParameters: Differentiable {
    /// `s`, zero on the coordinates that pass through.
    public var logScale: Tensor
    /// `t`, zero on the coordinates that pass through.
    public var shift: Tensor

    /// Creates the parameters from their two tensors.
    @differentiable(reverse)
    public init(logScale: Tensor, shift: Tensor) {
        self.logScale = logScale
        self.shift = shift
    }
}

/// A RealNVP affine coupling layer (Dinh et al., 2017): the coordinates where `mask` is 1 pass
/// through unchanged and condition an affine map of the others.
///
/// With `m` the mask, `x_a = m ⊙ x` and `(s, t) = NN(x_a)` (both zero where `m = 1`),
///
/// `y = x_a + (1 - m) ⊙ (x ⊙ exp(s) + t)`,  `log |det ∂y/∂x| = Σ_j s_j`,
///
/// and the inverse is `x = y_a + (1 - m) ⊙ (y - t) ⊙ exp(-s)`, with `(s, t) = NN(y_a)` since
/// `y_a = x_a`. The Jacobian is triangular, so the determinant is the product of its diagonal.
/// `s = tanh(raw)` keeps each layer's scaling within `[1/e, e]`. The conditioner's last layer starts
/// at zero, so a new layer is the identity.
public struct AffineCoupling: FlowLayer {
    /// The conditioner `x_a ↦ (raw scale, shift)`: `[N, D]` to `[N, 2D]`.
    public var conditioner: Sequential<Dense>
    /// 1 for the coordinates that pass through, 0 for those the layer transforms, `[1, D]`.
    @noDerivative public let mask: Tensor

    /// Creates a layer for points of dimension `mask.count` with a conditioner of `depth` hidden
    /// layers of `width` units (SiLU), whose last layer is zero.
    /// - Precondition: the mask holds both kinds of coordinates.
    public init(mask: [Bool], width: Int = 64, depth: Int = 2, rng: inout RandomGenerator) {
        precondition(mask.contains(true) && mask.contains(false), "AffineCoupling: mask \(mask) must pass and transform coordinates")
        let dimension = mask.count
        self.mask = Tensor(shape: [1, dimension], scalars: mask.map { $0 ? 1 : 0 })
        var layers = Sequential(layerSizes: [dimension] + Array(repeating: width, count: depth) + [2 * dimension],
                                activation: silu, rng: &rng).layers
        let last = layers.count - 1
        layers[last] = Dense(weight: Tensor(zeros: layers[last].weight.shape), bias: Tensor(zeros: [2 * dimension]))
        conditioner = Sequential(layers)
    }

    /// The log-scale `s` and shift `t` the conditioner computes from the passed coordinates of `x`,
    /// each `[N, D]` and zero on the passed coordinates.
    @differentiable(reverse)
    public func logScaleAndShift(_ x: Tensor) -> CouplingParameters {
        let dimension = withoutDerivative(at: mask.shape[1])
        let raw = conditioner(x * mask)
        let transformed = 1 - mask
        let logScale = tanh(raw.sliced(alongAxis: 1, range: 0..<dimension)) * transformed
        let shift = raw.sliced(alongAxis: 1, range: dimension..<(2 * dimension)) * transformed
        return CouplingParameters(logScale: logScale, shift: shift)
    }

    /// The forward map `y = f(x)`, adding `Σ_j s_j` to the state's log-determinant.
    @differentiable(reverse)
    public func forward(_ state: FlowState) -> FlowState {
        let x = state.values
        let parameters = logScaleAndShift(x)
        let logScale = parameters.logScale, shift = parameters.shift
        let y = x * mask + (1 - mask) * (x * exp(logScale) + shift)
        return FlowState(values: y, logDeterminant: state.logDeterminant + logScale.sum(axis: 1))
    }

    /// The inverse map `x = f⁻¹(y)`, adding `-Σ_j s_j` to the state's log-determinant.
    @differentiable(reverse)
    public func inverse(_ state: FlowState) -> FlowState {
        let y = state.values
        let parameters = logScaleAndShift(y)
        let logScale = parameters.logScale, shift = parameters.shift
        let x = y * mask + (1 - mask) * ((y - shift) * exp(-logScale))
        return FlowState(values: x, logDeterminant: state.logDeterminant - logScale.sum(axis: 1))
    }
}
