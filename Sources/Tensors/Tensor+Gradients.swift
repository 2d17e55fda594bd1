// The standard library's `gradient(at:of:)` requires a `FloatingPoint` result; these overloads
// accept a loss that is a one-scalar `Tensor`, so training code reads the same as with `Float`.

/// Returns the value of `function` at `x` and its gradient with respect to `x`.
///
/// `let (loss, grad) = valueWithGradient(at: model) { $0.loss(batch) }`.
/// - Precondition: `function` returns a tensor with exactly one scalar.
public func valueWithGradient<T: Differentiable>(
    at x: T, of function: @differentiable(reverse) (T) -> Tensor
) -> (value: Tensor, gradient: T.TangentVector) {
    let (value, pullback) = valueWithPullback(at: x, of: function)
    precondition(value.scalarCount == 1, "valueWithGradient: loss has shape \(value.shape), not one scalar")
    return (value, pullback(Tensor(repeating: 1, shape: value.shape)))
}

/// Returns the value of `function` at `(x, y)` and its gradients with respect to both.
/// - Precondition: `function` returns a tensor with exactly one scalar.
public func valueWithGradient<T: Differentiable, U: Differentiable>(
    at x: T, _ y: U, of function: @differentiable(reverse) (T, U) -> Tensor
) -> (value: Tensor, gradient: (T.TangentVector, U.TangentVector)) {
    let (value, pullback) = valueWithPullback(at: x, y, of: function)
    precondition(value.scalarCount == 1, "valueWithGradient: loss has shape \(value.shape), not one scalar")
    return (value, pullback(Tensor(repeating: 1, shape: value.shape)))
}

/// Returns the gradient of the one-scalar tensor `function(x)` with respect to `x`.
public func gradient<T: Differentiable>(
    at x: T, of function: @differentiable(reverse) (T) -> Tensor
) -> T.TangentVector {
    valueWithGradient(at: x, of: function).gradient
}

/// Returns the gradients of the one-scalar tensor `function(x, y)` with respect to `x` and `y`.
public func gradient<T: Differentiable, U: Differentiable>(
    at x: T, _ y: U, of function: @differentiable(reverse) (T, U) -> Tensor
) -> (T.TangentVector, U.TangentVector) {
    valueWithGradient(at: x, y, of: function).gradient
}
