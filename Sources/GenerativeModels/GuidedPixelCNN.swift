import Foundation
import NeuralNetworks

/// A class-conditional `PixelCNN` sampled with classifier-free guidance (Ho and Salimans,
/// "Classifier-free diffusion guidance", 2022), applied to each pixel's logit as autoregressive
/// text-to-image models apply it to each token's:
///
///     l_i = l_i(x_<i, ∅) + w (l_i(x_<i, y) - l_i(x_<i, ∅))
///
/// with `y = labels[b]` for row `b`, `∅` the model's `unconditionalLabel` and `w = scale`. `w = 1`
/// is the conditional model `p(x | y)`, `w = 0` the unconditional `p(x | ∅)`, `w > 1` pushes each
/// pixel further towards what the class makes likely. Each guided logit still depends only on
/// the pixels before it, so the guided model is a normalised autoregressive distribution whose
/// exact log-likelihood `logLikelihood` computes; but for `w ∉ {0, 1}` it is neither `p(x | y)` nor
/// proportional to `p(x | y)^w p(x | ∅)^(1 - w)`: guidance changes the distribution sampled, not
/// the model trained. Both passes run as one batch of `2 × count` rows.
public struct GuidedPixelCNN: AutoregressiveModel {
    /// The class-conditional network, trained with labels dropped to "no class".
    public var model: PixelCNN
    /// The class each row is guided towards, in `0..<classCount`.
    @noDerivative public let labels: [Int]
    /// The guidance scale `w`.
    @noDerivative public let scale: Double

    /// Guides `model` towards `labels` (one class per row) at `scale`.
    public init(model: PixelCNN, labels: [Int], scale: Double) {
        precondition(model.classCount > 0, "GuidedPixelCNN: the model has no classes to guide towards")
        precondition(labels.allSatisfy { (0..<model.classCount).contains($0) },
                     "GuidedPixelCNN: labels \(labels) must lie in 0..<\(model.classCount)")
        (self.model, self.labels, self.scale) = (model, labels, scale)
    }

    /// The raster order of the network.
    public var ordering: [Int] { model.ordering }

    /// The network conditioned on `labels` for the first `count` rows and on "no class"
    /// (`classCount`, its `unconditionalLabel`) for the next `count`.
    private var bothPasses: PixelCNN {
        model.conditioned(on: labels + Array(repeating: model.classCount, count: labels.count))
    }

    /// The guided logits `[count, D]` of inputs `[count, D]`, `count == labels.count`.
    @differentiable(reverse)
    public func callAsFunction(_ input: Tensor) -> Tensor {
        let count = withoutDerivative(at: input.shape[0])
        precondition(count == labels.count, "GuidedPixelCNN: \(labels.count) labels for a batch of \(count)")
        let both = bothPasses(Tensor(concatenating: [input, input]))
        let conditional = both.sliced(alongAxis: 0, range: 0..<count)
        let unconditional = both.sliced(alongAxis: 0, range: count..<(2 * count))
        return unconditional + Float(scale) * (conditional - unconditional)
    }

    /// `σ(l_pixel)` of the guided logit, from the network's cropped pass (see
    /// `PixelCNN.pixelProbabilities`): one pass of the plain batch when `scale` is 1 (the
    /// conditional model) or 0 (the unconditional one), else one of both copies.
    public func pixelProbabilities(_ x: Tensor, pixel: Int) -> [Float] {
        let count = x.shape[0]
        precondition(count == labels.count, "GuidedPixelCNN: \(labels.count) labels for a batch of \(count)")
        if scale == 1 { return model.conditioned(on: labels).pixelProbabilities(x, pixel: pixel) }
        if scale == 0 {
            return model.conditioned(on: Array(repeating: model.unconditionalLabel, count: count)).pixelProbabilities(x, pixel: pixel)
        }
        return guidedProbabilities(bothPasses.pixelLogits(Tensor(concatenating: [x, x]), pixel: pixel))
    }

    /// `σ(l_∅ + w (l_y - l_∅))` of each row, from the logits of both copies: the conditional ones
    /// first, then the unconditional ones (`2 × count` values).
    private func guidedProbabilities(_ logits: [Float]) -> [Float] {
        let count = logits.count / 2
        return (0..<count).map { row in
            let (conditional, unconditional) = (Double(logits[row]), Double(logits[count + row]))
            return Float(1 / (1 + Foundation.exp(-(unconditional + scale * (conditional - unconditional)))))
        }
    }

    /// Samples `pixels` of each row of `x` from the guided conditionals with the network's cached
    /// sampler (`PixelCNN.completing`): one cached pass of the plain batch when `scale` is 1 or 0,
    /// else of both copies, with the guided logit formed as in `pixelProbabilities`.
    public func completing<Pixels: Sequence<Int>>(_ x: Tensor, pixels: Pixels, uniforms: Tensor) -> Tensor {
        let count = x.shape[0]
        precondition(count == labels.count, "GuidedPixelCNN: \(labels.count) labels for a batch of \(count)")
        if scale == 1 { return model.conditioned(on: labels).completing(x, pixels: pixels, uniforms: uniforms) }
        if scale == 0 {
            return model.conditioned(on: Array(repeating: model.unconditionalLabel, count: count))
                .completing(x, pixels: pixels, uniforms: uniforms)
        }
        let both = labels + Array(repeating: model.unconditionalLabel, count: count)
        return model.cachedCompleting(x, pixels: pixels, uniforms: uniforms, labels: both, probabilities: guidedProbabilities)
    }

    /// The mean negative log-likelihood of `batch` under the guided model and its gradient.
    public func negativeLogLikelihoodWithGradient(_ batch: Tensor) -> (value: Tensor, gradient: TangentVector) {
        valueWithGradient(at: self) { model in -bernoulliLogLikelihood(batch, logits: model(batch)).mean() }
    }
}
