import Datasets
import NeuralNetworks
import Tensors

extension AutoregressiveModel {
    /// Trains the model by maximum likelihood as lesson 6 does: `steps` steps of Adam at
    /// `learningRate` on the mean negative log-likelihood of `batchSize` rows of `images`, the rows
    /// in the order `MiniBatches(seed:)` gives, epoch after epoch until `steps` batches are seen.
    ///
    /// `prepare(model, step, rows)` may change the model before each step: condition a PixelCNN on
    /// the batch's classes, switch a MADE to another ordering.
    /// - Parameter images: Binary images, flattened, `[count, D]`.
    /// - Returns: the loss (nats per image) of every step.
    @discardableResult
    public mutating func fit(on images: Tensor, steps: Int, batchSize: Int = 100, learningRate: Float = 1e-3,
                             seed: UInt64, progress: TrainingProgress = { _, _ in },
                             prepare: (Self, _ step: Int, _ rows: [Int]) -> Self = { model, _, _ in model }) -> [Float] {
        precondition(images.rank == 2, "fit: images \(images.shape) must be [count, D]")
        let optimizer = Adam(learningRate: learningRate)
        let batches = MiniBatches(count: images.shape[0], batchSize: batchSize, seed: seed)
        var losses: [Float] = []
        progress(0, steps)
        for rows in batches.first(steps) {
            self = prepare(self, losses.count, rows)
            let batch = images.gathering(rows: rows)
            let (loss, gradient) = negativeLogLikelihoodWithGradient(batch)
            optimizer.update(&self, along: gradient)
            losses.append(loss.scalar)
            progress(losses.count, steps)
        }
        return losses
    }
}
