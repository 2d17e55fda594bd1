import Foundation
import NeuralNetworks

/// A model of binary vectors (binarised images, flattened) by the chain rule,
/// `p(x) = Π_t p(x_(o_t) | x_(o_1), ..., x_(o_(t-1)))` with `o = ordering`, each factor a Bernoulli
/// whose logit the network computes for all pixels in one pass.
///
/// Calling the model on `x` `[batch, D]` gives logits `[batch, D]`, and the logit of pixel
/// `ordering[t]` may depend only on the pixels `ordering[..<t]`: that is what makes
/// `log p(x) = Σ_i x_i log σ(l_i) + (1 - x_i) log(1 - σ(l_i))` an exact, normalised log-likelihood,
/// and what sampling relies on (one pixel after another, in order).
public protocol AutoregressiveModel: Layer {
    /// The order of the pixels: `ordering[t]` is the index of the pixel generated at step `t`.
    var ordering: [Int] { get }

    /// `p(x_pixel = 1 | x_<pixel)` for each row of `x` `[count, D]`: `[count]` values, one network
    /// pass. The default computes every logit; a model may compute only what `pixel` needs.
    func pixelProbabilities(_ x: Tensor, pixel: Int) -> [Float]

    /// Samples `pixels`, in the order given, from the model's conditionals: pixel `i` of row `b`
    /// becomes 1 exactly when `uniforms[b, i] < σ(l_i)`, with `l_i` the logit given the row's
    /// earlier pixels; other pixels of `x` stay as they are.
    ///
    /// `pixels` must be a tail of `ordering` (the conditionals hold only in that order); it is a
    /// sequence so that a lesson can wrap it in a progress bar. The default is
    /// `completingByFullPasses`, one network pass per pixel; a model that can keep what earlier
    /// pixels computed samples the same images with less arithmetic: MADE and NADE with
    /// `IncrementalConditionals`, the PixelCNN with its cached stacks (`CachedPixelCNNPass`).
    /// - Parameters:
    ///   - x: `[count, D]`, the known pixels.
    ///   - uniforms: One draw from `U(0, 1)` per pixel, `[count, D]`.
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

    /// Samples `count` vectors by ancestral sampling: `D` steps, one per pixel, in order (each a
    /// network pass, unless the model keeps what earlier steps computed: `completing(_:pixels:uniforms:)`).
    public func sample(count: Int, using rng: inout RandomGenerator) -> Tensor {
        let dimension = ordering.count
        return completing(Tensor(zeros: [count, dimension]), from: 0,
                          uniforms: Tensor(randomUniform: [count, dimension], using: &rng))
    }

    /// Keeps the pixels `ordering[..<position]` of each row of `x` and samples the rest from the
    /// model's conditionals, one step per remaining pixel. With `position: 0` this is sampling;
    /// with the top rows known, it completes images.
    /// - Parameters:
    ///   - x: The known pixels, `[count, D]` (pixels from `position` on are overwritten).
    ///   - uniforms: One draw from `U(0, 1)` per pixel, `[count, D]`.
    public func completing(_ x: Tensor, from position: Int, uniforms: Tensor) -> Tensor {
        completing(x, pixels: ordering[position...], uniforms: uniforms)
    }

    /// The default `completing(_:pixels:uniforms:)`: `completingByFullPasses`.
    public func completing<Pixels: Sequence<Int>>(_ x: Tensor, pixels: Pixels, uniforms: Tensor) -> Tensor {
        completingByFullPasses(x, pixels: pixels, uniforms: uniforms)
    }

    /// `completing(_:pixels:uniforms:)` by the definition: for every pixel, one network pass over
    /// the current rows (`pixelProbabilities`), of which one logit is used. `D` passes per image.
    public func completingByFullPasses<Pixels: Sequence<Int>>(_ x: Tensor, pixels: Pixels, uniforms: Tensor) -> Tensor {
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

    /// `completing(_:pixels:uniforms:)` with conditionals computed one pixel at a time:
    /// `conditionals(x, position)` starts them with the pixels `ordering[..<position]` of `x` known,
    /// at the position of the first pixel drawn. Draws the same images as `completingByFullPasses`
    /// from the same uniforms (up to a uniform that falls within rounding of its probability).
    func completing<Pixels: Sequence<Int>, Conditionals: IncrementalConditionals>(
        _ x: Tensor, pixels: Pixels, uniforms: Tensor, conditionals: (Tensor, Int) -> Conditionals) -> Tensor {
        let (count, dimension) = (x.shape[0], ordering.count)
        precondition(x.shape == [count, dimension] && uniforms.shape == x.shape,
                     "completing: x \(x.shape) and uniforms \(uniforms.shape) must both be [count, \(dimension)]")
        var result = x
        let u = uniforms.scalars
        var state: Conditionals?
        for pixel in pixels {
            // Started at the first pixel drawn, since `pixels` may be a progress bar that only yields its elements.
            var current = state ?? conditionals(x, ordering.firstIndex(of: pixel) ?? dimension)
            state = nil   // so that `current` holds its buffers alone, and `fix` updates them in place
            precondition(current.position < dimension && ordering[current.position] == pixel,
                         "completing: pixel \(pixel) drawn at step \(current.position), which the ordering gives to another pixel")
            let probabilities = sigmoid(current.logits()).scalars
            let values = (0..<count).map { row -> Float in u[row * dimension + pixel] < probabilities[row] ? 1 : 0 }
            result.withUnsafeMutableBufferPointer { scalars in
                for row in 0..<count { scalars[row * dimension + pixel] = values[row] }
            }
            current.fix(Tensor(values))
            state = current
        }
        return result
    }
}

/// An autoregressive model's conditionals over a batch computed one pixel at a time in the
/// model's ordering, keeping what earlier pixels computed, instead of one full pass per pixel.
///
/// At `position` `t`, the pixels `ordering[..<t]` of every row are fixed; `logits()` gives the logit
/// of pixel `ordering[t]` given them, and `fix(_:)` sets that pixel and moves to `t + 1`. Sampling
/// still takes `D` steps one after another; what it saves is arithmetic: a MADE's or a NADE's
/// `D` steps together cost the operations of one network pass, not `D` of them.
public protocol IncrementalConditionals {
    /// How many pixels of the ordering are fixed.
    var position: Int { get }
    /// The logit of pixel `ordering[position]` of every row, `[count]`: the value the full pass
    /// computes, given the fixed pixels.
    func logits() -> Tensor
    /// Sets pixel `ordering[position]` of every row to `values` (`[count]`, zeros and ones) and
    /// moves to the next position.
    mutating func fix(_ values: Tensor)
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
