import Foundation
import NeuralNetworks
import Probability

/// An energy-based model on points: a network `E_θ(x)` defines `p_θ(x) = exp(-E_θ(x)) / Z_θ`, with
/// score `∇_x log p_θ(x) = -∇_x E_θ(x)` (no `Z_θ` needed), trained by contrastive divergence with
/// negatives from short-run Langevin dynamics (Du and Mordatch, 2019; Nijkamp et al., 2019).
///
/// The log-likelihood gradient is `-E_data[∇_θ E_θ(x)] + E_model[∇_θ E_θ(x)]`, so each step minimises
///
/// `L = mean E_θ(x⁺) - mean E_θ(x⁻) + α (mean E_θ(x⁺)² + mean E_θ(x⁻)²)`,
///
/// with data `x⁺`, Langevin samples `x⁻` (held fixed), and a small penalty `α` that keeps energies
/// near 0. Negatives start from uniform noise on `box` (short-run) and take `langevinSteps` steps.
///
/// Shapes: points `[N, D]`, energies `[N]`.
public struct EnergyModel {
    /// The energy network `[N, D] -> [N, 1]`.
    public var network: Sequential<Dense>
    /// The optimizer; its state persists across steps.
    public let optimizer: any Optimizer
    /// The bounds of the uniform noise the negative chains start from.
    public let box: ClosedRange<Float>
    /// The Langevin step size of the negative chains.
    public var langevinStepSize: Double
    /// The number of Langevin steps of the negative chains.
    public var langevinSteps: Int
    /// The weight `α` of the energy penalty.
    public var regularization: Float
    /// The contrastive loss `mean E(x⁺) - mean E(x⁻)` of every step so far.
    public private(set) var contrasts: [Float] = []

    /// An energy MLP `D -> width -> ... -> 1` with SiLU, `depth` hidden layers.
    public init(dimension: Int = 2, depth: Int = 3, width: Int = 64, optimizer: any Optimizer, box: ClosedRange<Float>,
                langevinStepSize: Double = 0.01, langevinSteps: Int = 30, regularization: Float = 0.1,
                rng: inout RandomGenerator) {
        network = Sequential(layerSizes: [dimension] + Array(repeating: width, count: depth) + [1], activation: silu, rng: &rng)
        self.optimizer = optimizer
        self.box = box
        self.langevinStepSize = langevinStepSize
        self.langevinSteps = langevinSteps
        self.regularization = regularization
    }

    /// `E_θ(x)` for every row of `x`: `[N, D] -> [N]`.
    public func energy(_ x: Tensor) -> Tensor {
        network(x).reshaped(to: [x.shape[0]])
    }

    /// The model's score `-∇_x E_θ(x)`: `[N, D] -> [N, D]`.
    public func score(_ x: Tensor) -> Tensor {
        let network = self.network
        return -gradient(at: x) { x in network(x).sum() }
    }

    /// Short-run Langevin samples: `steps` steps of `x' = x - ε ∇E(x) + √(2ε) ξ` from `start` (`[N, D]`).
    public func langevinSamples(from start: Tensor, steps: Int, using rng: inout RandomGenerator) -> Tensor {
        LangevinDynamics(stepSize: langevinStepSize, score: score).run(from: start, steps: steps, using: &rng).samples
    }

    /// Uniform noise on `box`, `[count, D]`: where the negative chains start.
    public func noise(_ count: Int, dimension: Int = 2, using rng: inout RandomGenerator) -> Tensor {
        Tensor(randomUniform: [count, dimension], lowerBound: box.lowerBound, upperBound: box.upperBound, using: &rng)
    }

    /// One contrastive-divergence step on the data batch `positives` (`[N, D]`).
    @discardableResult
    public mutating func step(on positives: Tensor, using rng: inout RandomGenerator) -> Float {
        let negatives = langevinSamples(from: noise(positives.shape[0], dimension: positives.shape[1], using: &rng),
                                        steps: langevinSteps, using: &rng)
        let alpha = regularization
        let parameterGradient = gradient(at: network) { network -> Tensor in
            let positive = network(positives), negative = network(negatives)
            return positive.mean() - negative.mean() + alpha * ((positive * positive).mean() + (negative * negative).mean())
        }
        let contrast = energy(positives).mean().scalar - energy(negatives).mean().scalar
        optimizer.update(&network, along: parameterGradient)
        contrasts.append(contrast)
        return contrast
    }
}
