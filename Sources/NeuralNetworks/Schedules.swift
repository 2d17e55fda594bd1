import Foundation

/// A learning rate as a function of the step number (counted from 0).
///
/// ```swift
/// let schedule = LinearWarmup(steps: 100, then: CosineDecay(initial: 1e-3, final: 1e-5, steps: 10_000))
/// optimizer.learningRate = schedule(step)
/// ```
public protocol LearningRateSchedule {
    /// The learning rate at `step`.
    func callAsFunction(_ step: Int) -> Float
}

/// The same learning rate at every step.
public struct ConstantSchedule: LearningRateSchedule {
    /// The learning rate.
    public let value: Float

    /// Creates a schedule that always returns `value`.
    public init(_ value: Float) { self.value = value }

    public func callAsFunction(_ step: Int) -> Float { value }
}

/// Cosine decay from `initial` to `final` over `steps`, then constant at `final`:
/// `final + (initial - final) (1 + cos(π t / steps)) / 2`.
///
/// Loshchilov and Hutter, "SGDR: stochastic gradient descent with warm restarts", 2017.
public struct CosineDecay: LearningRateSchedule {
    /// The rate at step 0, the rate from `steps` on, and the length of the decay.
    public let initial: Float, final: Float, steps: Int

    /// Creates the schedule; `final` defaults to 0.
    public init(initial: Float, final: Float = 0, steps: Int) {
        precondition(steps > 0, "CosineDecay: steps \(steps) must be positive")
        self.initial = initial
        self.final = final
        self.steps = steps
    }

    public func callAsFunction(_ step: Int) -> Float {
        let progress = Double(Swift.min(step, steps)) / Double(steps)
        return final + (initial - final) * Float((1 + Foundation.cos(Double.pi * progress)) / 2)
    }
}

/// Linear warm-up: `base(steps) (t + 1) / steps` for the first `steps` steps, then `base(t)`.
public struct LinearWarmup<Base: LearningRateSchedule>: LearningRateSchedule {
    /// The number of warm-up steps.
    public let steps: Int
    /// The schedule that follows the warm-up, evaluated at the global step.
    public let base: Base

    /// Creates a warm-up of `steps` steps into `base`.
    public init(steps: Int, then base: Base) {
        precondition(steps > 0, "LinearWarmup: steps \(steps) must be positive")
        self.steps = steps
        self.base = base
    }

    public func callAsFunction(_ step: Int) -> Float {
        step < steps ? base(steps) * Float(step + 1) / Float(steps) : base(step)
    }
}
