import Foundation

// MARK: - Constants and arrays

extension Tensor {
    /// Creates a tensor of `shape` with every scalar equal to `value`.
    public init(repeating value: Float, shape: [Int]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor(repeating:shape:): negative extent in \(shape)")
        self.init(shape: shape) { pointer, count in pointer.initialize(repeating: value, count: count) }
    }

    /// Creates a tensor of `shape` filled with zeros.
    public init(zeros shape: [Int]) { self.init(repeating: 0, shape: shape) }

    /// Creates a tensor of `shape` filled with ones.
    public init(ones shape: [Int]) { self.init(repeating: 1, shape: shape) }

    /// Creates a rank-0 tensor holding `value`.
    @differentiable(reverse)
    public init(_ value: Float) { self.init(repeating: value, shape: []) }

    @derivative(of: init(_:))
    public static func vjpInit(_ value: Float) -> (value: Tensor, pullback: (Tensor) -> Float) {
        (Tensor(value), { upstream in upstream.sum().scalar })
    }

    /// Creates a tensor of `shape` from `scalars` in row-major order.
    /// - Precondition: `scalars.count` equals the product of `shape`.
    public init(shape: [Int], scalars: [Float]) {
        let count = shape.reduce(1, *)
        precondition(count == scalars.count,
                     "Tensor(shape:scalars:): shape \(shape) needs \(count) scalars, got \(scalars.count)")
        self.init(shape: shape) { pointer, _ in
            scalars.withUnsafeBufferPointer { source in
                if let base = source.baseAddress { pointer.initialize(from: base, count: count) }
            }
        }
    }

    /// Creates a rank-1 tensor of shape `[scalars.count]`.
    public init(_ scalars: [Float]) { self.init(shape: [scalars.count], scalars: scalars) }

    /// Creates a rank-2 tensor of shape `[rows.count, rows[0].count]`.
    /// - Precondition: all rows have the same length.
    public init(_ rows: [[Float]]) {
        let columns = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == columns },
                     "Tensor([[Float]]): rows have lengths \(rows.map(\.count))")
        self.init(shape: [rows.count, columns], scalars: rows.flatMap { $0 })
    }

    /// Creates a rank-3 tensor of shape `[planes.count, rows, columns]`.
    /// - Precondition: all planes have the same shape.
    public init(_ planes: [[[Float]]]) {
        let inner = planes.map { Tensor($0) }
        let innerShape = inner.first?.shape ?? [0, 0]
        precondition(inner.allSatisfy { $0.shape == innerShape },
                     "Tensor([[[Float]]]): planes have shapes \(inner.map(\.shape))")
        self.init(shape: [planes.count] + innerShape, scalars: inner.flatMap(\.scalars))
    }

    /// Creates the rank-1 tensor `[start, start + stride, ...]` of values below `end`
    /// (above `end` for a negative stride), like `numpy.arange`.
    public init(rangeFrom start: Float, to end: Float, stride: Float = 1) {
        precondition(stride != 0, "Tensor(rangeFrom:to:stride:): stride is zero")
        let count = Swift.max(0, Int(((end - start) / stride).rounded(.up)))
        self.init(shape: [count]) { pointer, count in
            for i in 0..<count { pointer[i] = start + Float(i) * stride }
        }
    }

    /// Creates `count` evenly spaced values from `start` to `end`, both included, like `numpy.linspace`.
    public init(linearSpaceFrom start: Float, to end: Float, count: Int) {
        precondition(count >= 2, "Tensor(linearSpaceFrom:to:count:): count \(count) must be at least 2")
        let step = (end - start) / Float(count - 1)
        self.init(shape: [count]) { pointer, count in
            for i in 0..<count { pointer[i] = start + Float(i) * step }
        }
    }

    /// Creates the `size` x `size` identity matrix.
    public init(identity size: Int) {
        self.init(shape: [size, size]) { pointer, count in
            pointer.initialize(repeating: 0, count: count)
            for i in 0..<size { pointer[i * size + i] = 1 }
        }
    }

    /// Creates a `[indices.count, depth]` matrix whose row `i` is 1 at column `indices[i]`, else 0.
    public init(oneHotAtIndices indices: [Int], depth: Int) {
        self.init(shape: [indices.count, depth]) { pointer, count in
            pointer.initialize(repeating: 0, count: count)
            for (row, index) in indices.enumerated() {
                precondition(index >= 0 && index < depth, "Tensor(oneHotAtIndices:): index \(index) not in 0..<\(depth)")
                pointer[row * depth + index] = 1
            }
        }
    }
}

// MARK: - Random tensors

extension Tensor {
    /// Draws each scalar independently from N(`mean`, `standardDeviation`²).
    public init(randomNormal shape: [Int], mean: Float = 0, standardDeviation: Float = 1,
                using generator: inout RandomGenerator) {
        self.init(shape: shape) { pointer, count in
            for i in 0..<count { pointer[i] = mean + standardDeviation * Float(generator.nextNormal()) }
        }
    }

    /// Draws each scalar independently and uniformly from `[lowerBound, upperBound)`.
    public init(randomUniform shape: [Int], lowerBound: Float = 0, upperBound: Float = 1,
                using generator: inout RandomGenerator) {
        let width = upperBound - lowerBound
        self.init(shape: shape) { pointer, count in
            for i in 0..<count { pointer[i] = lowerBound + width * generator.nextUniformFloat() }
        }
    }

    /// Draws each scalar independently: 1 with probability `probability[i]`, else 0.
    /// - Precondition: every probability lies in `[0, 1]`.
    public init(randomBernoulli probability: Tensor, using generator: inout RandomGenerator) {
        let p = probability.storage.pointer
        self.init(shape: probability.shape) { pointer, count in
            for i in 0..<count { pointer[i] = generator.nextBernoulli(probability: Double(p[i])) ? 1 : 0 }
        }
    }

    /// Draws one category per row of `probabilities` (`[rows, categories]`, each row non-negative
    /// with a positive sum, normalized here): `result[i]` is `j` with probability
    /// `probabilities[i, j] / Σ_k probabilities[i, k]`.
    public static func randomCategorical(_ probabilities: Tensor, using generator: inout RandomGenerator) -> [Int] {
        precondition(probabilities.rank == 2, "randomCategorical: expects [rows, categories], got \(probabilities.shape)")
        let columns = probabilities.shape[1]
        let values = probabilities.scalars
        return (0..<probabilities.shape[0]).map { row in
            generator.nextCategorical(weights: values[(row * columns)..<((row + 1) * columns)].map(Double.init))
        }
    }

    /// Glorot (Xavier) uniform initialisation: `U(-a, a)` with `a = sqrt(6 / (fanIn + fanOut))`.
    ///
    /// Glorot and Bengio, "Understanding the difficulty of training deep feedforward networks", 2010.
    public init(glorotUniform shape: [Int], fanIn: Int, fanOut: Int, using generator: inout RandomGenerator) {
        let limit = Float(Foundation.sqrt(6 / Double(fanIn + fanOut)))
        self.init(randomUniform: shape, lowerBound: -limit, upperBound: limit, using: &generator)
    }

    /// He (Kaiming) normal initialisation: `N(0, 2 / fanIn)`, suited to ReLU layers.
    ///
    /// He et al., "Delving deep into rectifiers", 2015.
    public init(heNormal shape: [Int], fanIn: Int, using generator: inout RandomGenerator) {
        let deviation = Float(Foundation.sqrt(2 / Double(fanIn)))
        self.init(randomNormal: shape, standardDeviation: deviation, using: &generator)
    }
}
