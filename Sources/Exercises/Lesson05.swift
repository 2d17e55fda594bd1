import Foundation

// MARK: - Lesson 5: invertible maps and flow matching

/// Exercise 5.1: the forward pass of an affine coupling layer and its log-determinant.
///
/// Coordinates where `mask` is `true` pass through unchanged; every other coordinate `j` becomes
/// `y_j = x_j exp(s_j) + t_j`. The Jacobian is triangular, so
/// `log |det ∂y/∂x| = Σ_j s_j` over the transformed coordinates only.
/// - Parameters:
///   - x: One point.
///   - mask: `true` for the coordinates that pass through; as many entries as `x`.
///   - logScale: `s`, computed by the conditioner from the passed coordinates; ignored where `mask` is `true`.
///   - shift: `t`, likewise.
/// - Returns: `y` and the log-determinant.
public func affineCouplingForward(x: [Double], mask: [Bool], logScale: [Double], shift: [Double])
    -> (output: [Double], logDeterminant: Double) {
    // BEGIN SOLUTION
    var output = x
    var logDeterminant = 0.0
    for j in x.indices where !mask[j] {
        output[j] = x[j] * exp(logScale[j]) + shift[j]
        logDeterminant += logScale[j]
    }
    return (output, logDeterminant)
    // END SOLUTION
}

/// Exercise 5.2: the point and the target velocity of conditional flow matching.
///
/// With noise `x_0` at `t = 0` and data `x_1` at `t = 1`, the straight path is
/// `x_t = (1 - t) x_0 + t x_1` and its velocity `u_t = x_1 - x_0`, element by element.
/// - Parameters:
///   - noise: `x_0`.
///   - data: `x_1`, as many coordinates as `noise`.
///   - time: `t` in `[0, 1]`.
public func conditionalFlowTarget(noise: [Double], data: [Double], time: Double) -> (point: [Double], velocity: [Double]) {
    // BEGIN SOLUTION
    (zip(noise, data).map { (1 - time) * $0 + time * $1 }, zip(noise, data).map { $1 - $0 })
    // END SOLUTION
}

/// Exercise 5.3: one Euler step of the flow ODE `dx/dt = v(x, t)`.
///
/// Return `x_{t+h} = x_t + h v(x_t, t)`, element by element.
/// - Parameters:
///   - point: `x_t`.
///   - velocity: `v(x_t, t)`, as many coordinates as `point`.
///   - stepSize: `h`, for example `1 / stepCount`.
public func eulerStep(point: [Double], velocity: [Double], stepSize: Double) -> [Double] {
    // BEGIN SOLUTION
    zip(point, velocity).map { $0 + stepSize * $1 }
    // END SOLUTION
}
