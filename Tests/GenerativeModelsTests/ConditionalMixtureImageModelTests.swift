import Foundation
import GenerativeModels
import Probability
import Tensors
import Testing

@Test func causalContextReadsEarlierPixelsAndPadsWithZero() {
    let image: [Double] = [1, 2, 3,
                           4, 5, 6,
                           7, 8, 9]
    let neighbourhood = CausalNeighbourhood(offsets: [[-1, -1], [-1, 0], [-1, 1], [0, -1]])
    #expect(neighbourhood.context(of: image[...], row: 1, column: 1, height: 3, width: 3) == [1, 2, 3, 4])
    #expect(neighbourhood.context(of: image[...], row: 2, column: 0, height: 3, width: 3) == [0, 4, 5, 0])
    #expect(neighbourhood.context(of: image[...], row: 0, column: 2, height: 3, width: 3) == [0, 0, 0, 2])
}

/// On images whose pixels are independent uniform bytes, the best density is uniform on `[0, 1]`:
/// 8 bits per dimension. A fitted model must come close, from above (Gaussians cannot be flat).
@Test func independentUniformPixelsCostAboutEightBits() {
    var rng = RandomGenerator(seed: 5)
    let images = (0..<(200 * 16)).map { _ in Float(rng.nextInt(below: 256)) / 255 }
    let neighbourhood = CausalNeighbourhood(offsets: [[0, -1]])
    var rng2 = RandomGenerator(seed: 6)
    let vectors = ConditionalMixtureImageModel.trainingVectors(images: images, imageCount: 150, height: 4, width: 4,
                                                               neighbourhood: neighbourhood, pixelsPerImage: 16, using: &rng2)
    let start = GaussianMixture.kMeansInitialization(vectors, componentCount: 3, covarianceType: .full, using: &rng2)
    let model = ConditionalMixtureImageModel(joint: start.fitted(to: vectors, maxIterations: 30).model, neighbourhood: neighbourhood,
                                             trainingVectorCount: vectors.count, height: 4, width: 4)
    var evaluationRNG = RandomGenerator(seed: 7)
    let bits = model.bitsPerDimension(images: Array(images[(150 * 16)...]), imageCount: 50, using: &evaluationRNG)
    #expect(bits > 7.9 && bits < 8.3, "\(bits) bits/dim")
}
