import Foundation
import Probability

/// Negative log-likelihoods of images, or bounds on them, in bits per dimension: one value per
/// image, their mean, and the standard error of the mean.
///
/// `bits(x) = -log p(x) / (D ln 2)` for an image `x` of `D` pixels; 8 bits per dimension is what
/// storing 8-bit pixels raw costs.
public struct BitsPerDimension: Sendable {
    /// One value per image, in bits per dimension.
    public let perImage: [Double]

    /// Wraps the values of at least two images.
    public init(perImage: [Double]) {
        precondition(perImage.count >= 2, "BitsPerDimension: need at least 2 images, got \(perImage.count)")
        self.perImage = perImage
    }

    /// Converts `-log p(x)` in nats per image to bits per dimension, `nats / (D ln 2)`.
    public init(natsPerImage: [Double], dimension: Int) {
        precondition(dimension > 0, "BitsPerDimension: dimension \(dimension) must be positive")
        self.init(perImage: natsPerImage.map { $0 / (Double(dimension) * log(2)) })
    }

    /// The mean over the images.
    public var mean: Double { Probability.mean(perImage) }

    /// `sd / √N` (unbiased variance): the noise of `mean` as an estimate over test images, which
    /// includes every random draw made per image (dequantisation, probes, timesteps).
    public var standardError: Double { (variance(perImage, ddof: 1) / Double(perImage.count)).squareRoot() }
}
