import Foundation

// MARK: - Lesson 6: autoregressive models

/// Exercise 6.1: the mask of one layer of MADE, from the degrees of its units.
///
/// A unit of degree `m` may depend on the inputs of degree `≤ m`. A weight from unit `j` of the
/// layer below (degree `inputDegrees[j]`) to unit `k` of this layer (degree `outputDegrees[k]`)
/// is kept, `mask[j][k] = 1`, when
/// - hidden layer: `outputDegrees[k] >= inputDegrees[j]`;
/// - output layer (`isOutputLayer`): `outputDegrees[k] > inputDegrees[j]` (strictly, so that output
///   `d` never sees input `d`);
/// and `mask[j][k] = 0` otherwise.
/// - Returns: `inputDegrees.count` rows of `outputDegrees.count` zeros and ones.
public func madeMask(inputDegrees: [Int], outputDegrees: [Int], isOutputLayer: Bool) -> [[Double]] {
    // BEGIN SOLUTION
    inputDegrees.map { input in
        outputDegrees.map { output in (isOutputLayer ? output > input : output >= input) ? 1 : 0 }
    }
    // END SOLUTION
}

/// Exercise 6.2: the log-likelihood of a binary image from the logits of its conditionals.
///
/// With `p_i = sigmoid(l_i) = 1 / (1 + exp(-l_i))` the probability that pixel `i` is 1 given the
/// pixels before it, `log p(x) = sum_i x_i log p_i + (1 - x_i) log(1 - p_i)`. Compute it without
/// overflow for large `|l_i|`: `log sigmoid(l) = -log(1 + exp(-l))` and `log(1 - sigmoid(l)) = log sigmoid(-l)`.
/// - Parameters:
///   - pixels: `x`, zeros and ones.
///   - logits: `l`, one per pixel.
/// - Returns: `log p(x)` in nats (at most 0).
public func binaryLogLikelihood(pixels: [Double], logits: [Double]) -> Double {
    // BEGIN SOLUTION
    func logSigmoid(_ l: Double) -> Double { -(max(-l, 0) + Foundation.log1p(Foundation.exp(-abs(l)))) }
    return zip(pixels, logits).reduce(0) { total, pair in
        total + pair.0 * logSigmoid(pair.1) + (1 - pair.0) * logSigmoid(-pair.1)
    }
    // END SOLUTION
}

/// Exercise 6.3: the sampling loop of a fully visible sigmoid belief net, in the order 0, 1, ..., D-1.
///
/// Pixel `i` is 1 with probability `sigmoid(biases[i] + sum_(j < i) weights[j][i] x_j)`: it depends
/// on the pixels already drawn. Draw the pixels one at a time, in order, and set `x_i = 1` exactly
/// when `uniforms[i] < sigmoid(...)`, else `x_i = 0`.
/// - Parameters:
///   - weights: `D` rows of `D` numbers; `weights[j][i]` is the weight of pixel `j` in the logit of
///     pixel `i` (entries with `j >= i` must be ignored).
///   - biases: `D` numbers.
///   - uniforms: `D` draws from `U(0, 1)`, one per pixel.
/// - Returns: The sample `x`, `D` zeros and ones.
public func sampleFullyVisible(weights: [[Double]], biases: [Double], uniforms: [Double]) -> [Double] {
    // BEGIN SOLUTION
    var x: [Double] = []
    for i in biases.indices {
        let logit = biases[i] + (0..<i).reduce(0) { $0 + weights[$1][i] * x[$1] }
        x.append(uniforms[i] < 1 / (1 + Foundation.exp(-logit)) ? 1 : 0)
    }
    return x
    // END SOLUTION
}
