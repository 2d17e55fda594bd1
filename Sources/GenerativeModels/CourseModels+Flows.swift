import Datasets
import Foundation
import NeuralNetworks
import Tensors

/// Lesson 5b's coupling flow on Fashion-MNIST: one recipe, which lesson 5b calls and lesson 9
/// calls too when the checkpoint is missing.
extension CourseModels {
    /// The pre-processing of lesson 5b's flow: dequantise the 8-bit pixels, then map them to logits.
    public static let flowPreprocessing = LogitDequantization(boundary: 0.05)

    /// Lesson 5b's coupling flow trained from `flow` as lesson 5b trains it: `couplingFlow`'s steps
    /// of 64 images of `data` (batch order seed 5, the last partial batch dropped), each batch freshly
    /// dequantised with `rng` and mapped to logits by `flowPreprocessing`, Adam on the negative
    /// log-likelihood with a learning rate along a cosine from 10⁻³ to 10⁻⁵; saved as `couplingFlow`.
    /// - Returns: the trained flow and each step's training loss in bits per dimension (the
    ///   pre-processing's log-determinant included).
    public static func trainCouplingFlow(_ flow: CouplingFlow<StandardNormalBase>, on data: FashionMNIST,
                                         using rng: inout RandomGenerator, progress: TrainingProgress = { _, _ in })
        throws -> (model: CouplingFlow<StandardNormalBase>, bitsPerDimension: [Double]) {
        let steps = couplingFlow.trainingSteps
        let optimizer = Adam(learningRate: 1e-3), rate = CosineDecay(initial: 1e-3, final: 1e-5, steps: steps)
        let batches = MiniBatches(count: data.count, batchSize: couplingFlow.batchSize, dropsLastPartialBatch: true, seed: 5)
        var trained = flow
        var bits: [Double] = []
        progress(0, steps)
        for (step, batch) in batches.epoch(0).prefix(steps).enumerated() {
            let logits = flowPreprocessing.logits(of: flowPreprocessing.dequantized(data.images(batch), using: &rng))
            optimizer.learningRate = rate(step)
            let (loss, gradient) = valueWithGradient(at: trained) { $0.negativeLogLikelihood(logits.values) }
            optimizer.update(&trained, along: gradient)
            bits.append(flowPreprocessing.bitsPerDimension(flowLogLikelihood: Tensor([-loss.scalar]),
                                                           logDeterminant: logits.logDeterminant.mean().reshaped(to: [1]),
                                                           dimension: 784))
            progress(step + 1, steps)
        }
        try Checkpoint.save(trained, to: couplingFlow.path)
        return (trained, bits)
    }

    /// Lesson 5b's coupling flow (8 layers, width 256), loaded; when its checkpoint is absent,
    /// trained with `trainCouplingFlow` from seed 5 and saved.
    public static func loadOrTrainCouplingFlow(progress: TrainingProgress = { _, _ in }) throws -> CouplingFlow<StandardNormalBase> {
        var rng = RandomGenerator(seed: 5)
        return try loadOrTrain(CouplingFlow(dimension: 784, layerCount: 8, width: 256, rng: &rng), from: couplingFlow) {
            try trainCouplingFlow($0, on: try FashionMNIST.load(split: .train), using: &rng, progress: progress).model
        }
    }
}

/// Flow matching's likelihood of the test images: computed by lesson 5b, read by lesson 9.
extension CourseModels {
    /// The bits per dimension of the first `count` test images under lesson 5b's flow-matching U-Net
    /// (`velocity`, saved as `flowMatchingUNet`), unconditional, `steps` midpoint steps, one
    /// dequantisation and one Rademacher probe per image drawn from seed 12
    /// (`FlowMatchingSampler.bitsPerDimension`). The same seed gives the same draws at every step
    /// count, so two step counts differ by the solver only. Minutes of work, so the values are kept
    /// (`MeasurementCache`): the first page to ask computes them, every later one reads them.
    /// - Parameters:
    ///   - saved: The checkpoint `velocity` was loaded from or saved to: its bytes key the kept values.
    ///   - reporting: Wraps the batches with a label (a lesson's progress bar); called only when computing.
    public static func flowMatchingTestBits(_ velocity: UNet, saved: Saved = flowMatchingUNet, test: FashionMNIST, steps: Int,
                                            count: Int,
                                            reporting: ([Range<Int>], String) -> any Sequence<Range<Int>> = { batches, _ in batches })
        throws -> BitsPerDimension {
        let name = "flow-matching bits per dimension, \(steps) midpoint steps, first \(count) test images, seed 12"
        return BitsPerDimension(perImage: try MeasurementCache().values(named: name, checkpoint: saved.path) {
            var rng = RandomGenerator(seed: 12)
            let images = test.images(0..<count, layout: .channels, range: -1...1)
            return FlowMatchingSampler(model: velocity).bitsPerDimension(of: images, stepCount: steps, using: &rng,
                                                                         reporting: reporting).perImage
        })
    }
}
