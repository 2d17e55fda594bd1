import Foundation

// MARK: - Regression and classification

/// The mean of squared differences over all elements: `mean((predicted - expected)²)`.
@differentiable(reverse)
public func meanSquaredError(predicted: Tensor, expected: Tensor) -> Tensor {
    let difference = predicted - expected
    return (difference * difference).mean()
}

/// Binary cross-entropy from logits, averaged over all elements (PyTorch's
/// `binary_cross_entropy_with_logits`): `mean(softplus(l) - y l)`, which equals
/// `-mean(y log σ(l) + (1 - y) log(1 - σ(l)))` without overflow for large `|l|`.
///
/// `labels` lie in `[0, 1]` (continuous targets are allowed) and broadcast to `logits`.
@differentiable(reverse)
public func binaryCrossEntropy(logits: Tensor, labels: Tensor) -> Tensor {
    sigmoidCrossEntropy(logits: logits, labels: labels).mean()
}

/// Softmax cross-entropy with integer class labels, averaged over the batch:
/// `mean_i(logSumExp(l_i) - l_i[labels[i]])`.
///
/// `logits` `[batch, classes]`, `labels` `batch` indices in `0..<classes`.
@differentiable(reverse, wrt: logits)
public func softmaxCrossEntropy(logits: Tensor, labels: [Int]) -> Tensor {
    (logits.logSumExp(axis: 1) - logits.gathering(columns: labels)).mean()
}

// MARK: - Log-likelihoods (summed per example)

/// Sums every axis but the first: `[batch, ...] -> [batch]`.
@differentiable(reverse)
func sumPerExample(_ x: Tensor) -> Tensor {
    x.flattenedBatch().sum(axis: 1)
}

/// The log-density of `x` under a diagonal Gaussian, summed over all axes but the first:
/// `Σ_j -½ (log 2π + v_j + (x_j - μ_j)² e^(-v_j))` with `v = logVariance`. Shape `[batch]`.
@differentiable(reverse)
public func gaussianLogLikelihood(_ x: Tensor, mean: Tensor, logVariance: Tensor) -> Tensor {
    let difference = x - mean
    let perElement = -0.5 * (Float(Foundation.log(2 * Double.pi)) + logVariance + difference * difference * exp(-logVariance))
    return sumPerExample(perElement)
}

/// The log-probability of `x` in `[0, 1]` under independent Bernoullis with the given logits,
/// summed over all axes but the first: `Σ_j x_j log σ(l_j) + (1 - x_j) log(1 - σ(l_j))`.
/// Shape `[batch]`; the negative of the summed binary cross-entropy.
@differentiable(reverse)
public func bernoulliLogLikelihood(_ x: Tensor, logits: Tensor) -> Tensor {
    -sumPerExample(sigmoidCrossEntropy(logits: logits, labels: x))
}

// MARK: - Kullback-Leibler divergences

/// `KL(N(μ, diag e^v) ‖ N(0, I))` per example, summed over all axes but the first:
/// `½ Σ_j (μ_j² + e^(v_j) - 1 - v_j)`. Shape `[batch]`.
///
/// Kingma and Welling, "Auto-encoding variational Bayes", 2014, appendix B.
@differentiable(reverse)
public func klDivergenceDiagonalGaussians(mean: Tensor, logVariance: Tensor) -> Tensor {
    sumPerExample(0.5 * (mean * mean + exp(logVariance) - 1 - logVariance))
}

/// `KL(N(μ₁, diag e^v₁) ‖ N(μ₂, diag e^v₂))` per example, summed over all axes but the first:
/// `½ Σ_j (v₂ - v₁ + (e^v₁ + (μ₁ - μ₂)²) e^(-v₂) - 1)`. Shape `[batch]`.
@differentiable(reverse)
public func klDivergenceDiagonalGaussians(mean: Tensor, logVariance: Tensor,
                                          priorMean: Tensor, priorLogVariance: Tensor) -> Tensor {
    let difference = mean - priorMean
    let ratio = (exp(logVariance) + difference * difference) * exp(-priorLogVariance)
    return sumPerExample(0.5 * (priorLogVariance - logVariance + ratio - 1))
}
