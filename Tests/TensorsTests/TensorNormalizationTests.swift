import Foundation
import Testing
import Tensors
import TestSupport

/// Group normalization computed directly in `Double`, one example and group at a time.
func naiveGroupNormalized(_ x: Tensor, weight: [Float], bias: [Float], groupCount: Int, epsilon: Double) -> [Float] {
    let batch = x.shape[0], channels = x.shape[1]
    let plane = x.scalarCount / (batch * channels)
    let groupSize = channels / groupCount * plane
    let scalars: [Double] = x.scalars.map { Double($0) }
    var result = [Float](repeating: 0, count: x.scalarCount)
    for group in 0..<(batch * groupCount) {
        // Groups are contiguous in NCHW: the channels of one group of one example follow each other.
        let indices = (group * groupSize)..<((group + 1) * groupSize)
        var mean = 0.0
        for i in indices { mean += scalars[i] }
        mean /= Double(groupSize)
        var variance = 0.0
        for i in indices { variance += (scalars[i] - mean) * (scalars[i] - mean) }
        variance /= Double(groupSize)
        let deviation = (variance + epsilon).squareRoot()
        for i in indices {
            let channel = (i / plane) % channels
            let normalized = (scalars[i] - mean) / deviation
            result[i] = Float(normalized * Double(weight[channel]) + Double(bias[channel]))
        }
    }
    return result
}

@Test func groupNormalizationMatchesTheDirectFormula() {
    var rng = RandomGenerator(seed: 131)
    // Enough examples and groups that the work is split across threads.
    let x = 3 * Tensor(randomNormal: [5, 6, 7, 4], using: &rng) + 1
    let weight = Tensor(randomNormal: [6], using: &rng), bias = Tensor(randomNormal: [6], using: &rng)
    for groupCount in [1, 3, 6] {
        let y = groupNormalized(x, weight: weight, bias: bias, groupCount: groupCount, epsilon: 1e-5)
        expectClose(y, naiveGroupNormalized(x, weight: weight.scalars, bias: bias.scalars, groupCount: groupCount,
                                            epsilon: 1e-5), tolerance: 1e-4)
    }
}

@Test func groupNormalizationGradientsMatchFiniteDifferences() {
    var rng = RandomGenerator(seed: 132)
    let x = Tensor(randomNormal: [3, 4, 3, 2], using: &rng)
    let weight = Tensor(randomNormal: [4], using: &rng), bias = Tensor(randomNormal: [4], using: &rng)
    assertGradientMatchesFiniteDifferences(at: x) {
        groupNormalized($0, weight: weight, bias: bias, groupCount: 2, epsilon: 1e-5)
    }
    assertGradientMatchesFiniteDifferences(at: weight) {
        groupNormalized(x, weight: $0, bias: bias, groupCount: 2, epsilon: 1e-5)
    }
    assertGradientMatchesFiniteDifferences(at: bias) {
        groupNormalized(x, weight: weight, bias: $0, groupCount: 2, epsilon: 1e-5)
    }
}

@Test func groupNormalizationWithSiLUEqualsTheCompositionBitForBit() {
    var rng = RandomGenerator(seed: 133)
    let x = 3 * Tensor(randomNormal: [4, 8, 6, 5], using: &rng) + 1
    let weight = Tensor(randomNormal: [8], using: &rng), bias = Tensor(randomNormal: [8], using: &rng)
    let upstream = Tensor(randomNormal: x.shape, using: &rng)
    let (fused, fusedPullback) = valueWithPullback(at: x, weight, bias) {
        groupNormalizedSiLU($0, weight: $1, bias: $2, groupCount: 4, epsilon: 1e-5)
    }
    let (composed, composedPullback) = valueWithPullback(at: x, weight, bias) {
        silu(groupNormalized($0, weight: $1, bias: $2, groupCount: 4, epsilon: 1e-5))
    }
    #expect(fused.scalars == composed.scalars)
    let (a, b) = (fusedPullback(upstream), composedPullback(upstream))
    #expect(a.0.scalars == b.0.scalars && a.1.scalars == b.1.scalars && a.2.scalars == b.2.scalars)
    // And the values against the direct formula, silu(y) = y σ(y).
    let direct = naiveGroupNormalized(x, weight: weight.scalars, bias: bias.scalars, groupCount: 4, epsilon: 1e-5)
    expectClose(fused, direct.map { $0 / (1 + Foundation.exp(-$0)) }, tolerance: 1e-4)
}

@Test func groupNormalizationWithSiLUGradientsMatchFiniteDifferences() {
    var rng = RandomGenerator(seed: 134)
    let x = Tensor(randomNormal: [3, 4, 3, 2], using: &rng)
    let weight = Tensor(randomNormal: [4], using: &rng), bias = Tensor(randomNormal: [4], using: &rng)
    assertGradientMatchesFiniteDifferences(at: x) {
        groupNormalizedSiLU($0, weight: weight, bias: bias, groupCount: 2, epsilon: 1e-5)
    }
    assertGradientMatchesFiniteDifferences(at: weight, bias) {
        groupNormalizedSiLU(x, weight: $0, bias: $1, groupCount: 2, epsilon: 1e-5)
    }
}

/// Group normalization one group at a time with plain sequential `Float` sums (each sum from its
/// first scalar to its last, one addition after another): the values and the input gradient, and
/// the per-example weight and bias sums `[N, C]` (summed over the batch by the caller), for an upstream.
func sequentialGroupNormalization(_ x: [Float], batch: Int, channels: Int, plane: Int, weight: [Float], bias: [Float],
                                  groupCount: Int, epsilon: Float, upstream: [Float])
    -> (value: [Float], input: [Float], weightRows: [Float], biasRows: [Float]) {
    let groupChannels = channels / groupCount, groupSize = channels / groupCount * plane
    var (value, normalized, input) = ([Float](repeating: 0, count: x.count), [Float](repeating: 0, count: x.count),
                                      [Float](repeating: 0, count: x.count))
    var (weightRows, biasRows) = ([Float](repeating: 0, count: batch * channels), [Float](repeating: 0, count: batch * channels))
    for group in 0..<(batch * groupCount) {
        let indices = (group * groupSize)..<((group + 1) * groupSize)
        var sum: Float = 0
        for i in indices { sum += x[i] }
        let mean = sum / Float(groupSize)
        var squares: Float = 0
        for i in indices { squares += (x[i] - mean) * (x[i] - mean) }
        let inverseDeviation = 1 / (squares / Float(groupSize) + epsilon).squareRoot()
        var (meanGradient, meanProjection): (Float, Float) = (0, 0)
        for local in 0..<groupChannels {
            let (channel, row) = ((group % groupCount) * groupChannels + local, group * groupChannels + local)
            var (channelSum, channelProjection): (Float, Float) = (0, 0)
            for i in (indices.lowerBound + local * plane)..<(indices.lowerBound + (local + 1) * plane) {
                normalized[i] = (x[i] - mean) * inverseDeviation
                value[i] = normalized[i] * weight[channel] + bias[channel]
                channelSum += upstream[i]
                channelProjection += upstream[i] * normalized[i]
            }
            (biasRows[row], weightRows[row]) = (channelSum, channelProjection)
            meanGradient += channelSum * weight[channel]
            meanProjection += channelProjection * weight[channel]
        }
        meanGradient /= Float(groupSize)
        meanProjection /= Float(groupSize)
        for i in indices {
            let channel = (i / plane) % channels
            input[i] = inverseDeviation * (upstream[i] * weight[channel] - meanGradient - normalized[i] * meanProjection)
        }
    }
    return (value, input, weightRows, biasRows)
}

@Test func groupNormalizationSumsEachGroupInOrderBitForBit() {
    // The kernel sums four groups (and four channels) side by side; each sum must still add its
    // scalars in order. 3 examples: 3, 9 or 18 groups, so blocks of four end part-filled.
    var rng = RandomGenerator(seed: 135)
    let (batch, channels, plane) = (3, 6, 35)
    let x = 3 * Tensor(randomNormal: [batch, channels, 7, 5], using: &rng) + 1
    let weight = Tensor(randomNormal: [channels], using: &rng), bias = Tensor(randomNormal: [channels], using: &rng)
    let upstream = Tensor(randomNormal: x.shape, using: &rng)
    for groupCount in [1, 3, 6] {
        let (value, pullback) = valueWithPullback(at: x, weight, bias) {
            groupNormalized($0, weight: $1, bias: $2, groupCount: groupCount, epsilon: 1e-5)
        }
        let gradients = pullback(upstream)
        let expected = sequentialGroupNormalization(x.scalars, batch: batch, channels: channels, plane: plane,
                                                    weight: weight.scalars, bias: bias.scalars, groupCount: groupCount,
                                                    epsilon: 1e-5, upstream: upstream.scalars)
        #expect(value.scalars == expected.value)
        #expect(gradients.0.scalars == expected.input)
        #expect(gradients.1 == Tensor(shape: [batch, channels], scalars: expected.weightRows).sum(axis: 0))
        #expect(gradients.2 == Tensor(shape: [batch, channels], scalars: expected.biasRows).sum(axis: 0))
    }
}
