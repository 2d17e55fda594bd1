import Datasets
import Foundation
import GenerativeModels
import NeuralNetworks
import Tensors
import Testing

@Test func theUNetRecipeFeedsLesson4sBatchesAndLearningRates() throws {
    // The test split (10,000 images: 312 whole batches of 32 per epoch), over an epoch boundary.
    let data = try FashionMNIST.load(split: .test)
    let steps = 400
    var rng = RandomGenerator(seed: 1)
    let network = UNet(classCount: 10, baseChannels: 8, rng: &rng)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("recipe-\(getpid()).safetensors").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let initial = namedTensors(in: network).map(\.tensor.scalars)
    var rates: [Float] = [], labelCounts = [Int](repeating: 0, count: 10), reported: [Int] = []
    var firstEpochPixelSum = 0.0
    let averaged = try CourseModels.trainUNet(network, steps: steps, on: data, averageTo: path,
                                              progress: { done, total in #expect(total == steps); reported.append(done) }) { images, labels, rate in
        #expect(images.shape == [32, 1, 28, 28] && labels.count == 32)
        #expect(images.scalars.allSatisfy { (-1...1).contains($0) })
        if rates.count < 312 {
            for label in labels { labelCounts[label] += 1 }
            firstEpochPixelSum += images.scalars.reduce(0.0) { $0 + Double($1) }
        }
        rates.append(rate)
        return network
    }
    // The cosine from 2·10⁻³ to 10⁻⁴, in closed form.
    let expected = (0..<steps).map { 1e-4 + (2e-3 - 1e-4) * (1 + cos(Double.pi * Double($0) / Double(steps))) / 2 }
    #expect(rates.count == steps)
    #expect(zip(rates, expected).allSatisfy { abs(Double($0) - $1) < 1e-9 + 1e-6 * $1 })
    #expect(reported == Array(0...steps))
    // The first epoch sees 9,984 distinct images: every class 1,000 times, less the 16 left out.
    let missing = zip(labelCounts, Array(repeating: 1000, count: 10)).map { $1 - $0 }
    #expect(missing.allSatisfy { $0 >= 0 } && missing.reduce(0, +) == 16)
    // ... so its pixels, mapped to [-1, 1], sum to the whole split's less at most 16 images' worth.
    let allPixels = data.pixels.reduce(0.0) { $0 + Double(2 * $1 - 1) }
    #expect(abs(firstEpochPixelSum - allPixels) <= 16 * 784 + 1)
    // A step that never changes the network leaves its average where it started.
    let final = namedTensors(in: averaged).map(\.tensor.scalars)
    #expect(final.count == initial.count && final.count > 10)
    #expect(zip(final, initial).allSatisfy { a, b in a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($1)) } })
}

@Test func vaeFitLowersTheNegativeELBOAndReportsEveryStep() throws {
    let data = try FashionMNIST.load(split: .test)   // 10,000 images: 79 batches of 128, the last partial
    var rng = RandomGenerator(seed: 3)
    var vae = VAE(hiddenSizes: [64], latentSize: 4, likelihood: .bernoulli, rng: &rng)
    var reported: [Int] = []
    let losses = vae.fit(data, epochs: 1, seed: 5) { done, total in #expect(total == 79); reported.append(done) }
    #expect(losses.count == 79 && reported == Array(0...79))
    // Untrained, the decoder's logits are near 0: about 784 log 2 ≈ 543 nats per image. Training must go well below.
    #expect(losses[0] > 450)
    #expect(losses.suffix(10).reduce(0, +) / 10 < 0.7 * losses[0])
}
