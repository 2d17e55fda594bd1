import NeuralNetworks

/// The 2-D denoiser of the course: `x` (2 numbers) joined with a sinusoidal embedding of `t`, then
/// `depth` dense layers of `width` units with SiLU, and a linear layer back to 2 numbers.
///
/// With the defaults (`depth: 3, width: 128, timeEmbeddingSize: 32`) it is the PyTorch reference's
/// `time_mlp`: `x(2) ++ sinusoidal(t, 32) -> 3 × [Linear 128 + SiLU] -> Linear 2`.
public struct DiffusionMLP: NoisePredictor {
    /// The hidden layers and the output layer.
    public var network: Sequential<Dense>
    /// The size of the sinusoidal time embedding.
    @noDerivative public let timeEmbeddingSize: Int
    /// The dimension of the data, 2 for points in the plane.
    @noDerivative public let dataDimension: Int

    /// An unconditional model.
    public var classCount: Int { 0 }

    /// Creates the network with freshly initialised weights.
    public init(dataDimension: Int = 2, depth: Int = 3, width: Int = 128, timeEmbeddingSize: Int = 32,
                rng: inout RandomGenerator) {
        precondition(depth >= 1, "DiffusionMLP: depth \(depth) must be at least 1")
        self.dataDimension = dataDimension
        self.timeEmbeddingSize = timeEmbeddingSize
        let sizes = [dataDimension + timeEmbeddingSize] + Array(repeating: width, count: depth) + [dataDimension]
        network = Sequential(layerSizes: sizes, activation: silu, rng: &rng)
    }

    /// Returns `ε_θ(x_t, t)` for `noisy` `[N, dataDimension]` and `timesteps` `[N]`; `labels` is ignored.
    @differentiable(reverse, wrt: self)
    public func predictedNoise(_ noisy: Tensor, timesteps: Tensor, labels: [Int]) -> Tensor {
        let time = sinusoidalEmbedding(timesteps, dimension: timeEmbeddingSize)
        return network(Tensor(concatenating: [noisy, time], alongAxis: 1))
    }
}
