import Foundation
import Tensors

/// An optimizer: updates any `Differentiable` model along its gradient.
///
/// The parameters are found by reflection (see `namedTensors(in:)`), so a model lists nothing:
/// ```swift
/// let (loss, grad) = valueWithGradient(at: model) { $0.loss(batch) }
/// optimizer.update(&model, along: grad)
/// ```
/// Only `Tensor` parameters are updated. A parameter whose gradient is the symbolic zero (it did
/// not influence the loss) is left alone and its state does not advance, as PyTorch skips
/// parameters without a gradient.
public protocol Optimizer: AnyObject {
    /// The step size; a schedule may set it before each step.
    var learningRate: Float { get set }
    /// If set, gradients are scaled by `min(1, maxGradientNorm / globalNorm)` before the update.
    var maxGradientNorm: Float? { get set }
    /// Applies one update to `model`.
    func update<Model: Differentiable>(_ model: inout Model, along gradient: Model.TangentVector)
}

/// The parameter values of `model` by field path, for weight decay.
func parameterValues<Model>(of model: Model) -> [String: Tensor] {
    Dictionary(namedTensors(in: model).map { ($0.name, $0.tensor) }, uniquingKeysWith: { first, _ in first })
}

/// The factor `min(1, maxNorm / ‖g‖)` that clips the global norm of `gradient`.
func clippingScale(_ gradient: Any, maxNorm: Float?) -> Float {
    guard let maxNorm else { return 1 }
    let norm = globalNorm(of: gradient)
    return norm > maxNorm ? maxNorm / norm : 1
}

// MARK: - SGD

/// Stochastic gradient descent with momentum and weight decay (PyTorch's `SGD` conventions):
///
/// `g ← g + λ θ`, `b ← μ b + g`, `θ ← θ - η b` (Nesterov: `θ ← θ - η (g + μ b)`).
public final class SGD: Optimizer {
    public var learningRate: Float
    public var maxGradientNorm: Float?
    /// The momentum `μ` (0 for plain SGD).
    public let momentum: Float
    /// The L2 weight decay `λ` added to the gradient.
    public let weightDecay: Float
    /// Use Nesterov momentum.
    public let nesterov: Bool
    private var velocities: [String: MomentState] = [:]

    /// Creates the optimizer; `momentum` and `weightDecay` default to 0.
    public init(learningRate: Float, momentum: Float = 0, weightDecay: Float = 0, nesterov: Bool = false,
                maxGradientNorm: Float? = nil) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
        self.nesterov = nesterov
        self.maxGradientNorm = maxGradientNorm
    }

    public func update<Model: Differentiable>(_ model: inout Model, along gradient: Model.TangentVector) {
        model.move(by: step(for: model, along: gradient))
    }

    /// The step `-η b` for each parameter, advancing the momentum buffers.
    private func step<Model: Differentiable>(for model: Model, along gradient: Model.TangentVector) -> Model.TangentVector {
        let scale = clippingScale(gradient, maxNorm: maxGradientNorm)
        let values = parameterValues(of: model)
        let (rate, momentum, decay, nesterov) = (learningRate, self.momentum, weightDecay, self.nesterov)
        return makeStep(along: gradient) { name, gradient, step in
            guard let theta = values[name], theta.shape == gradient.shape else {
                step.update(repeating: 0)
                return
            }
            let state = velocities[name] ?? MomentState(count: step.count)
            state.check(name: name, count: step.count, optimizer: "SGD")
            velocities[name] = state
            let velocity = state.first
            gradient.withUnsafeBufferPointer { g in
                theta.withUnsafeBufferPointer { theta in
                    for i in 0..<step.count {
                        let grad = scale * g[i] + decay * theta[i]
                        velocity[i] = momentum * velocity[i] + grad
                        step[i] = -rate * (nesterov ? grad + momentum * velocity[i] : velocity[i])
                    }
                }
            }
        }
    }
}

// MARK: - Adam and AdamW

/// Adam (Kingma and Ba, 2015), and AdamW's decoupled weight decay (Loshchilov and Hutter, 2019).
///
/// With `t` the step count: `m ← β₁ m + (1 - β₁) g`, `v ← β₂ v + (1 - β₂) g²`,
/// `θ ← θ - η (m / (1 - β₁ᵗ)) / (sqrt(v / (1 - β₂ᵗ)) + ε)`, and for AdamW first `θ ← θ - η λ θ`.
/// Matches PyTorch's `Adam` and `AdamW`.
public class Adam: Optimizer {
    public var learningRate: Float
    public var maxGradientNorm: Float?
    /// The decay rates `β₁`, `β₂` of the first and second moment estimates.
    public let beta1: Float, beta2: Float
    /// The `ε` added to the denominator.
    public let epsilon: Float
    /// The decoupled weight decay `λ` (0 for plain Adam).
    public let weightDecay: Float
    private var states: [String: MomentState] = [:]

    /// Creates Adam; PyTorch's defaults are `learningRate: 1e-3`, `beta1: 0.9`, `beta2: 0.999`,
    /// `epsilon: 1e-8`.
    public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
                weightDecay: Float = 0, maxGradientNorm: Float? = nil) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.maxGradientNorm = maxGradientNorm
    }

    public func update<Model: Differentiable>(_ model: inout Model, along gradient: Model.TangentVector) {
        // The step is built in a function of its own so that its references to the parameters
        // are gone when `move(by:)` runs, which then adds in place into uniquely owned buffers.
        model.move(by: step(for: model, along: gradient))
    }

    /// The Adam step for each parameter, advancing the moment estimates.
    private func step<Model: Differentiable>(for model: Model, along gradient: Model.TangentVector) -> Model.TangentVector {
        let scale = clippingScale(gradient, maxNorm: maxGradientNorm)
        let values = parameterValues(of: model)
        let (rate, beta1, beta2, epsilon, decay) = (learningRate, self.beta1, self.beta2, self.epsilon, weightDecay)
        return makeStep(along: gradient) { name, gradient, step in
            guard let theta = values[name], theta.shape == gradient.shape else {
                step.update(repeating: 0)
                return
            }
            let state = states[name] ?? MomentState(count: step.count)
            state.check(name: name, count: step.count, optimizer: "Adam")
            states[name] = state
            state.step += 1
            let correction1 = 1 - Float(Foundation.pow(Double(beta1), Double(state.step)))
            let rootCorrection2 = (1 - Float(Foundation.pow(Double(beta2), Double(state.step)))).squareRoot()
            gradient.withUnsafeBufferPointer { g in
                theta.withUnsafeBufferPointer { theta in
                    adamKernel(gradient: g, parameters: theta, firstMoments: state.first, secondMoments: state.second,
                               step: step,
                               constants: AdamConstants(scale: scale, rate: rate, beta1: beta1, beta2: beta2,
                                                        epsilon: epsilon, decay: decay, correction1: correction1,
                                                        rootCorrection2: rootCorrection2))
                }
            }
        }
    }
}

/// The scalars of one Adam update, hoisted out of the elementwise loop.
struct AdamConstants {
    let scale, rate, beta1, beta2, epsilon, decay, correction1, rootCorrection2: Float
}

/// One Adam update over `count` scalars, written as a branch-free loop that vectorizes; a large
/// parameter is split across the cores (the update of each scalar is independent of the others).
func adamKernel(gradient: UnsafeBufferPointer<Float>, parameters: UnsafeBufferPointer<Float>,
                firstMoments m: UnsafeMutablePointer<Float>, secondMoments v: UnsafeMutablePointer<Float>,
                step: UnsafeMutableBufferPointer<Float>, constants c: AdamConstants) {
    parallelChunks(step.count) { range in
        for i in range {
            let grad = c.scale * gradient[i]
            let first = c.beta1 * m[i] + (1 - c.beta1) * grad
            let second = c.beta2 * v[i] + (1 - c.beta2) * grad * grad
            m[i] = first
            v[i] = second
            let denominator = fastSquareRoot(second) / c.rootCorrection2 + c.epsilon
            step[i] = -c.rate * (first / c.correction1) / denominator - c.rate * c.decay * parameters[i]
        }
    }
}

/// `sqrt(x)` for `x >= 0` by three Newton steps on the inverse square root, accurate to a few
/// ulps; `Float.squareRoot()` calls into libm here and would keep the loop scalar.
@inline(__always)
func fastSquareRoot(_ x: Float) -> Float {
    let v = Swift.max(x, 1e-30)
    var y = Float(bitPattern: 0x5F37_5A86 &- (v.bitPattern >> 1))
    y = y * (1.5 - 0.5 * v * y * y)
    y = y * (1.5 - 0.5 * v * y * y)
    y = y * (1.5 - 0.5 * v * y * y)
    return x * y
}

/// Adam's per-parameter state: the moment estimates, updated in place, and the step count.
final class MomentState {
    let first: UnsafeMutablePointer<Float>
    let second: UnsafeMutablePointer<Float>
    let count: Int
    var step = 0

    init(count: Int) {
        self.count = count
        first = .allocate(capacity: count)
        first.initialize(repeating: 0, count: count)
        second = .allocate(capacity: count)
        second.initialize(repeating: 0, count: count)
    }

    /// Stops with a clear message when one optimizer is used for models of different shapes.
    func check(name: String, count: Int, optimizer: String) {
        precondition(count == self.count, "\(optimizer): parameter \(name) has \(count) scalars but its state has"
                     + " \(self.count); use one optimizer per model")
    }

    deinit {
        first.deallocate()
        second.deallocate()
    }
}

/// AdamW: Adam with decoupled weight decay, with PyTorch's default `weightDecay` of 0.01.
public final class AdamW: Adam {
    /// Creates AdamW with PyTorch's defaults.
    public override init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
                weightDecay: Float = 0.01, maxGradientNorm: Float? = nil) {
        super.init(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
                   weightDecay: weightDecay, maxGradientNorm: maxGradientNorm)
    }
}
