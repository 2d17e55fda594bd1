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
            // Four groups at a time, so that their sums (each in its own order) overlap.
            for first in Swift.stride(from: groups.lowerBound, to: groups.upperBound, by: 4) {
                let starts = laneStarts(first: first, end: groups.upperBound, size: groupSize)
                let means = laneSums(x, starts: starts, count: groupSize) / Float(groupSize)
                let squares = laneSquaredDeviations(x, starts: starts, means: means, count: groupSize)
                let inverses = 1 / (squares / Float(groupSize) + epsilon).squareRoot()
                for lane in 0..<Swift.min(4, groups.upperBound - first) {
                    let (group, mean, inverseDeviation) = (first + lane, means[lane], inverses[lane])
                    inverse[group] = inverseDeviation
                    for local in 0..<groupChannels {
                        let channel = (group % groupCount) * groupChannels + local
                        let offset = group * groupSize + local * plane
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
            for first in Swift.stride(from: groups.lowerBound, to: groups.upperBound, by: 4) {
                let block = first..<Swift.min(first + 4, groups.upperBound)
                if let derivative {
                    for i in (block.lowerBound * groupSize)..<(block.upperBound * groupSize) { dx[i] = derivative[i] * u[i] }
                }
                // Row `g C/G + local` of `[N, C]` is channel `local` of group `g`, and its plane starts at
                // `row · plane`: four rows at a time, each summed in its own order.
                let rows = (block.lowerBound * groupChannels)..<(block.upperBound * groupChannels)
                for firstRow in Swift.stride(from: rows.lowerBound, to: rows.upperBound, by: 4) {
                    let starts = laneStarts(first: firstRow, end: rows.upperBound, size: plane)
                    let (sums, projections) = laneSumsAndProjections(dy, xHat, starts: starts, count: plane)
                    for lane in 0..<Swift.min(4, rows.upperBound - firstRow) {
                        (db[firstRow + lane], dw[firstRow + lane]) = (sums[lane], projections[lane])
                    }
                }
                for group in block {
                    var meanGradient: Float = 0, meanProjection: Float = 0
                    for local in 0..<groupChannels {
                        let (channel, row) = ((group % groupCount) * groupChannels + local, group * groupChannels + local)
                        meanGradient += db[row] * w[channel]
                        meanProjection += dw[row] * w[channel]
                    }
                    meanGradient /= Float(groupSize)
                    meanProjection /= Float(groupSize)
                    let inverseDeviation = inverse[group]
                    for local in 0..<groupChannels {
                        let channel = (group % groupCount) * groupChannels + local
                        let offset = group * groupSize + local * plane
                        if derivative == nil {
                            for i in offset..<(offset + plane) {
                                dx[i] = inverseDeviation * (u[i] * w[channel] - meanGradient - xHat[i] * meanProjection)
                            }
                        } else {
                            // `dy` is `dx` itself: read and written through one pointer, the loop vectorizes
                            // (through two, the overlap check fails and it runs a scalar at a time).
                            for i in offset..<(offset + plane) {
                                dx[i] = inverseDeviation * (dx[i] * w[channel] - meanGradient - xHat[i] * meanProjection)
                            }
                        }
                    }
                }
            }
        }
        return (inputGradient, weightSums.sum(axis: 0), biasSums.sum(axis: 0))
    }
}

// MARK: - Sums four at a time

// A sum of floats is a chain of additions, each waiting for the last (four cycles each): the
// passes below run four independent sums side by side, each adding its scalars in the same order
// as a single sequential loop, so the results are bit for bit those of summing one at a time.

/// The offsets `min(first + lane, end - 1) · size` of four consecutive sequences of `size` scalars
/// (the last one repeated when fewer than four remain before `end`).
@inline(__always)
private func laneStarts(first: Int, end: Int, size: Int) -> SIMD4<Int> {
    SIMD4(first * size, Swift.min(first + 1, end - 1) * size, Swift.min(first + 2, end - 1) * size,
          Swift.min(first + 3, end - 1) * size)
}

/// `Σ_{i < count} x[start + i]` for each lane's start, added in order of `i`.
@inline(__always)
private func laneSums(_ x: UnsafePointer<Float>, starts: SIMD4<Int>, count: Int) -> SIMD4<Float> {
    let (p0, p1, p2, p3) = (x + starts[0], x + starts[1], x + starts[2], x + starts[3])
    var (s0, s1, s2, s3): (Float, Float, Float, Float) = (0, 0, 0, 0)
    for i in 0..<count {
        s0 += p0[i]
        s1 += p1[i]
        s2 += p2[i]
        s3 += p3[i]
    }
    return SIMD4(s0, s1, s2, s3)
}

/// `Σ_{i < count} (x[start + i] - mean)²` for each lane's start and mean, added in order of `i`.
@inline(__always)
private func laneSquaredDeviations(_ x: UnsafePointer<Float>, starts: SIMD4<Int>, means: SIMD4<Float>,
                                   count: Int) -> SIMD4<Float> {
    let (p0, p1, p2, p3) = (x + starts[0], x + starts[1], x + starts[2], x + starts[3])
    let (m0, m1, m2, m3) = (means[0], means[1], means[2], means[3])
    var (s0, s1, s2, s3): (Float, Float, Float, Float) = (0, 0, 0, 0)
    for i in 0..<count {
        s0 += (p0[i] - m0) * (p0[i] - m0)
        s1 += (p1[i] - m1) * (p1[i] - m1)
        s2 += (p2[i] - m2) * (p2[i] - m2)
        s3 += (p3[i] - m3) * (p3[i] - m3)
    }
    return SIMD4(s0, s1, s2, s3)
}

/// `(Σ_i dy[start + i], Σ_i dy[start + i] · xHat[start + i])` over `count` scalars for each
/// lane's start, both added in order of `i`.
@inline(__always)
private func laneSumsAndProjections(_ dy: UnsafePointer<Float>, _ xHat: UnsafePointer<Float>, starts: SIMD4<Int>,
                                    count: Int) -> (sums: SIMD4<Float>, projections: SIMD4<Float>) {
    let (d0, d1, d2, d3) = (dy + starts[0], dy + starts[1], dy + starts[2], dy + starts[3])
    let (h0, h1, h2, h3) = (xHat + starts[0], xHat + starts[1], xHat + starts[2], xHat + starts[3])
    var (s0, s1, s2, s3): (Float, Float, Float, Float) = (0, 0, 0, 0)
    var (q0, q1, q2, q3): (Float, Float, Float, Float) = (0, 0, 0, 0)
    for i in 0..<count {
        s0 += d0[i]
        q0 += d0[i] * h0[i]
        s1 += d1[i]
        q1 += d1[i] * h1[i]
        s2 += d2[i]
        q2 += d2[i] * h2[i]
        s3 += d3[i]
        q3 += d3[i] * h3[i]
    }
    return (SIMD4(s0, s1, s2, s3), SIMD4(q0, q1, q2, q3))
}
