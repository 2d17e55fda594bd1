import Foundation

// MARK: - Sigmoid family

/// Elementwise logistic sigmoid `σ(x) = 1 / (1 + e^-x)`. Derivative: `σ(x)(1 - σ(x))`.
@differentiable(reverse)
public func sigmoid(_ x: Tensor) -> Tensor {
    // Spread over the cores for large tensors: each scalar is computed alone, so the split changes no bit.
    let source = x.storage.pointer
    return Tensor(shape: x.shape) { out, count in
        parallelChunks(count) { range in for i in range { out[i] = logistic(source[i]) } }
    }
}

@derivative(of: sigmoid)
public func vjpSigmoid(_ x: Tensor) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
    let y = sigmoid(x)
    return (y, { upstream in y.zipScalars(upstream) { $0 * (1 - $0) * $1 } })
}

/// Elementwise softplus `log(1 + e^x)`, computed as `max(x, 0) + log1p(e^-|x|)`.
/// Derivative: `σ(x)`.
@differentiable(reverse)
public func softplus(_ x: Tensor) -> Tensor {
    x.mapScalars { Swift.max($0, 0) + fastLog1p(fastExp(-Swift.abs($0))) }
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
public func silu(_ x: Tensor) -> Tensor {
    let source = x.storage.pointer
    return Tensor(shape: x.shape) { out, count in
        parallelChunks(count) { range in for i in range { out[i] = source[i] * logistic(source[i]) } }
    }
}

@derivative(of: silu)
public func vjpSilu(_ x: Tensor) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
    let s = sigmoid(x)
    let y = x.zipScalars(s) { $0 * $1 }
    // σ(x)(1 + x(1 - σ(x))) = σ + y (1 - σ) with y = x σ.
    return (y, { upstream in
        Tensor.zipScalars(s, y, upstream) { s, y, u in (s + y * (1 - s)) * u }
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
            let density = 0.39894228 * fastExp(-0.5 * x * x)
            return (cdf + x * density) * u
        }
    })
}

/// The elementwise binary cross-entropy from logits `l` and targets `y` in `[0, 1]`:
/// `softplus(l) - y l = max(l, 0) - y l + log(1 + e^(-|l|))`, stable for any `l`.
///
/// `labels` broadcast to `logits`. Derivatives: `σ(l) - y` for the logits, `-l` for the targets.
@differentiable(reverse)
public func sigmoidCrossEntropy(logits: Tensor, labels: Tensor) -> Tensor {
    Tensor.broadcasting(logits, labels, "sigmoidCrossEntropy") { l, y in
        Swift.max(l, 0) - l * y + fastLog1p(fastExp(-Swift.abs(l)))
    }
}

@derivative(of: sigmoidCrossEntropy)
public func vjpSigmoidCrossEntropy(logits: Tensor, labels: Tensor)
    -> (value: Tensor, pullback: (Tensor) -> (Tensor, Tensor)) {
    let value = sigmoidCrossEntropy(logits: logits, labels: labels)
    return (value, { upstream in
        let logitsGrad = logits.shape == labels.shape
            ? Tensor.zipScalars(logits, labels, upstream) { l, y, u in (logistic(l) - y) * u }
            : ((sigmoid(logits) - labels) * upstream).summed(toShape: logits.shape)
        let labelsGrad = (-logits * upstream).summed(toShape: labels.shape)
        return (logitsGrad, labelsGrad)
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
