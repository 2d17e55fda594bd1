import Tensors

/// A fixed-step method for `dx/dt = v(x, t)`, with step `h`.
public enum ODEMethod: String, Sendable, CaseIterable {
    /// `x' = x + h v(x, t)`: first order, one evaluation of `v` a step.
    case euler
    /// `x' = x + h v(x + (h/2) v(x, t), t + h/2)`: second order, two evaluations a step.
    case midpoint
    /// `x̃ = x + h v(x, t)`, `x' = x + (h/2) (v(x, t) + v(x̃, t + h))`: second order (the explicit
    /// trapezoidal rule), two evaluations a step.
    case heun

    /// How many times a step evaluates the field: the network passes it costs.
    public var evaluationsPerStep: Int { self == .euler ? 1 : 2 }
}

/// The end of an integration and, if asked, the states along the way.
public struct ODESolution {
    /// `x` at the end time, the shape of the start.
    public let final: Tensor
    /// The start and the state after every step (empty unless asked for).
    public let states: [Tensor]
    /// The number of evaluations of the field.
    public let evaluations: Int

    /// How far the points travel along their paths relative to the straight line between their
    /// ends: `mean_i Σ_k ‖x_i(k+1) - x_i(k)‖ / mean_i ‖x_i(end) - x_i(start)‖`, 1 for straight paths.
    /// - Precondition: the states were kept; each is `[N, D]`.
    public var pathLengthRatio: Double {
        precondition(states.count >= 2 && states[0].rank == 2, "pathLengthRatio: keep the states of [N, D] points")
        let count = states[0].shape[0], width = states[0].shape[1]
        func distances(_ a: [Float], _ b: [Float]) -> Double {
            (0..<count).reduce(0.0) { total, i in
                total + (0..<width).reduce(0.0) { sum, k in
                    let d = Double(a[i * width + k] - b[i * width + k])
                    return sum + d * d
                }.squareRoot()
            }
        }
        let scalars = states.map(\.scalars)
        let travelled = zip(scalars.dropFirst(), scalars).reduce(0.0) { $0 + distances($1.0, $1.1) }
        return travelled / distances(scalars[scalars.count - 1], scalars[0])
    }
}

/// Integrates `dx/dt = velocity(x, t)` from `start` at time `from` to time `to` in `stepCount`
/// equal steps (`to < from` integrates backwards).
///
/// The global error of Euler's method falls as `h`, that of midpoint and Heun as `h²`.
/// - Parameters:
///   - start: `x(from)`, any shape; `velocity` returns that shape.
///   - keepingStates: Record the start and every step's state in `states`.
/// - Precondition: `stepCount >= 1`.
public func solveODE(from start: Tensor, time from: Double, to: Double, stepCount: Int, method: ODEMethod,
                     keepingStates: Bool = false, velocity: (Tensor, Double) -> Tensor) -> ODESolution {
    precondition(stepCount >= 1, "solveODE: stepCount \(stepCount) must be at least 1")
    let h = (to - from) / Double(stepCount)
    var x = start
    var states = keepingStates ? [start] : []
    for step in 0..<stepCount {
        let t = from + Double(step) * h
        let slope = velocity(x, t)
        switch method {
        case .euler:
            x = x + Float(h) * slope
        case .midpoint:
            x = x + Float(h) * velocity(x + Float(h / 2) * slope, t + h / 2)
        case .heun:
            let end = velocity(x + Float(h) * slope, t + h)
            x = x + Float(h / 2) * (slope + end)
        }
        if keepingStates { states.append(x) }
    }
    return ODESolution(final: x, states: states, evaluations: stepCount * method.evaluationsPerStep)
}
