import Foundation

// MARK: - Exponentials, logarithms and powers

/// Elementwise `e^x`. Derivative: `e^x`.
@differentiable(reverse)
public func exp(_ x: Tensor) -> Tensor { x.mapScalars(fastExp) }

@derivative(of: exp)
public func vjpExp(_ x: Tensor) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
    let y = exp(x)
    return (y, { upstream in y.zipScalars(upstream) { $0 * $1 } })
}

/// Elementwise natural logarithm. Derivative: `1 / x`.
@differentiable(reverse)
public func log(_ x: Tensor) -> Tensor { x.mapScalars { Foundation.log($0) } }

@derivative(of: log)
public func vjpLog(_ x: Tensor) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
    (log(x), { upstream in x.zipScalars(upstream) { $1 / $0 } })
}

/// Elementwise square root. Derivative: `1 / (2 sqrt(x))`.
@differentiable(reverse)
public func sqrt(_ x: Tensor) -> Tensor { x.mapScalars { $0.squareRoot() } }

@derivative(of: sqrt)
public func vjpSqrt(_ x: Tensor) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
    let y = sqrt(x)
    return (y, { upstream in y.zipScalars(upstream) { $1 / (2 * $0) } })
}

/// Elementwise `x^exponent`. Derivative: `exponent * x^(exponent - 1)`.
@differentiable(reverse, wrt: x)
public func pow(_ x: Tensor, _ exponent: Float) -> Tensor { x.mapScalars { Foundation.pow($0, exponent) } }

@derivative(of: pow, wrt: x)
public func vjpPow(_ x: Tensor, _ exponent: Float) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
    (pow(x, exponent), { upstream in
        x.zipScalars(upstream) { exponent * Foundation.pow($0, exponent - 1) * $1 }
    })
}

/// Elementwise `x²`. Derivative: `2x`.
@differentiable(reverse)
public func square(_ x: Tensor) -> Tensor { x.mapScalars { $0 * $0 } }

@derivative(of: square)
public func vjpSquare(_ x: Tensor) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
    (square(x), { upstream in x.zipScalars(upstream) { 2 * $0 * $1 } })
}

/// Elementwise `|x|`. Derivative: `sign(x)` (0 at 0).
@differentiable(reverse)
public func abs(_ x: Tensor) -> Tensor { x.mapScalars { Swift.abs($0) } }

@derivative(of: abs)
public func vjpAbs(_ x: Tensor) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
    (abs(x), { upstream in x.zipScalars(upstream) { $0 > 0 ? $1 : ($0 < 0 ? -$1 : 0) } })
}

/// Elementwise `min(max(x, lowerBound), upperBound)`. Derivative: 1 inside the bounds, else 0.
@differentiable(reverse, wrt: x)
public func clamp(_ x: Tensor, min lowerBound: Float, max upperBound: Float) -> Tensor {
    precondition(lowerBound <= upperBound, "clamp: bounds \(lowerBound) > \(upperBound)")
    return x.mapScalars { Swift.min(Swift.max($0, lowerBound), upperBound) }
}

@derivative(of: clamp, wrt: x)
public func vjpClamp(_ x: Tensor, min lowerBound: Float, max upperBound: Float)
    -> (value: Tensor, pullback: (Tensor) -> Tensor) {
    (clamp(x, min: lowerBound, max: upperBound), { upstream in
        x.zipScalars(upstream) { $0 >= lowerBound && $0 <= upperBound ? $1 : 0 }
    })
}

// MARK: - Trigonometric functions

/// Elementwise sine. Derivative: `cos(x)`.
@differentiable(reverse)
public func sin(_ x: Tensor) -> Tensor { x.mapScalars { Foundation.sin($0) } }

@derivative(of: sin)
public func vjpSin(_ x: Tensor) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
    (sin(x), { upstream in x.zipScalars(upstream) { Foundation.cos($0) * $1 } })
}

/// Elementwise cosine. Derivative: `-sin(x)`.
@differentiable(reverse)
public func cos(_ x: Tensor) -> Tensor { x.mapScalars { Foundation.cos($0) } }

@derivative(of: cos)
public func vjpCos(_ x: Tensor) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
    (cos(x), { upstream in x.zipScalars(upstream) { -Foundation.sin($0) * $1 } })
}

/// Elementwise hyperbolic tangent. Derivative: `1 - tanh(x)²`.
@differentiable(reverse)
public func tanh(_ x: Tensor) -> Tensor { x.mapScalars(fastTanh) }

@derivative(of: tanh)
public func vjpTanh(_ x: Tensor) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
    let y = tanh(x)
    return (y, { upstream in y.zipScalars(upstream) { (1 - $0 * $0) * $1 } })
}
