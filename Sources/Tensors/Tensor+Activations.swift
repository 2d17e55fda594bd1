import Foundation

/// The logistic function of one scalar, `1 / (1 + e^-x)`, evaluated without overflow.
@inline(__always) @usableFromInline
func logistic(_ x: Float) -> Float {
    if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
    let e = Foundation.exp(x)
    return e / (1 + e)
}

// MARK: - Sigmoid family

/// Elementwise logistic sigmoid `σ(x) = 1 / (1 + e^-x)`. Derivative: `σ(x)(1 - σ(x))`.
@differentiable(reverse)
public func sigmoid(_ x: Tensor) -> Tensor { x.mapScalars(logistic) }

@derivative(of: sigmoid)
public func vjpSigmoid(_ x: Tensor) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
    let y = sigmoid(x)
    return (y, { upstream in y.zipScalars(upstream) { $0 * (1 - $0) * $1 } })
}

/// Elementwise softplus `log(1 + e^x)`, computed as `max(x, 0) + log1p(e^-|x|)`.
/// Derivative: `σ(x)`.
@differentiable(reverse)
public func softplus(_ x: Tensor) -> Tensor {
    x.mapScalars { Swift.max($0, 0) + Foundation.log1p(Foundation.exp(-Swift.abs($0))) }
}

@derivative(of: softplus)
public func vjpSoftplus(_ x: Tensor) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
    (softplus(x), { upstream in x.zipScalars(upstream) { logistic($0) * $1 } })
}

/// Elementwise log-sigmoid `log σ(x) = -softplus(-x)`.
@differentiable(reverse)
public func logSigmoid(_ x: Tensor) -> Tensor { -softplus(-x) }

/// Elementwise SiLU (swish) `x σ(x)`. Derivative: `σ(x)(1 + x(1 - σ(x)))`.
///
/// Elfwing et al., "Sigmoid-weighted linear units", 2017.
@differentiable(reverse)
public func silu(_ x: Tensor) -> Tensor { x.mapScalars { $0 * logistic($0) } }

@derivative(of: silu)
public func vjpSilu(_ x: Tensor) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
    (silu(x), { upstream in
        x.zipScalars(upstream) { x, u in
            let s = logistic(x)
            return s * (1 + x * (1 - s)) * u
        }
    })
}

/// Elementwise GELU with the exact normal CDF: `x Φ(x) = x (1 + erf(x / √2)) / 2`.
/// Derivative: `Φ(x) + x φ(x)`, with `φ` the standard normal density.
///
/// Hendrycks and Gimpel, "Gaussian error linear units", 2016.
@differentiable(reverse)
public func gelu(_ x: Tensor) -> Tensor {
    x.mapScalars { 0.5 * $0 * (1 + Foundation.erf($0 * 0.70710678)) }
}

@derivative(of: gelu)
public func vjpGelu(_ x: Tensor) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
    (gelu(x), { upstream in
        x.zipScalars(upstream) { x, u in
            let cdf = 0.5 * (1 + Foundation.erf(x * 0.70710678))
            let density = 0.39894228 * Foundation.exp(-0.5 * x * x)
            return (cdf + x * density) * u
        }
    })
}

// MARK: - Rectifiers

/// Elementwise `max(x, 0)`. Derivative: 1 for `x > 0`, else 0.
@differentiable(reverse)
public func relu(_ x: Tensor) -> Tensor { x.mapScalars { Swift.max($0, 0) } }

@derivative(of: relu)
public func vjpRelu(_ x: Tensor) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
    let y = relu(x)
    return (y, { upstream in y.zipScalars(upstream) { $0 > 0 ? $1 : 0 } })
}

/// Elementwise leaky ReLU: `x` for `x > 0`, else `negativeSlope * x`.
@differentiable(reverse, wrt: x)
public func leakyRelu(_ x: Tensor, negativeSlope: Float = 0.2) -> Tensor {
    x.mapScalars { $0 > 0 ? $0 : negativeSlope * $0 }
}

@derivative(of: leakyRelu, wrt: x)
public func vjpLeakyRelu(_ x: Tensor, negativeSlope: Float) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
    (leakyRelu(x, negativeSlope: negativeSlope), { upstream in
        x.zipScalars(upstream) { $0 > 0 ? $1 : negativeSlope * $1 }
    })
}

// MARK: - Softmax

/// Softmax along `axis`: `exp(x - logSumExp(x))`, each slice sums to 1.
@differentiable(reverse, wrt: x)
public func softmax(_ x: Tensor, axis: Int = -1) -> Tensor {
    exp(logSoftmax(x, axis: axis))
}

/// Log-softmax along `axis`: `x - logSumExp(x)`, computed stably.
@differentiable(reverse, wrt: x)
public func logSoftmax(_ x: Tensor, axis: Int = -1) -> Tensor {
    x - x.logSumExp(axis: axis, keepDims: true)
}
