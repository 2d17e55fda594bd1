import Foundation
import Probability
import Tensors

/// The pixels a grey-level pixel is conditioned on: offsets `(row, column)` to pixels that come
/// before it in raster order (rows above, or the same row to the left).
public struct CausalNeighbourhood: Sendable {
    /// The offsets, each `[rowOffset, columnOffset]`.
    public let offsets: [[Int]]

    /// Creates a neighbourhood.
    /// - Precondition: every offset points to an earlier pixel in raster order.
    public init(offsets: [[Int]]) {
        precondition(offsets.allSatisfy { $0.count == 2 && ($0[0] < 0 || ($0[0] == 0 && $0[1] < 0)) },
                     "CausalNeighbourhood: offsets \(offsets) must point above, or left on the same row")
        self.offsets = offsets
    }

    /// Twelve pixels: two rows above, five wide, and two to the left.
    public static let standard = CausalNeighbourhood(offsets: [
        [-2, -2], [-2, -1], [-2, 0], [-2, 1], [-2, 2], [-1, -2], [-1, -1], [-1, 0], [-1, 1], [-1, 2],
        [0, -2], [0, -1],
    ])

    /// The context of pixel `(row, column)` of a `height × width` image stored row by row; pixels
    /// outside the image count as 0 (black, the background of Fashion-MNIST).
    public func context(of image: ArraySlice<Double>, row: Int, column: Int, height: Int, width: Int) -> [Double] {
        offsets.map { offset in
            let (r, c) = (row + offset[0], column + offset[1])
            return r >= 0 && r < height && c >= 0 && c < width ? image[image.startIndex + r * width + c] : 0
        }
    }
}

/// A model of grey-level images, one pixel at a time in raster order, each pixel given its causal
/// neighbourhood by a `ConditionalGaussianMixture`: `log p(y) = Σ_i log p(y_i | context_i)`.
///
/// It works on dequantised intensities `y = (byte + u) / 256`, `u ~ U(0, 1)`, a density on
/// `[0, 1]^d`; `bitsPerDimension` reports `-log₂ p(y) / d + 8`, the rate on the 256-level scale.
public struct ConditionalMixtureImageModel: Sendable {
    /// The pixels each pixel is conditioned on.
    public let neighbourhood: CausalNeighbourhood
    /// `p(pixel | context)`.
    public let mixture: ConditionalGaussianMixture
    /// How many `(context, pixel)` vectors the mixture was fitted to.
    public let trainingVectorCount: Int
    /// The image size.
    public let height: Int, width: Int

    /// The number of mixture components.
    public var componentCount: Int { mixture.componentCount }

    /// A model from a joint mixture over `(context, pixel)`, the pixel last (fitted, for instance,
    /// by EM to `trainingVectors`).
    public init(joint: GaussianMixture, neighbourhood: CausalNeighbourhood, trainingVectorCount: Int,
                height: Int = 28, width: Int = 28) {
        precondition(joint.dimension == neighbourhood.offsets.count + 1,
                     "ConditionalMixtureImageModel: mixture of dimension \(joint.dimension) for \(neighbourhood.offsets.count) neighbours")
        self.neighbourhood = neighbourhood
        mixture = ConditionalGaussianMixture(joint: joint)
        self.trainingVectorCount = trainingVectorCount
        (self.height, self.width) = (height, width)
    }

    /// The vectors `(context..., pixel)` of `pixelsPerImage` random pixels of each of the first
    /// `imageCount` images, dequantised, to fit the joint mixture to.
    /// - Parameter images: Intensities `byte / 255` in `[0, 1]`, image after image, row by row.
    public static func trainingVectors(images: [Float], imageCount: Int, height: Int = 28, width: Int = 28,
                                       neighbourhood: CausalNeighbourhood, pixelsPerImage: Int,
                                       using rng: inout RandomGenerator) -> [[Double]] {
        let size = height * width
        var vectors: [[Double]] = []
        for index in 0..<imageCount {
            let image = dequantized(images[(index * size)..<((index + 1) * size)], using: &rng)
            for _ in 0..<pixelsPerImage {
                let pixel = rng.nextInt(below: size)
                let context = neighbourhood.context(of: image[...], row: pixel / width, column: pixel % width, height: height, width: width)
                vectors.append(context + [image[pixel]])
            }
        }
        return vectors
    }

    /// `log p(y)` of one dequantised image (`height * width` values in `[0, 1]`), in nats.
    public func logDensity(_ image: [Double]) -> Double {
        (0..<(height * width)).reduce(0) { total, pixel in
            let context = neighbourhood.context(of: image[...], row: pixel / width, column: pixel % width, height: height, width: width)
            return total + mixture.logDensity(image[pixel], given: context)
        }
    }

    /// The mean over the first `imageCount` images of `-log₂ p(y) / d + 8`, each image dequantised
    /// with fresh uniform noise from `rng`.
    public func bitsPerDimension(images: [Float], imageCount: Int, using rng: inout RandomGenerator) -> Double {
        let size = height * width
        var total = 0.0
        for index in 0..<imageCount {
            total += logDensity(Self.dequantized(images[(index * size)..<((index + 1) * size)], using: &rng))
        }
        let natsPerDimension = -total / Double(imageCount * size)
        return natsPerDimension / log(2.0) + 8
    }

    /// `(byte + u) / 256` for intensities `byte / 255`.
    static func dequantized(_ image: ArraySlice<Float>, using rng: inout RandomGenerator) -> [Double] {
        image.map { ((Double($0) * 255).rounded() + rng.nextUniform()) / 256 }
    }
}
