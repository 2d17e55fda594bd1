import Foundation
import Tensors

/// RealNVP's pre-processing of 8-bit images for a continuous flow (Dinh et al., 2017, §4.1), and
/// the flow's likelihood in bits per dimension.
///
/// A pixel with grey level `k ∈ {0, …, 255}` is **dequantised** to `x = (k + u) / 256`, `u ~ U[0, 1)`,
/// so that a density on `[0, 1]^D` can be compared with a discrete model: for any density `p_X`,
/// `E_u[log p_X(x)] - D log 256 ≤ log P(k)` (Theis et al., 2016). It is then moved away from 0 and 1
/// and mapped to the real line by the **logit**,
///
/// `y = logit(p)`, `p = α + (1 - 2α) x`,  `log |dy/dx| = log(1 - 2α) - log p - log(1 - p)` per pixel,
///
/// where the flow models `y`. With `log p_X(x) = log p_Y(y) + log |det ∂y/∂x|`, the bits per
/// dimension of the 8-bit image are `-(log p_X(x) - D log 256) / (D ln 2) = 8 - log p_X(x) / (D ln 2)`.
/// ```swift
/// let logits = LogitDequantization().logits(of: preprocessing.dequantized(pixels, using: &rng))
/// let bits = preprocessing.bitsPerDimension(flowLogLikelihood: flow.logLikelihood(logits.values),
///                                           logDeterminant: logits.logDeterminant)
/// ```
public struct LogitDequantization: Sendable {
    /// `α`: the logit sees `p` in `[α, 1 - α]`, never 0 or 1 (RealNVP uses 0.05).
    public let boundary: Double
    /// The number of grey levels of the data, 256 for 8-bit images.
    public let levels: Int

    /// Creates the pre-processing.
    /// - Precondition: `0 < boundary < 0.5`, `levels >= 2`.
    public init(boundary: Double = 0.05, levels: Int = 256) {
        precondition(boundary > 0 && boundary < 0.5 && levels >= 2, "LogitDequantization: boundary \(boundary), levels \(levels)")
        self.boundary = boundary
        self.levels = levels
    }

    /// Dequantised pixels `x = (k + u) / levels` in `[0, 1)`, the shape of `pixels`, where
    /// `pixels` holds `k / (levels - 1)` in `[0, 1]` (as `FashionMNIST` stores them).
    public func dequantized(_ pixels: Tensor, using rng: inout RandomGenerator) -> Tensor {
        let top = Float(levels - 1), count = Float(levels)
        let noise = Tensor(randomUniform: pixels.shape, using: &rng).scalars
        let values = zip(pixels.scalars, noise).map { pixel, u in ((pixel * top).rounded() + u) / count }
        return Tensor(shape: pixels.shape, scalars: values)
    }

    /// `y = logit(α + (1 - 2α) x)` of each value of `x` (`[N, D]`, values in `[0, 1]`), with
    /// `log |det ∂y/∂x|` of each row, `[N]`.
    public func logits(of x: Tensor) -> FlowState {
        precondition(x.rank == 2, "LogitDequantization.logits: points \(x.shape) must be [N, D]")
        let alpha = boundary, width = x.shape[1]
        let squeezed = x.scalars.map { alpha + (1 - 2 * alpha) * Double($0) }
        let values = squeezed.map { Float(Foundation.log($0 / (1 - $0))) }
        let logSlope = Foundation.log(1 - 2 * alpha)
        let logDeterminants = (0..<x.shape[0]).map { row in
            Float(squeezed[(row * width)..<((row + 1) * width)].reduce(0.0) { sum, p in
                sum + logSlope - Foundation.log(p) - Foundation.log(1 - p)
            })
        }
        return FlowState(values: Tensor(shape: x.shape, scalars: values), logDeterminant: Tensor(shape: [x.shape[0]], scalars: logDeterminants))
    }

    /// The inverse map, `x = (sigmoid(y) - α) / (1 - 2α)`, clamped to `[0, 1]`: samples of the flow
    /// back as pixels, the shape of `logits`.
    public func pixels(fromLogits logits: Tensor) -> Tensor {
        let alpha = Float(boundary)
        let values = sigmoid(logits).scalars.map { Swift.min(Swift.max(($0 - alpha) / (1 - 2 * alpha), 0), 1) }
        return Tensor(shape: logits.shape, scalars: values)
    }

    /// The mean bits per dimension of 8-bit images whose dequantised logits have log-likelihood
    /// `flowLogLikelihood` (nats, `[N]`) under the flow and pre-processing log-determinants
    /// `logDeterminant` (`[N]`, from `logits(of:)`), for images of `dimension` pixels:
    /// `mean_i [log2(levels) - (log p_Y(y_i) + log |det ∂y/∂x|_i) / (D ln 2)]`.
    public func bitsPerDimension(flowLogLikelihood: Tensor, logDeterminant: Tensor, dimension: Int) -> Double {
        let perImage = bitsPerImage(flowLogLikelihood: flowLogLikelihood, logDeterminant: logDeterminant, dimension: dimension)
        return perImage.reduce(0, +) / Double(Swift.max(perImage.count, 1))
    }

    /// The same, image by image, with the standard error of their mean: at least two images.
    public func perImageBits(flowLogLikelihood: Tensor, logDeterminant: Tensor, dimension: Int) -> BitsPerDimension {
        BitsPerDimension(perImage: bitsPerImage(flowLogLikelihood: flowLogLikelihood, logDeterminant: logDeterminant, dimension: dimension))
    }

    /// `log2(levels) - (log p_Y(y_i) + log |det ∂y/∂x|_i) / (D ln 2)` for each image.
    private func bitsPerImage(flowLogLikelihood: Tensor, logDeterminant: Tensor, dimension: Int) -> [Double] {
        precondition(flowLogLikelihood.shape == logDeterminant.shape,
                     "bitsPerDimension: likelihoods \(flowLogLikelihood.shape), log-determinants \(logDeterminant.shape)")
        return zip(flowLogLikelihood.scalars, logDeterminant.scalars).map { logDensity, logDeterminant in
            Foundation.log2(Double(levels)) - (Double(logDensity) + Double(logDeterminant)) / (Double(dimension) * Foundation.log(2))
        }
    }
}
