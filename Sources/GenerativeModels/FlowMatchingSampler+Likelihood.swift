import Foundation
import NeuralNetworks

extension FlowMatchingSampler where Model == DiffusionMLP {
    /// The exact log-likelihood `log p_1(x)` of each point under the unconditional flow, in nats,
    /// `[N]`: `continuousFlowLogLikelihood` with the network's exact divergence.
    public func logLikelihood(_ points: Tensor, stepCount: Int, method: ODEMethod = .midpoint) -> Tensor {
        continuousFlowLogLikelihood(points, stepCount: stepCount, method: method) { x, t in
            let times = Tensor(repeating: Float(t) * timeScale, shape: [x.shape[0]])
            return model.velocityAndDivergence(x, timesteps: times)
        }
    }
}

extension FlowMatchingSampler where Model: InputDifferentiablePredictor {
    /// Estimates of `log p_1(x)` under the unconditional flow (the "no label" input of a
    /// conditional network; the sampler's guidance scale plays no part), in nats, with the
    /// divergence estimated by Hutchinson's estimator, one vector–Jacobian product per probe per
    /// evaluation of the field: `continuousFlowLogLikelihood(_:stepCount:method:probes:velocityWithPullback:)`.
    /// - Parameters:
    ///   - points: `[N, ...]`, the network's input shape.
    ///   - probes: `K` probes, each the shape of `points` (`HutchinsonProbe.drawn`), held along the path.
    /// - Returns: `[N, K]`, one unbiased estimate per point and probe.
    /// - Cost: `stepCount × method.evaluationsPerStep` forward passes and `K` times as many reverse passes.
    public func logLikelihood(_ points: Tensor, stepCount: Int, method: ODEMethod = .midpoint, probes: [Tensor]) -> Tensor {
        let count = points.shape[0], shape = points.shape
        let flat = { (x: Tensor) in x.reshaped(to: [count, x.scalarCount / count]) }
        let none = Array(repeating: model.classCount, count: count)
        return continuousFlowLogLikelihood(flat(points), stepCount: stepCount, method: method, probes: probes.map(flat)) { x, t in
            let times = Tensor(repeating: Float(t) * timeScale, shape: [count])
            let field = model.predictionWithPullback(x.reshaped(to: shape), timesteps: times, labels: none)
            return (flat(field.prediction), { flat(field.pullback($0.reshaped(to: shape))) })
        }
    }

    /// The bits per dimension of 8-bit images under the unconditional flow, each image dequantised
    /// within its grey levels' bins and its log-density estimated with one Hutchinson probe.
    ///
    /// The network sees grey level `k` at `x = 2k/255 - 1`; the bin of width `Δ = 2/255` around it
    /// is filled uniformly, `y = x + Δ (u - ½)` with `u ~ U[0, 1)^D`, and
    ///
    /// `bits(x) = -log p_1(y) / (D ln 2) - log2 Δ = -log p_1(y) / (D ln 2) + log2 127.5`,
    ///
    /// whose expectation over `u` bounds `-log2 P(k) / D` from above for the discrete model
    /// `P(k) = ∫_bin p_1` (Theis et al., 2016): the same footing as a flow on dequantised pixels or
    /// a diffusion model's bound with a discretised decoder. The solver's error comes on top; the
    /// dequantisation and the probes add noise that `BitsPerDimension.standardError` includes.
    /// - Parameters:
    ///   - images: `[N, ...]`, 8-bit images scaled to `[-1, 1]` (`2k/255 - 1`, as the network was trained).
    ///   - probe: The distribution of the probes, one per image.
    ///   - batchSize: Images integrated together.
    ///   - rng: Draws each batch's dequantisation and then its probes: the same seed gives the same
    ///     draws at any `stepCount`, so that two step counts can be compared image by image.
    ///   - reporting: Wraps the list of batches, with a label (a lesson's progress bar).
    /// - Cost: `stepCount × method.evaluationsPerStep` forward and reverse passes of the network per image.
    public func bitsPerDimension(
        of images: Tensor, stepCount: Int, method: ODEMethod = .midpoint, probe: HutchinsonProbe = .rademacher,
        batchSize: Int = 50, using rng: inout RandomGenerator,
        reporting: ([Range<Int>], String) -> any Sequence<Range<Int>> = { batches, _ in batches }
    ) -> BitsPerDimension {
        precondition(images.rank >= 2 && batchSize > 0, "bitsPerDimension: images \(images.shape), batch size \(batchSize)")
        let count = images.shape[0], dimension = images.scalarCount / count, binWidth = 2.0 / 255
        let batches = stride(from: 0, to: count, by: batchSize).map { $0..<min($0 + batchSize, count) }
        var bits: [Double] = []
        for batch in reporting(batches, "flow-matching likelihood, \(stepCount) \(method.rawValue) steps") {
            let clean = images.sliced(alongAxis: 0, range: batch)
            let dequantized = clean + Float(binWidth) * Tensor(randomUniform: clean.shape, lowerBound: -0.5, upperBound: 0.5, using: &rng)
            let probes = [probe.drawn(shape: clean.shape, using: &rng)]
            let logDensity = logLikelihood(dequantized, stepCount: stepCount, method: method, probes: probes)
            bits += logDensity.scalars.map { -Double($0) / (Double(dimension) * log(2)) - log2(binWidth) }
        }
        return BitsPerDimension(perImage: bits)
    }
}
