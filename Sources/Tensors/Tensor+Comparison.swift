// MARK: - Masks

extension Tensor {
    /// 1 where `lhs < rhs` elementwise (with broadcasting), else 0. Not differentiable.
    public static func .< (lhs: Tensor, rhs: Tensor) -> Tensor { broadcasting(lhs, rhs, ".<") { $0 < $1 ? 1 : 0 } }

    /// 1 where `lhs <= rhs` elementwise (with broadcasting), else 0.
    public static func .<= (lhs: Tensor, rhs: Tensor) -> Tensor { broadcasting(lhs, rhs, ".<=") { $0 <= $1 ? 1 : 0 } }

    /// 1 where `lhs > rhs` elementwise (with broadcasting), else 0.
    public static func .> (lhs: Tensor, rhs: Tensor) -> Tensor { broadcasting(lhs, rhs, ".>") { $0 > $1 ? 1 : 0 } }

    /// 1 where `lhs >= rhs` elementwise (with broadcasting), else 0.
    public static func .>= (lhs: Tensor, rhs: Tensor) -> Tensor { broadcasting(lhs, rhs, ".>=") { $0 >= $1 ? 1 : 0 } }

    /// 1 where `lhs == rhs` elementwise (with broadcasting), else 0.
    public static func .== (lhs: Tensor, rhs: Tensor) -> Tensor { broadcasting(lhs, rhs, ".==") { $0 == $1 ? 1 : 0 } }

    /// 1 where `lhs < rhs`, else 0.
    public static func .< (lhs: Tensor, rhs: Float) -> Tensor { lhs .< Tensor(rhs) }

    /// 1 where `lhs <= rhs`, else 0.
    public static func .<= (lhs: Tensor, rhs: Float) -> Tensor { lhs .<= Tensor(rhs) }

    /// 1 where `lhs > rhs`, else 0.
    public static func .> (lhs: Tensor, rhs: Float) -> Tensor { lhs .> Tensor(rhs) }

    /// 1 where `lhs >= rhs`, else 0.
    public static func .>= (lhs: Tensor, rhs: Float) -> Tensor { lhs .>= Tensor(rhs) }
}

// MARK: - Selection

extension Tensor {
    /// Elementwise choice, like `numpy.where(mask, other, self)`: `other[i]` where `mask[i] != 0`,
    /// else `self[i]`. `mask` and `other` broadcast to `self`'s shape.
    ///
    /// The gradient flows to whichever operand was chosen, so a masked-out `NaN` or infinity in
    /// the other branch does not poison it.
    @differentiable(reverse, wrt: (self, other))
    public func replacing(with other: Tensor, where mask: Tensor) -> Tensor {
        let other = other.expanded(to: shape), mask = mask.expanded(to: shape)
        let (x, y, m) = (storage.pointer, other.storage.pointer, mask.storage.pointer)
        return Tensor(shape: shape) { out, count in for i in 0..<count { out[i] = m[i] != 0 ? y[i] : x[i] } }
    }

    @derivative(of: replacing(with:where:), wrt: (self, other))
    public func vjpReplacing(with other: Tensor, where mask: Tensor)
        -> (value: Tensor, pullback: (Tensor) -> (Tensor, Tensor)) {
        let otherShape = other.shape
        let mask = mask.expanded(to: shape)
        let value = replacing(with: other, where: mask)
        return (value, { upstream in
            let upstream = upstream.expanded(to: value.shape)
            let selfGrad = upstream.zipScalars(mask) { $1 != 0 ? 0 : $0 }
            let otherGrad = upstream.zipScalars(mask) { $1 != 0 ? $0 : 0 }
            return (selfGrad, otherGrad.summed(toShape: otherShape))
        })
    }
}

/// Elementwise choice `condition ? whenTrue : whenFalse` (numpy's `where`): `whenTrue[i]` where
/// `condition[i] != 0`, else `whenFalse[i]`. Operands broadcast to `whenFalse`'s shape.
@differentiable(reverse, wrt: (whenTrue, whenFalse))
public func select(_ condition: Tensor, _ whenTrue: Tensor, _ whenFalse: Tensor) -> Tensor {
    whenFalse.replacing(with: whenTrue, where: condition)
}
