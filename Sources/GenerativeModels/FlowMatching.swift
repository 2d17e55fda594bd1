import NeuralNetworks

/// The conditional path of flow matching with straight lines (Lipman et al., 2023, with
/// `σ_min = 0`; Liu et al.'s rectified flow): noise `x_0` at `t = 0`, data `x_1` at `t = 1`,
///
/// `x_t = (1 - t) x_0 + t x_1`, whose velocity is `u_t = x_1 - x_0`.
/// - Parameters:
///   - noise: `x_0`, `[N, ...]`.
///   - data: `x_1`, the shape of `noise`.
///   - times: `t` in `[0, 1]`, `[N]`.
public func conditionalFlowPath(noise: Tensor, data: Tensor, times: Tensor) -> Tensor {
    precondition(noise.shape == data.shape && times.shape == [noise.shape[0]],
                 "conditionalFlowPath: noise \(noise.shape), data \(data.shape), times \(times.shape)")
    let t = times.reshaped(to: [noise.shape[0]] + Array(repeating: 1, count: noise.rank - 1))
    return (1 - t) * noise + t * data
}

/// The conditional flow-matching loss on one batch,
///
/// `L = mean ‖v_θ(x_t, t, y) - (x_1 - x_0)‖²` over the batch and the dimensions, `x_t` on the
/// straight path. The velocity network is any `NoisePredictor`-shaped network of `(x, t, y)`; it
/// sees the time as `timeScale · t`, the range of diffusion timesteps its embedding was made for.
@differentiable(reverse, wrt: model)
public func flowMatchingLoss<Model: NoisePredictor>(
    _ model: Model, noise: Tensor, data: Tensor, times: Tensor, labels: [Int], timeScale: Float = 1000
) -> Tensor {
    let point = withoutDerivative(at: conditionalFlowPath(noise: noise, data: data, times: times))
    let velocity = model.predictedNoise(point, timesteps: withoutDerivative(at: times * timeScale), labels: labels)
    return meanSquaredError(predicted: velocity, expected: withoutDerivative(at: data - noise))
}

/// How a flow-matching batch pairs its noise with its data.
public enum FlowPairing: Sendable {
    /// Independent draws (the plain conditional flow matching of Lipman et al.).
    case independent
    /// The exact optimal-transport assignment on the minibatch, squared Euclidean cost
    /// (Tong et al., 2024): paths cross less and are straighter.
    case optimalTransport
}

/// Trains a velocity network by conditional flow matching: each step draws `t ~ U(0, 1)` per
/// example, pairs the batch with a noise batch, and regresses the velocity of the straight path.
///
/// For a class-conditional model each label is replaced by "no label" (`classCount`) with
/// probability `labelDropProbability`, for classifier-free guidance as in `DiffusionTrainer`.
public struct FlowMatchingTrainer<Model: NoisePredictor> {
    /// The velocity network being trained.
    public var model: Model
    /// The optimizer; its state persists across steps.
    public let optimizer: any Optimizer
    /// How noise and data are paired.
    public var pairing: FlowPairing
    /// The probability of dropping a label to "no label" (conditional models only).
    public var labelDropProbability: Double
    /// The factor between `t` in `[0, 1]` and the time the network sees.
    public let timeScale: Float
    /// The loss of every step taken so far.
    public private(set) var losses: [Float] = []

    /// Creates a trainer for `model`.
    public init(model: Model, optimizer: any Optimizer, pairing: FlowPairing = .independent,
                labelDropProbability: Double = 0.1, timeScale: Float = 1000) {
        self.model = model
        self.optimizer = optimizer
        self.pairing = pairing
        self.labelDropProbability = labelDropProbability
        self.timeScale = timeScale
    }

    /// Takes one optimizer step on `data` (`[N, ...]`) and returns its loss.
    /// - Parameters:
    ///   - source: `x_0`, the shape of `data`; `nil` draws it from `N(0, I)`.
    ///   - labels: `N` labels for a conditional model; empty otherwise.
    @discardableResult
    public mutating func step(on data: Tensor, from source: Tensor? = nil, labels: [Int] = [],
                              using rng: inout RandomGenerator) -> Float {
        let count = data.shape[0]
        var noise = source ?? Tensor(randomNormal: data.shape, using: &rng)
        precondition(noise.shape == data.shape, "FlowMatchingTrainer.step: source \(noise.shape), data \(data.shape)")
        if pairing == .optimalTransport {
            noise = noise.gathering(rows: optimalTransportPairing(noise: noise, data: data))
        }
        let times = Tensor(randomUniform: [count], using: &rng)
        let usedLabels = model.trainingLabels(labels, count: count, dropProbability: labelDropProbability, using: &rng)
        let scale = timeScale
        let (loss, gradient) = valueWithGradient(at: model) { model in
            flowMatchingLoss(model, noise: noise, data: data, times: times, labels: usedLabels, timeScale: scale)
        }
        optimizer.update(&model, along: gradient)
        losses.append(loss.scalar)
        return loss.scalar
    }
}

/// The noise row paired with each data row by the exact assignment on squared distances:
/// `pairing[i]` is the noise row for data row `i`. Both `[N, ...]`.
public func optimalTransportPairing(noise: Tensor, data: Tensor) -> [Int] {
    let count = data.shape[0], width = data.scalarCount / max(count, 1)
    let x = data.scalars, z = noise.scalars
    let costs = (0..<count).map { i in
        (0..<count).map { j in
            var sum = 0.0
            for k in 0..<width {
                let difference = Double(x[i * width + k] - z[j * width + k])
                sum += difference * difference
            }
            return sum
        }
    }
    return optimalAssignment(costs: costs)
}
