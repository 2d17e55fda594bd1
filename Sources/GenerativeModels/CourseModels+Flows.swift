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
