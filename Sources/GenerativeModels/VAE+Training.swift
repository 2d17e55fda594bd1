import Datasets
import NeuralNetworks
import Tensors

extension VAE {
    /// Trains the VAE as lesson 3 does: `epochs` passes over `data`'s images (flattened, pixels in
    /// [0, 1]) in batches of 128 reshuffled every epoch from `seed`, the reparameterisation noise
    /// drawn from `seed + 1`, Adam with learning rate 10⁻³ on the loss `−log p(x | z) + β KL`.
    /// `afterStep(stepsTaken, model)` is called after every step with the model as it then is.
    /// - Returns: the loss (nats per image, averaged over the batch) of every step.
    public mutating func fit(_ data: FashionMNIST, epochs: Int, beta: Float = 1, seed: UInt64,
                             progress: TrainingProgress = { _, _ in }, afterStep: (Int, VAE) -> Void = { _, _ in }) -> [Float] {
        let optimizer = Adam(learningRate: 1e-3)
        var stepsTaken = 0
        return lesson3TrainingLoop(data, epochs: epochs, latentSize: latentSize, seed: seed, progress: progress) { indices, epsilon in
            let images = data.images(indices)
            let (loss, gradient) = valueWithGradient(at: self) { model in model.loss(images, noise: epsilon, beta: beta) }
            optimizer.update(&self, along: gradient)
            stepsTaken += 1
            afterStep(stepsTaken, self)
            return loss.scalar
        }
    }
}

/// Lesson 3's training loop, shared by `VAE.fit` and `ConditionalVAE.fit`: `epochs` passes over
/// `data` in batches of 128 rows reshuffled every epoch from `seed`, with reparameterisation noise
/// `[rows, latentSize]` drawn from `seed + 1`; `step(rows, noise)` takes one optimizer step and
/// returns its loss. Returns every step's loss.
func lesson3TrainingLoop(_ data: FashionMNIST, epochs: Int, latentSize: Int, seed: UInt64, progress: TrainingProgress,
                         step: (_ rows: [Int], _ noise: Tensor) -> Float) -> [Float] {
    let batches = MiniBatches(count: data.count, batchSize: 128, seed: seed)
    var noiseRNG = RandomGenerator(seed: seed + 1)
    var losses: [Float] = []
    let total = epochs * batches.batchesPerEpoch
    progress(0, total)
    for epoch in 0..<epochs {
        for indices in batches.epoch(epoch) {
            let epsilon = Tensor(randomNormal: [indices.count, latentSize], using: &noiseRNG)
            losses.append(step(indices, epsilon))
            progress(losses.count, total)
        }
    }
    return losses
}
