import Datasets
import NeuralNetworks
import Tensors

extension VAE {
    /// Trains the VAE as lesson 3 does: `epochs` passes over `data`'s images (flattened, pixels in
    /// [0, 1]) in batches of 128 reshuffled every epoch from `seed`, the reparameterisation noise
    /// drawn from `seed + 1`, Adam with learning rate 10⁻³ on the loss `−log p(x | z) + β KL`.
    /// - Returns: the loss (nats per image, averaged over the batch) of every step.
    public mutating func fit(_ data: FashionMNIST, epochs: Int, beta: Float = 1, seed: UInt64,
                             progress: TrainingProgress = { _, _ in }) -> [Float] {
        let optimizer = Adam(learningRate: 1e-3)
        let batches = MiniBatches(count: data.count, batchSize: 128, seed: seed)
        var noiseRNG = RandomGenerator(seed: seed + 1)
        var losses: [Float] = []
        let total = epochs * batches.batchesPerEpoch
        progress(0, total)
        for epoch in 0..<epochs {
            for indices in batches.epoch(epoch) {
                let images = data.images(indices)
                let epsilon = Tensor(randomNormal: [indices.count, latentSize], using: &noiseRNG)
                let (loss, gradient) = valueWithGradient(at: self) { model in model.loss(images, noise: epsilon, beta: beta) }
                optimizer.update(&self, along: gradient)
                losses.append(loss.scalar)
                progress(losses.count, total)
            }
        }
        return losses
    }
}
