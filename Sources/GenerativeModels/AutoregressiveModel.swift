import Foundation
import NeuralNetworks

/// A model of binary vectors (binarised images, flattened) by the chain rule,
/// `p(x) = Π_t p(x_(o_t) | x_(o_1), ..., x_(o_(t-1)))` with `o = ordering`, each factor a Bernoulli
/// whose logit the network computes for all pixels in one pass.
///
/// Calling the model on `x` `[batch, D]` gives logits `[batch, D]`, and the logit of pixel
/// `ordering[t]` may depend only on the pixels `ordering[..<t]`: that is what makes
/// `log p(x) = Σ_i x_i log σ(l_i) + (1 - x_i) log(1 - σ(l_i))` an exact, normalised log-likelihood,
/// and what sampling relies on (one pass per pixel, in order).
public protocol AutoregressiveModel: Layer {
    /// The order of the pixels: `ordering[t]` is the index of the pixel generated at step `t`.
    var ordering: [Int] { get }

    /// `p(x_pixel = 1 | x_<pixel)` for each row of `x` `[count, D]`: `[count]` values, one network
    /// pass. The default computes every logit; a model may compute only what `pixel` needs.
    func pixelProbabilities(_ x: Tensor, pixel: Int) -> [Float]

    /// Samples `pixels`, in the order given, from the model's conditionals: pixel `i` of row `b`
    /// becomes 1 exactly when `uniforms[b, i] < σ(l_i)`; other pixels of `x` stay as they are.
    /// The default spends one `pixelProbabilities` pass per pixel; a model may cache what a new
    /// pixel does not change (`PixelCNN`).
    func completing<Pixels: Sequence<Int>>(_ x: Tensor, pixels: Pixels, uniforms: Tensor) -> Tensor

    /// The training loss of `batch` `[count, D]`, the mean negative log-likelihood in nats per
    /// example, and its gradient with respect to the model's parameters.
    ///
    /// Each model computes it for its own type: differentiating through a generic
    /// `AutoregressiveModel` inside this module crashes Swift 6.3's compiler (IR generation,
    /// "isAbstract()"), so `fit` calls this instead.
    func negativeLogLikelihoodWithGradient(_ batch: Tensor) -> (value: Tensor, gradient: TangentVector)
}

extension AutoregressiveModel {
    public func pixelProbabilities(_ x: Tensor, pixel: Int) -> [Float] {
        let dimension = x.shape[1]
        let probabilities = sigmoid(self(x)).scalars
        return (0..<x.shape[0]).map { probabilities[$0 * dimension + pixel] }
    }
}

extension AutoregressiveModel {
    /// `log p(x)` of each row of `x` `[batch, D]` (values 0 or 1), in nats: shape `[batch]`.
    public func logLikelihood(_ x: Tensor) -> Tensor {
        bernoulliLogLikelihood(x, logits: self(x))
    }

    /// The training loss: the mean negative log-likelihood of a batch, in nats per example.
    @differentiable(reverse)
    public func negativeLogLikelihood(_ x: Tensor) -> Tensor {
        -bernoulliLogLikelihood(x, logits: self(x)).mean()
    }

    /// `-log p(x)` of every row of `images` `[count, D]`, in nats, evaluated `batchSize` rows at a time.
    public func negativeLogLikelihoods(_ images: Tensor, batchSize: Int = 500) -> [Double] {
        mapBatches(images, batchSize: batchSize) { -logLikelihood($0) }
    }

    /// Samples `count` vectors by ancestral sampling: `D` network passes, one per pixel, in order.
    public func sample(count: Int, using rng: inout RandomGenerator) -> Tensor {
        let dimension = ordering.count
        return completing(Tensor(zeros: [count, dimension]), from: 0,
                          uniforms: Tensor(randomUniform: [count, dimension], using: &rng))
    }

    /// Keeps the pixels `ordering[..<position]` of each row of `x` and samples the rest from the
    /// model's conditionals, one pass per remaining pixel. With `position: 0` this is sampling;
    /// with the top rows known, it completes images.
    /// - Parameters:
    ///   - x: The known pixels, `[count, D]` (pixels from `position` on are overwritten).
    ///   - uniforms: One draw from `U(0, 1)` per pixel, `[count, D]`.
    public func completing(_ x: Tensor, from position: Int, uniforms: Tensor) -> Tensor {
        completing(x, pixels: ordering[position...], uniforms: uniforms)
    }

    /// Samples `pixels`, in the order given, from the model's conditionals, one network pass per
    /// pixel: pixel `i` of row `b` becomes 1 exactly when `uniforms[b, i] < σ(l_i)`, with `l_i`
    /// computed from the current rows; other pixels of `x` stay as they are.
    ///
    /// `pixels` must be a tail of `ordering` (the conditionals hold only in that order); it is a
    /// sequence so that a lesson can wrap it in a progress bar.
    /// - Parameters:
    ///   - x: `[count, D]`, the known pixels.
    ///   - uniforms: One draw from `U(0, 1)` per pixel, `[count, D]`.
    public func completing<Pixels: Sequence<Int>>(_ x: Tensor, pixels: Pixels, uniforms: Tensor) -> Tensor {
        let (count, dimension) = (x.shape[0], ordering.count)
        precondition(x.shape == [count, dimension] && uniforms.shape == x.shape,
                     "completing: x \(x.shape) and uniforms \(uniforms.shape) must both be [count, \(dimension)]")
        var result = x
        let u = uniforms.scalars
        for pixel in pixels {
            let probabilities = pixelProbabilities(result, pixel: pixel)
            result.withUnsafeMutableBufferPointer { values in
                for row in 0..<count {
                    let index = row * dimension + pixel
                    values[index] = u[index] < probabilities[row] ? 1 : 0
                }
            }
        }
        return result
    }
}

/// A per-example statistic (`[batch]`) of every row of `data`, computed `batchSize` rows at a time.
func mapBatches(_ data: Tensor, batchSize: Int, _ statistic: (Tensor) -> Tensor) -> [Double] {
    let count = data.shape[0]
    var values: [Double] = []
    for start in stride(from: 0, to: count, by: batchSize) {
        let batch = data.sliced(alongAxis: 0, range: start..<Swift.min(start + batchSize, count))
        values += statistic(batch).scalars.map(Double.init)
    }
    return values
}
