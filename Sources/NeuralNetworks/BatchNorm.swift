/// Batch normalization (Ioffe and Szegedy, 2015) over the channel axis 1 of `[N, C]` or
/// `[N, C, H, W]` input: `(x - mean) / sqrt(variance + ε) * weight + bias`.
///
/// In training (`isTraining`, the default) the mean and biased variance come from the batch
/// (over N, H and W), and running estimates are updated with
/// `running ← (1 - momentum) running + momentum batch` (the variance unbiased), as PyTorch does.
/// At inference the running estimates are used. The running estimates live in a reference shared
/// by the copies of the layer, because the forward pass cannot mutate the layer.
public struct BatchNorm: Layer {
    /// The per-channel gain, `[channelCount]`, initially 1.
    public var weight: Tensor
    /// The per-channel offset, `[channelCount]`, initially 0.
    public var bias: Tensor
    /// Whether batch statistics are used and the running estimates updated.
    @noDerivative public var isTraining = true
    /// The weight of the current batch in the running estimates, and the `ε` added to the variance.
    @noDerivative public let momentum: Float, epsilon: Float
    @noDerivative private let statistics: RunningStatistics

    /// Creates the layer with unit gain, zero offset, running mean 0 and running variance 1.
    public init(channelCount: Int, momentum: Float = 0.1, epsilon: Float = 1e-5) {
        weight = Tensor(ones: [channelCount])
        bias = Tensor(zeros: [channelCount])
        self.momentum = momentum
        self.epsilon = epsilon
        statistics = RunningStatistics(channelCount: channelCount)
    }

    /// The running estimate of each channel's mean, `[channelCount]`.
    public var runningMean: Tensor { statistics.mean }
    /// The running estimate of each channel's (unbiased) variance, `[channelCount]`.
    public var runningVariance: Tensor { statistics.variance }

    /// Normalizes each channel with batch statistics (training) or running estimates (inference).
    @differentiable(reverse)
    public func callAsFunction(_ input: Tensor) -> Tensor {
        let shape = withoutDerivative(at: input).shape
        let grouped = input.reshaped(to: withoutDerivative(at: channelShape(shape)))
        let normalized: Tensor
        if isTraining {
            let mean = grouped.mean(axis: 2, keepDims: true).mean(axis: 0, keepDims: true)
            let centered = grouped - mean
            let variance = (centered * centered).mean(axis: 2, keepDims: true).mean(axis: 0, keepDims: true)
            withoutDerivative(at: statistics).update(mean: withoutDerivative(at: mean), variance: withoutDerivative(at: variance),
                                                     count: shape.reduce(1, *) / shape[1], momentum: momentum)
            normalized = centered / sqrt(variance + epsilon)
        } else {
            let mean = withoutDerivative(at: statistics.mean).reshaped(to: [1, -1, 1])
            let variance = withoutDerivative(at: statistics.variance).reshaped(to: [1, -1, 1])
            normalized = (grouped - mean) / sqrt(variance + epsilon)
        }
        return (normalized * weight.reshaped(to: [1, -1, 1]) + bias.reshaped(to: [1, -1, 1])).reshaped(to: shape)
    }

    /// `[N, C, rest]` for an input of `shape`.
    private func channelShape(_ shape: [Int]) -> [Int] {
        precondition((shape.count == 2 || shape.count == 4) && shape[1] == weight.shape[0],
                     "BatchNorm: input \(shape) does not have \(weight.shape[0]) channels on axis 1")
        return [shape[0], shape[1], -1]
    }
}

/// The running mean and variance of a `BatchNorm`, shared by the copies of the layer.
final class RunningStatistics {
    var mean: Tensor
    var variance: Tensor

    init(channelCount: Int) {
        mean = Tensor(zeros: [channelCount])
        variance = Tensor(ones: [channelCount])
    }

    /// Blends in a batch's mean and biased variance (`[1, C, 1]`) over `count` values per channel.
    func update(mean batchMean: Tensor, variance batchVariance: Tensor, count: Int, momentum: Float) {
        let unbiased = batchVariance.reshaped(to: variance.shape) * (Float(count) / Float(Swift.max(count - 1, 1)))
        mean = (1 - momentum) * mean + momentum * batchMean.reshaped(to: mean.shape)
        variance = (1 - momentum) * variance + momentum * unbiased
    }
}
