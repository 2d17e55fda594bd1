/// An exponential moving average of a model's parameters (Polyak averaging), as diffusion models
/// use for sampling: after every optimizer step, `average ← decay · average + (1 - decay) · θ`.
///
/// The averages live in arrays of their own, never in the model's buffers, so the model being
/// trained is untouched. `write(to:)` saves them as a checkpoint with the model's field paths,
/// ready for `Checkpoint.load(into:from:)` into a freshly built model:
/// ```swift
/// var average = ParameterAverage(of: trainer.model, decay: 0.995)
/// for batch in batches { trainer.step(on: batch, using: &rng); average.update(with: trainer.model) }
/// try average.write(to: "ema.safetensors")
/// ```
public struct ParameterAverage {
    /// The weight of the old average in each update, in `[0, 1)`.
    public let decay: Float
    /// The number of updates so far.
    public private(set) var updateCount = 0
    private let names: [String]
    private let shapes: [[Int]]
    private var values: [[Float]]

    /// Starts the average at the parameters of `model`.
    public init(of model: Any, decay: Float = 0.999) {
        precondition(decay >= 0 && decay < 1, "ParameterAverage: decay \(decay) must lie in [0, 1)")
        let leaves = namedTensors(in: model)
        self.decay = decay
        names = leaves.map(\.name)
        shapes = leaves.map(\.tensor.shape)
        values = leaves.map(\.tensor.scalars)
    }

    /// Moves the average towards the parameters of `model`, which must have the starting model's structure.
    public mutating func update(with model: Any) {
        let leaves = namedTensors(in: model)
        precondition(leaves.map(\.name) == names, "ParameterAverage.update: the model's parameters changed")
        for (index, leaf) in leaves.enumerated() {
            leaf.tensor.withUnsafeBufferPointer { current in
                values[index].withUnsafeMutableBufferPointer { average in
                    for i in average.indices { average[i] = decay * average[i] + (1 - decay) * current[i] }
                }
            }
        }
        updateCount += 1
    }

    /// The averaged parameters, named by their field paths.
    public var tensors: [NamedTensor] {
        zip(names, zip(shapes, values)).map { NamedTensor(name: $0, tensor: Tensor(shape: $1.0, scalars: $1.1)) }
    }

    /// Saves the averaged parameters as a `.safetensors` checkpoint.
    public func write(to path: String) throws {
        try Checkpoint.write(tensors, to: path)
    }
}
