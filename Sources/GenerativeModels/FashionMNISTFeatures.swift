import Datasets
import Foundation
import Metrics
import NeuralNetworks
import Tensors

/// Measures how close generated Fashion-MNIST images are to real ones, in the feature space of a
/// small classifier (`FeatureClassifier`) trained on the training set.
///
/// ```swift
/// let features = try FashionMNISTFeatures.loadOrTrain()
/// let quality = features.quality(generated: samples, count: 1000)
/// print(quality.frechetDistance, "floor", quality.frechetFloor)
/// ```
/// The classifier's weights are a checkpoint (`Checkpoints/fashion-mnist-features.safetensors`),
/// trained by this code when the file is absent, so every lesson measures with the same network.
public struct FashionMNISTFeatures {
    /// Where the classifier's weights are kept, relative to the package root.
    public static let defaultCheckpoint = "Checkpoints/fashion-mnist-features.safetensors"

    /// The trained classifier whose penultimate layer gives the features.
    public let classifier: FeatureClassifier
    /// The classifier's accuracy on the test set, to show that its features mean something.
    public let testAccuracy: Double
    private let test: FashionMNIST
    private let train: FashionMNIST
    private let realFeatures = RealFeatureCache()

    /// Loads the classifier from `checkpoint`, or trains it (3 epochs of Adam, seeded, about half
    /// a minute on two cores) and saves it there.
    /// - Parameters:
    ///   - train: The training split, if the caller has loaded it already; read from disk otherwise.
    ///   - test: The test split, likewise.
    /// - Throws: `DatasetError` when Fashion-MNIST is missing, `CheckpointError` for a bad file.
    public static func loadOrTrain(checkpoint: String = defaultCheckpoint, train: FashionMNIST? = nil,
                                   test: FashionMNIST? = nil) throws -> FashionMNISTFeatures {
        let train = try train ?? FashionMNIST.load(split: .train)
        let test = try test ?? FashionMNIST.load(split: .test)
        var rng = RandomGenerator(seed: 784)
        var classifier = FeatureClassifier(rng: &rng)
        if FileManager.default.fileExists(atPath: checkpoint) {
            try Checkpoint.load(into: &classifier, from: checkpoint)
        } else {
            classifier = trained(classifier, on: train)
            try FileManager.default.createDirectory(atPath: (checkpoint as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try Checkpoint.save(classifier, to: checkpoint)
        }
        return FashionMNISTFeatures(classifier: classifier, testAccuracy: accuracy(of: classifier, test.pixels, labels: test.labels),
                                    test: test, train: train)
    }

    private static func trained(_ start: FeatureClassifier, on train: FashionMNIST) -> FeatureClassifier {
        var classifier = start
        let optimizer = Adam(learningRate: 1e-3)
        let batches = MiniBatches(count: train.count, batchSize: 128, seed: 785)
        for epoch in 0..<3 {
            for indices in batches.epoch(epoch) {
                let batch = train.batch(indices)
                let images = Tensor(shape: [batch.count, 784], scalars: batch.pixels)
                let gradient = Tensors.gradient(at: classifier) { model in
                    softmaxCrossEntropy(logits: model(images), labels: batch.labels)
                }
                optimizer.update(&classifier, along: gradient)
            }
        }
        return classifier
    }

    /// The share of images (`labels.count × 784` pixels in [0, 1]) that the classifier assigns to
    /// their label: for generated images, how often a sample drawn for a class looks like that class.
    public func classAccuracy(_ pixels: [Float], labels: [Int]) -> Double {
        Self.accuracy(of: classifier, pixels, labels: labels)
    }

    private static func accuracy(of classifier: FeatureClassifier, _ pixels: [Float], labels: [Int]) -> Double {
        precondition(pixels.count == labels.count * 784, "classAccuracy: \(pixels.count) pixels for \(labels.count) labels")
        let logits = classifier(Tensor(shape: [labels.count, 784], scalars: pixels)).scalars
        let correct = labels.indices.filter { row in
            let scores = logits[(row * 10)..<(row * 10 + 10)]
            return scores.indices.max { scores[$0] < scores[$1] } == row * 10 + labels[row]
        }.count
        return Double(correct) / Double(labels.count)
    }

    /// The features of `count` images given as `pixels` (`count × 784` values in [0, 1]).
    public func features(_ pixels: [Float], count: Int) -> [[Double]] {
        precondition(pixels.count == count * 784, "features: \(pixels.count) pixels for \(count) images of 784")
        let values = classifier.features(Tensor(shape: [count, 784], scalars: pixels)).scalars
        return (0..<count).map { row in values[(row * 64)..<(row * 64 + 64)].map(Double.init) }
    }

    /// Compares `count` generated images with the first `count` test images: Fréchet distance,
    /// precision and recall (k = 3, Kynkäänniemi et al. 2019), density and coverage (k = 5,
    /// Naeem et al. 2020), and the Fréchet floor, the distance between `count` real test images
    /// and `count` real training images: no generator can be expected to do better.
    public func quality(generated pixels: [Float], count: Int) -> SampleQuality {
        precondition(count <= test.count, "quality: \(count) images, the test set has \(test.count)")
        let generated = features(pixels, count: count)
        let reference = realFeatures.reference(count: count) {
            let real = features(Array(test.pixels.prefix(count * 784)), count: count)
            let realTraining = features(Array(train.pixels.prefix(count * 784)), count: count)
            return (real, frechetDistance(features: real, realTraining), NeighbourBalls(real, ks: [3, 5]))
        }
        let measured = PrecisionRecall.measured(real: reference.balls, generated: generated)
        let (precisionRecall, densityCoverage) = (measured[0], measured[1])
        return SampleQuality(frechetDistance: frechetDistance(features: reference.features, generated),
                             frechetFloor: reference.floor,
                             precision: precisionRecall.precision, recall: precisionRecall.recall,
                             density: densityCoverage.density, coverage: densityCoverage.coverage)
    }

    /// The course's evaluation of a model: `count` images drawn from `source` (or read from the
    /// sample cache, see `SampleSource`) measured by `quality(generated:count:)`. Every lesson
    /// measures through here, so the same source and count give the same numbers on every page.
    /// - Parameter reporting: Wraps the batches to draw with a label, e.g. `{ progress($0, label: $1) }`.
    public func quality(of source: SampleSource, count: Int,
                        reporting: ([Range<Int>], String) -> any Sequence<Range<Int>> = { batches, _ in batches })
        throws -> SampleQuality {
        quality(generated: try source.pixels(count: count, reporting: reporting), count: count)
    }
}

/// The features of the real images, the Fréchet floor and the real images' k-nearest-neighbour balls
/// (k = 3 and 5) for each count measured so far: the same for every model, so computed once per count.
private final class RealFeatureCache {
    typealias Reference = (features: [[Double]], floor: Double, balls: NeighbourBalls)
    private var references: [Int: Reference] = [:]

    func reference(count: Int, compute: () -> Reference) -> Reference {
        if let known = references[count] { return known }
        let computed = compute()
        references[count] = computed
        return computed
    }
}

/// Sample-quality numbers of a set of generated images against real ones.
public struct SampleQuality: Sendable, CustomStringConvertible {
    /// Fréchet distance between Gaussians fitted to real and generated features (lower is better).
    public let frechetDistance: Double
    /// The same distance between two sets of real images: the floor for `frechetDistance`.
    public let frechetFloor: Double
    /// Share of generated images inside the real images' k-NN manifold (quality).
    public let precision: Double
    /// Share of real images inside the generated images' k-NN manifold (diversity).
    public let recall: Double
    /// Naeem et al.'s density (about 1 for a generator matching the data).
    public let density: Double
    /// Share of real images with a generated image among their k nearest neighbours.
    public let coverage: Double

    /// Collects the numbers; see the properties.
    public init(frechetDistance: Double, frechetFloor: Double, precision: Double, recall: Double, density: Double,
                coverage: Double) {
        (self.frechetDistance, self.frechetFloor, self.precision, self.recall, self.density, self.coverage) =
            (frechetDistance, frechetFloor, precision, recall, density, coverage)
    }

    /// The harmonic mean of precision and recall, `F1 = 2 P R / (P + R)` (0 when both are 0).
    public var f1: Double {
        precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
    }

    /// The column names of `tableCells`, as the lessons' tables head them.
    public static let tableHeader = ["Fréchet distance", "floor (real vs real)", "precision", "recall", "F1", "density", "coverage"]

    /// The seven numbers as table cells, as every lesson prints them: the two distances with two
    /// decimals, the five shares with three.
    public var tableCells: [String] {
        [frechetDistance, frechetFloor].map { String(format: "%.2f", $0) }
            + [precision, recall, f1, density, coverage].map { String(format: "%.3f", $0) }
    }

    public var description: String {
        String(format: "Fréchet distance %.2f (floor %.2f), precision %.3f, recall %.3f, F1 %.3f, density %.3f, coverage %.3f",
               frechetDistance, frechetFloor, precision, recall, f1, density, coverage)
    }
}
