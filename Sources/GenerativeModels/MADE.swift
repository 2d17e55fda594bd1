import Datasets
import Foundation
import NeuralNetworks

/// The masked autoencoder for distribution estimation (Germain et al., "MADE", 2015): a multilayer
/// perceptron `D -> hiddenSizes -> D` whose weights are masked (see `AutoregressiveMasks`) so that
/// output logit `i` sees only the inputs before `i` in the ordering. One pass gives every conditional
/// `p(x_i | x_<i)`; ReLU between layers, logits out.
///
/// With no hidden layer it is the fully visible sigmoid belief net (FVSBN): one logistic regression
/// per pixel on all earlier pixels, `l_i = b_i + Σ_(j before i) W_ji x_j`.
///
/// A MADE may hold several orderings (order-agnostic training: switch with `selectingOrdering(_:)`,
/// for instance at every step); the masks of ordering `k` are drawn from `maskSeed + k`, so that
/// they are the same whenever that ordering is selected.
public struct MADE: AutoregressiveModel {
    /// The masked layers, first to last.
    public var network: Sequential<MaskedDense>
    /// Every ordering the model was built with; `orderings[0]` is the raster order `0..<D`.
    @noDerivative public let orderings: [[Int]]
    /// Which ordering the masks currently implement.
    @noDerivative public private(set) var orderingIndex: Int
    /// The sizes of the hidden layers.
    @noDerivative public let hiddenSizes: [Int]
    /// The seed from which the hidden degrees of each ordering are drawn.
    @noDerivative public let maskSeed: UInt64

    /// The ordering the current masks implement.
    public var ordering: [Int] { orderings[orderingIndex] }

    /// Creates a MADE for `inputSize` binary inputs.
    /// - Parameters:
    ///   - hiddenSizes: The hidden layers (`[]` for an FVSBN).
    ///   - orderingCount: The raster order plus `orderingCount - 1` random permutations drawn from `rng`.
    public init(inputSize: Int, hiddenSizes: [Int], orderingCount: Int = 1, maskSeed: UInt64 = 0,
                rng: inout RandomGenerator) {
        precondition(orderingCount >= 1, "MADE: orderingCount \(orderingCount) must be at least 1")
        let raster = Array(0..<inputSize)
        orderings = [raster] + (1..<orderingCount).map { _ in MiniBatches.shuffledIndices(inputSize, using: &rng) }
        self.hiddenSizes = hiddenSizes
        self.maskSeed = maskSeed
        orderingIndex = 0
        let masks = Self.masks(ordering: raster, hiddenSizes: hiddenSizes, seed: maskSeed)
        var layers: [MaskedDense] = []
        for (index, mask) in masks.enumerated() {
            if index == masks.count - 1 {
                layers.append(MaskedDense(mask: mask, rng: &rng))
            } else {
                layers.append(MaskedDense(mask: mask, activation: relu, rng: &rng))
            }
        }
        network = Sequential(layers)
    }

    /// The same weights with the masks of `orderings[index]`.
    public func selectingOrdering(_ index: Int) -> MADE {
        precondition(orderings.indices.contains(index), "MADE: ordering \(index) not in 0..<\(orderings.count)")
        var result = self
        let masks = Self.masks(ordering: orderings[index], hiddenSizes: hiddenSizes, seed: maskSeed &+ UInt64(index))
        for layer in masks.indices { result.network.layers[layer].mask = masks[layer] }
        result.orderingIndex = index
        return result
    }

    /// Logits `[batch, D]` of `p(x_i = 1 | x_before i)` for inputs `[batch, D]`.
    @differentiable(reverse)
    public func callAsFunction(_ input: Tensor) -> Tensor {
        network(input)
    }

    /// The order-ensemble log-likelihood `log (1/K) Σ_k p_k(x)` over all `K` orderings, shape
    /// `[batch]`: a mixture of `K` exact autoregressive models, so itself an exact, normalised
    /// log-likelihood (Germain et al., section 6; averaging logits instead would not normalise).
    public func orderEnsembleLogLikelihood(_ x: Tensor) -> Tensor {
        let perOrdering = orderings.indices.map { selectingOrdering($0).logLikelihood(x) }
        return Tensor(stacking: perOrdering, alongAxis: 1).logSumExp(axis: 1) - Float(Foundation.log(Double(orderings.count)))
    }

    /// `-log p(x)` under the order ensemble of every row of `images`, in nats.
    public func orderEnsembleNegativeLogLikelihoods(_ images: Tensor, batchSize: Int = 500) -> [Double] {
        mapBatches(images, batchSize: batchSize) { -orderEnsembleLogLikelihood($0) }
    }

    private static func masks(ordering: [Int], hiddenSizes: [Int], seed: UInt64) -> [Tensor] {
        var maskRNG = RandomGenerator(seed: seed)
        return AutoregressiveMasks.made(ordering: ordering, hiddenSizes: hiddenSizes, using: &maskRNG)
    }

    /// The mean negative log-likelihood of `batch` and its gradient (see `AutoregressiveModel`).
    public func negativeLogLikelihoodWithGradient(_ batch: Tensor) -> (value: Tensor, gradient: TangentVector) {
        valueWithGradient(at: self) { model in -bernoulliLogLikelihood(batch, logits: model(batch)).mean() }
    }
}
