// MARK: - Tensor with tensor

extension Tensor {
    /// Elementwise sum with broadcasting: `result[i] = lhs[i] + rhs[i]`.
    ///
    /// Adding a scalar zero (`Tensor.zero`, onto which gradients accumulate) returns the other
    /// operand, sharing its storage, without a copy.
    @differentiable(reverse)
    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor {
        if lhs.isScalarZero { return rhs }
        if rhs.isScalarZero { return lhs }
        return broadcasting(lhs, rhs, "+") { $0 + $1 }
    }

    /// Whether this is a rank-0 tensor holding zero, the additive identity for any shape.
    private var isScalarZero: Bool { rank == 0 && storage.pointer[0] == 0 }

    @derivative(of: +)
    public static func vjpAdd(lhs: Tensor, rhs: Tensor) -> (value: Tensor, pullback: (Tensor) -> (Tensor, Tensor)) {
        let (lhsShape, rhsShape) = (lhs.shape, rhs.shape)
        return (lhs + rhs, { upstream in (upstream.summed(toShape: lhsShape), upstream.summed(toShape: rhsShape)) })
    }

    /// Elementwise difference with broadcasting: `result[i] = lhs[i] - rhs[i]`.
    @differentiable(reverse)
    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor {
        broadcasting(lhs, rhs, "-") { $0 - $1 }
    }

    @derivative(of: -)
    public static func vjpSubtract(lhs: Tensor, rhs: Tensor) -> (value: Tensor, pullback: (Tensor) -> (Tensor, Tensor)) {
        let (lhsShape, rhsShape) = (lhs.shape, rhs.shape)
        return (lhs - rhs, { upstream in
            (upstream.summed(toShape: lhsShape), upstream.mapScalars { -$0 }.summed(toShape: rhsShape))
        })
    }

    /// Elementwise product with broadcasting: `result[i] = lhs[i] * rhs[i]`.
    @differentiable(reverse)
    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor {
        broadcasting(lhs, rhs, "*") { $0 * $1 }
    }

    @derivative(of: *)
    public static func vjpMultiply(lhs: Tensor, rhs: Tensor) -> (value: Tensor, pullback: (Tensor) -> (Tensor, Tensor)) {
        (lhs * rhs, { upstream in
            ((upstream * rhs).summed(toShape: lhs.shape), (upstream * lhs).summed(toShape: rhs.shape))
        })
    }

    /// Elementwise quotient with broadcasting: `result[i] = lhs[i] / rhs[i]`.
    @differentiable(reverse)
    public static func / (lhs: Tensor, rhs: Tensor) -> Tensor {
        broadcasting(lhs, rhs, "/") { $0 / $1 }
    }

    @derivative(of: /)
    public static func vjpDivide(lhs: Tensor, rhs: Tensor) -> (value: Tensor, pullback: (Tensor) -> (Tensor, Tensor)) {
        let quotient = lhs / rhs
        return (quotient, { upstream in
            let lhsGrad = (upstream / rhs).summed(toShape: lhs.shape)
            let rhsGrad = broadcasting(upstream * quotient, rhs, "/") { -$0 / $1 }.summed(toShape: rhs.shape)
            return (lhsGrad, rhsGrad)
        })
    }

    /// Elementwise negation.
    @differentiable(reverse)
    public static prefix func - (operand: Tensor) -> Tensor {
        operand.mapScalars { -$0 }
    }

    @derivative(of: -)
    public static func vjpNegate(operand: Tensor) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
        (-operand, { upstream in -upstream })
    }
}

// MARK: - Tensor with scalar

extension Tensor {
    /// Adds `rhs` to every scalar.
    @differentiable(reverse)
    public static func + (lhs: Tensor, rhs: Float) -> Tensor { lhs + Tensor(rhs) }

    /// Adds `lhs` to every scalar.
    @differentiable(reverse)
    public static func + (lhs: Float, rhs: Tensor) -> Tensor { Tensor(lhs) + rhs }

    /// Subtracts `rhs` from every scalar.
    @differentiable(reverse)
    public static func - (lhs: Tensor, rhs: Float) -> Tensor { lhs - Tensor(rhs) }

    /// Returns `lhs - x` for every scalar `x`.
    @differentiable(reverse)
    public static func - (lhs: Float, rhs: Tensor) -> Tensor { Tensor(lhs) - rhs }

    /// Multiplies every scalar by `rhs`.
    @differentiable(reverse)
    public static func * (lhs: Tensor, rhs: Float) -> Tensor { lhs * Tensor(rhs) }

    /// Multiplies every scalar by `lhs`.
    @differentiable(reverse)
    public static func * (lhs: Float, rhs: Tensor) -> Tensor { Tensor(lhs) * rhs }

    /// Divides every scalar by `rhs`.
    @differentiable(reverse)
    public static func / (lhs: Tensor, rhs: Float) -> Tensor { lhs / Tensor(rhs) }

    /// Returns `lhs / x` for every scalar `x`.
    @differentiable(reverse)
    public static func / (lhs: Float, rhs: Tensor) -> Tensor { Tensor(lhs) / rhs }
}

// MARK: - Compound assignment

extension Tensor {
    /// `lhs = lhs * rhs`.
    public static func *= (lhs: inout Tensor, rhs: Tensor) { lhs = lhs * rhs }

    /// `lhs = lhs / rhs`.
    public static func /= (lhs: inout Tensor, rhs: Tensor) { lhs = lhs / rhs }

    /// `lhs = lhs * rhs`.
    public static func *= (lhs: inout Tensor, rhs: Float) { lhs = lhs * rhs }

    /// `lhs = lhs / rhs`.
    public static func /= (lhs: inout Tensor, rhs: Float) { lhs = lhs / rhs }
}
