/// Group normalization of an NCHW tensor in one pass (Wu and He, 2018), with its gradient in
/// closed form.
///
/// The `C` channels are split into `groupCount` groups of consecutive channels; each group of
/// each example is normalized over its channels and pixels, `x̂ = (x - μ) / √(σ² + ε)`, then
/// scaled and shifted per channel: `y = x̂ · weight[c] + bias[c]`. `input` is `[N, C, ...]`,
/// `weight` and `bias` are `[C]`.
///
/// The same as composing `mean`, `variance` and broadcasting ops, with three reads of the input
/// (mean, variance, output) instead of about a dozen passes and their intermediate tensors.
@differentiable(reverse, wrt: (input, weight, bias))
public func groupNormalized(_ input: Tensor, weight: Tensor, bias: Tensor, groupCount: Int, epsilon: Float) -> Tensor {
    GroupNormalization(shape: input.shape, weight: weight, groupCount: groupCount, epsilon: epsilon)
        .forward(input, bias: bias, thenSiLU: false).output
}

@derivative(of: groupNormalized, wrt: (input, weight, bias))
public func vjpGroupNormalized(_ input: Tensor, weight: Tensor, bias: Tensor, groupCount: Int, epsilon: Float)
    -> (value: Tensor, pullback: (Tensor) -> (Tensor, Tensor, Tensor)) {
    GroupNormalization(shape: input.shape, weight: weight, groupCount: groupCount, epsilon: epsilon)
        .valueWithPullback(input, bias: bias, thenSiLU: false)
}

/// `silu(groupNormalized(input, ...))` in the same passes: the chain after every convolution of
/// a U-Net, without the normalized tensor and SiLU's sigmoid as separate intermediates.
///
/// `z = silu(y) = y σ(y)` with `y = x̂ · weight[c] + bias[c]` as in `groupNormalized`; the pullback
/// multiplies the upstream by `silu'(y) = σ(y) + z (1 - σ(y))` inside the normalization's
/// pullback. Bit for bit the same values and gradients as the composition.
@differentiable(reverse, wrt: (input, weight, bias))
public func groupNormalizedSiLU(_ input: Tensor, weight: Tensor, bias: Tensor, groupCount: Int, epsilon: Float) -> Tensor {
    GroupNormalization(shape: input.shape, weight: weight, groupCount: groupCount, epsilon: epsilon)
        .forward(input, bias: bias, thenSiLU: true).output
}

@derivative(of: groupNormalizedSiLU, wrt: (input, weight, bias))
public func vjpGroupNormalizedSiLU(_ input: Tensor, weight: Tensor, bias: Tensor, groupCount: Int, epsilon: Float)
    -> (value: Tensor, pullback: (Tensor) -> (Tensor, Tensor, Tensor)) {
    GroupNormalization(shape: input.shape, weight: weight, groupCount: groupCount, epsilon: epsilon)
        .valueWithPullback(input, bias: bias, thenSiLU: true)
}

/// The sizes and the two passes of `groupNormalized` and `groupNormalizedSiLU`.
struct GroupNormalization {
    /// The input's shape, `[N, C, ...]`.
    let shape: [Int]
    let weight: Tensor
    let batch, channels, plane, groupCount: Int
    let epsilon: Float
    /// Channels per group.
    var groupChannels: Int { channels / groupCount }

    init(shape: [Int], weight: Tensor, groupCount: Int, epsilon: Float) {
        precondition(shape.count >= 2 && weight.shape == [shape[1]],
                     "groupNormalized: input \(shape) and weight \(weight.shape) do not fit ([N, C, ...] and [C])")
        precondition(groupCount > 0 && shape[1] % groupCount == 0,
                     "groupNormalized: \(groupCount) groups do not divide \(shape[1]) channels")
        (self.shape, self.weight, self.groupCount, self.epsilon) = (shape, weight, groupCount, epsilon)
        (batch, channels) = (shape[0], shape[1])
        plane = shape.dropFirst(2).reduce(1, *)
    }

    /// The output and the pullback for the input, weight and bias.
    func valueWithPullback(_ input: Tensor, bias: Tensor, thenSiLU: Bool)
        -> (value: Tensor, pullback: (Tensor) -> (Tensor, Tensor, Tensor)) {
        let (output, normalized, inverseDeviations, siluDerivative) = forward(input, bias: bias, thenSiLU: thenSiLU)
        // The pullback keeps x̂, the deviations, SiLU's derivative and the weight, not the input or the output.
        return (output, { upstream in
            backward(upstream.expanded(to: shape), normalized: normalized, inverseDeviations: inverseDeviations,
                     siluDerivative: siluDerivative)
        })
    }

    /// Returns `y` (or `silu(y)` and `silu'(y)` when `thenSiLU`), `x̂` and `1 / √(σ² + ε)` per
    /// example and group (`[N, G]`) for `input` of `shape`.
    func forward(_ input: Tensor, bias: Tensor, thenSiLU: Bool)
        -> (output: Tensor, normalized: Tensor, inverseDeviations: Tensor, siluDerivative: Tensor?) {
        precondition(bias.shape == [channels], "groupNormalized: bias \(bias.shape) for \(channels) channels")
        let groupSize = groupChannels * plane
        let inverseDeviations = Tensor(shape: [batch, groupCount]) { _, _ in }
        let normalized = Tensor(shape: shape) { _, _ in }
        let output = Tensor(shape: shape) { _, _ in }
        let siluDerivative = thenSiLU ? Tensor(shape: shape) { _, _ in } : nil
        let (x, xHat, y) = (input.storage.pointer, normalized.storage.pointer, output.storage.pointer)
        let derivative = siluDerivative?.storage.pointer
        let (w, b, inverse) = (weight.storage.pointer, bias.storage.pointer, inverseDeviations.storage.pointer)
        parallelForEach(batch * groupCount) { groups in
            for group in groups {
                let start = group * groupSize
                var sum: Float = 0
                for i in start..<(start + groupSize) { sum += x[i] }
                let mean = sum / Float(groupSize)
                var squares: Float = 0
                for i in start..<(start + groupSize) { squares += (x[i] - mean) * (x[i] - mean) }
                let inverseDeviation = 1 / (squares / Float(groupSize) + epsilon).squareRoot()
                inverse[group] = inverseDeviation
                for local in 0..<groupChannels {
                    let channel = (group % groupCount) * groupChannels + local
                    let offset = start + local * plane
                    for i in offset..<(offset + plane) {
                        xHat[i] = (x[i] - mean) * inverseDeviation
                        y[i] = xHat[i] * w[channel] + b[channel]
                    }
                    if let derivative {
                        for i in offset..<(offset + plane) {
                            let s = logistic(y[i])
                            y[i] *= s
                            derivative[i] = s + y[i] * (1 - s)
                        }
                    }
                }
            }
        }
        return (output, normalized, inverseDeviations, siluDerivative)
    }

    /// The gradients for input, weight and bias:
    /// `dx = (1/σ)(dx̂ - mean(dx̂) - x̂ · mean(dx̂ · x̂))` per group, with `dx̂ = dy · weight[c]`;
    /// `dweight[c] = Σ dy · x̂` and `dbias[c] = Σ dy` over examples and pixels; with a
    /// `siluDerivative`, `dy` is the upstream times it.
    func backward(_ upstream: Tensor, normalized: Tensor, inverseDeviations: Tensor,
                  siluDerivative: Tensor?) -> (Tensor, Tensor, Tensor) {
        let groupSize = groupChannels * plane
        // Per-example sums, added over examples in a fixed order afterwards (deterministic).
        let weightSums = Tensor(shape: [batch, channels]) { _, _ in }
        let biasSums = Tensor(shape: [batch, channels]) { _, _ in }
        let inputGradient = Tensor(shape: shape) { _, _ in }
        let (xHat, inverse, w) = (normalized.storage.pointer, inverseDeviations.storage.pointer, weight.storage.pointer)
        let (dx, dw, db) = (inputGradient.storage.pointer, weightSums.storage.pointer, biasSums.storage.pointer)
        let (u, derivative) = (upstream.storage.pointer, siluDerivative?.storage.pointer)
        // With SiLU, `dy` is first written into `dx` (each scalar is read before it is overwritten).
        let dy = UnsafePointer(derivative == nil ? u : dx)
        parallelForEach(batch * groupCount) { groups in
            for group in groups {
                let start = group * groupSize
                if let derivative {
                    for i in start..<(start + groupSize) { dx[i] = derivative[i] * u[i] }
                }
                var meanGradient: Float = 0, meanProjection: Float = 0
                for local in 0..<groupChannels {
                    let channel = (group % groupCount) * groupChannels + local
                    let offset = start + local * plane
                    var channelSum: Float = 0, channelProjection: Float = 0
                    for i in offset..<(offset + plane) {
                        channelSum += dy[i]
                        channelProjection += dy[i] * xHat[i]
                    }
                    let row = (group / groupCount) * channels + channel
                    (db[row], dw[row]) = (channelSum, channelProjection)
                    meanGradient += channelSum * w[channel]
                    meanProjection += channelProjection * w[channel]
                }
                meanGradient /= Float(groupSize)
                meanProjection /= Float(groupSize)
                let inverseDeviation = inverse[group]
                for local in 0..<groupChannels {
                    let channel = (group % groupCount) * groupChannels + local
                    let offset = start + local * plane
                    for i in offset..<(offset + plane) {
                        dx[i] = inverseDeviation * (dy[i] * w[channel] - meanGradient - xHat[i] * meanProjection)
                    }
                }
            }
        }
        return (inputGradient, weightSums.sum(axis: 0), biasSums.sum(axis: 0))
    }
}
