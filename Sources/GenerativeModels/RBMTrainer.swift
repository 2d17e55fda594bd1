import Foundation
import Tensors

/// Trains an `RBM` by contrastive divergence (CD-k, Hinton 2002) or persistent contrastive
/// divergence (PCD, Tieleman 2008).
///
/// The log-likelihood gradient of an energy-based model is a difference of two expectations,
///
/// `∂ log p(v) / ∂W = E_data[v hᵀ] - E_model[v hᵀ]`,
///
/// the first with `h ~ p(h | v)` on the data (the positive phase), the second under the model (the
/// negative phase). CD-k estimates the model term with `k` Gibbs sweeps started at the data; PCD keeps
/// one set of "fantasy" chains alive across updates and advances them `k` sweeps per update. Updates
/// use the hidden probabilities instead of samples (lower variance) and SGD with momentum.
public struct RBMTrainer {
    /// How the negative phase is sampled.
    public enum Method: Sendable {
        /// `k` Gibbs sweeps from the batch.
        case contrastiveDivergence(steps: Int)
        /// `k` Gibbs sweeps of persistent chains.
        case persistent(steps: Int)
    }

    /// The model being trained.
    public var model: RBM
    /// CD-k or PCD.
    public let method: Method
    /// The SGD learning rate.
    public var learningRate: Float
    /// The momentum of the parameter updates.
    public var momentum: Float
    /// The persistent chains (PCD only), `[N, V]`.
    public private(set) var fantasies: Tensor?
    /// The mean squared reconstruction error of every batch (a rough progress signal, not the objective).
    public private(set) var reconstructionErrors: [Float] = []
    private var velocities: [Tensor]

    /// Creates a trainer; `momentum` is the weight of the previous update.
    public init(model: RBM, method: Method, learningRate: Float = 0.05, momentum: Float = 0.5) {
        self.model = model
        self.method = method
        self.learningRate = learningRate
        self.momentum = momentum
        velocities = [Tensor(zeros: model.weight.shape), Tensor(zeros: model.visibleBias.shape),
                      Tensor(zeros: model.hiddenBias.shape)]
    }

    /// One update on a batch of binary rows `[N, V]`.
    public mutating func step(on batch: Tensor, using rng: inout RandomGenerator) {
        let count = Float(batch.shape[0])
        let positiveHidden = model.hiddenProbabilities(batch)
        var negative: Tensor
        switch method {
        case .contrastiveDivergence(let steps):
            negative = batch
            for _ in 0..<steps { negative = model.gibbsStep(negative, using: &rng).visible }
        case .persistent(let steps):
            negative = fantasies ?? batch
            for _ in 0..<steps { negative = model.gibbsStep(negative, using: &rng).visible }
            fantasies = negative
        }
        let negativeHidden = model.hiddenProbabilities(negative)
        let gradients = [
            (matmul(batch, positiveHidden, transposeA: true) - matmul(negative, negativeHidden, transposeA: true)) / count,
            (batch - negative).mean(axis: 0),
            (positiveHidden - negativeHidden).mean(axis: 0),
        ]
        for index in velocities.indices {
            velocities[index] = momentum * velocities[index] + learningRate * gradients[index]
        }
        model.weight = model.weight + velocities[0]
        model.visibleBias = model.visibleBias + velocities[1]
        model.hiddenBias = model.hiddenBias + velocities[2]
        let reconstruction = model.visibleProbabilities(positiveHidden)
        reconstructionErrors.append(((reconstruction - batch) * (reconstruction - batch)).mean().scalar)
    }
}
