@_exported import _Differentiation

/// The heap buffer behind a `Tensor`: `count` contiguous `Float`s, owned by this object.
///
/// Tensors share a buffer until one of them is mutated (copy-on-write); see `Tensor`.
@usableFromInline
final class TensorStorage {
    @usableFromInline let count: Int
    @usableFromInline let pointer: UnsafeMutablePointer<Float>

    /// Allocates `count` uninitialised scalars; the caller must write every one.
    @usableFromInline init(uninitializedCount count: Int) {
        self.count = count
        pointer = BufferPool.shared.take(count: count)
    }

    deinit { BufferPool.shared.give(pointer, count: count) }
}

/// An n-dimensional array of `Float` with value semantics, the course's one numeric type.
///
/// Scalars are stored contiguously in row-major order; `shape` lists the extent of each axis
/// (`[]` for a scalar). Copies share storage until one is mutated (copy-on-write).
/// Every differentiable operation registers its derivative next to it, so models built from
/// tensors train with `valueWithGradient(at:of:)`.
///
/// ```swift
/// let x = Tensor([[1, 2], [3, 4]])     // shape [2, 2]
/// let y = (x * x).sum()                // 30
/// let g = gradient(at: x) { ($0 * $0).sum() }   // [[2, 4], [6, 8]]
/// ```
public struct Tensor {
    @usableFromInline var storage: TensorStorage

    /// The extent of each axis, outermost first; `[]` for a scalar.
    public let shape: [Int]

    @usableFromInline init(storage: TensorStorage, shape: [Int]) {
        self.storage = storage
        self.shape = shape
    }

    /// Creates a tensor of `shape` whose scalars are written by `initializer` into uninitialised
    /// memory of `shape.product` elements (every element must be written).
    @inlinable
    init(shape: [Int], initializingWith initializer: (UnsafeMutablePointer<Float>, Int) -> Void) {
        let count = shape.reduce(1, *)
        let storage = TensorStorage(uninitializedCount: count)
        initializer(storage.pointer, count)
        self.init(storage: storage, shape: shape)
    }

    /// The number of scalars, the product of `shape`.
    public var scalarCount: Int { storage.count }

    /// The number of axes.
    public var rank: Int { shape.count }

    /// All scalars in row-major order.
    public var scalars: [Float] {
        Array(UnsafeBufferPointer(start: storage.pointer, count: storage.count))
    }

    /// The value of a tensor with exactly one scalar (any rank, typically rank 0).
    @differentiable(reverse)
    public var scalar: Float {
        precondition(scalarCount == 1, "scalar: tensor of shape \(shape) has \(scalarCount) scalars")
        return storage.pointer[0]
    }

    @derivative(of: scalar)
    public func vjpScalar() -> (value: Float, pullback: (Float) -> Tensor) {
        let shape = self.shape
        return (scalar, { upstream in Tensor(repeating: upstream, shape: shape) })
    }

    /// Reads the scalars without copying them.
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.pointer, count: storage.count))
    }

    /// Writes the scalars in place, first copying the storage if another tensor shares it.
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        if !isKnownUniquelyReferenced(&storage) {
            let copy = TensorStorage(uninitializedCount: storage.count)
            copy.pointer.update(from: storage.pointer, count: storage.count)
            storage = copy
        }
        return try body(UnsafeMutableBufferPointer(start: storage.pointer, count: storage.count))
    }

    /// Overwrites the scalars of the buffer this tensor refers to, even if other tensors share it.
    ///
    /// For the optimizers and checkpoint loader only: they call it on leaves whose buffers they
    /// have just allocated, or made unique, themselves.
    package func overwriteSharedStorage(with body: (UnsafeMutableBufferPointer<Float>) -> Void) {
        body(UnsafeMutableBufferPointer(start: storage.pointer, count: storage.count))
    }
}

// A tensor is a value: its storage is mutated only when uniquely referenced (copy-on-write, as
// `Array` does) or, by the optimizers, when freshly allocated, so sharing it across tasks is safe.
extension Tensor: @unchecked Sendable {}

// MARK: - Equality and description

extension Tensor: Equatable {
    /// Two tensors are equal when their shapes and all their scalars are equal.
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        guard lhs.shape == rhs.shape else { return false }
        if lhs.storage === rhs.storage { return true }
        return lhs.withUnsafeBufferPointer { a in rhs.withUnsafeBufferPointer { b in a.elementsEqual(b) } }
    }
}

extension Tensor: CustomStringConvertible {
    /// The scalars nested in brackets by axis, e.g. `[[1.0, 2.0], [3.0, 4.0]]`. Like numpy, a
    /// tensor of more than 1000 scalars shows only the first and last 3 entries of long axes.
    public var description: String {
        let summarize = scalarCount > 1000
        return withUnsafeBufferPointer { values in
            func render(axis: Int, offset: Int) -> String {
                if axis == shape.count { return "\(values[offset])" }
                let stride = shape[(axis + 1)...].reduce(1, *)
                let extent = shape[axis]
                let indices = summarize && extent > 6 ? Array(0..<3) + [-1] + Array((extent - 3)..<extent) : Array(0..<extent)
                let parts = indices.map { $0 < 0 ? "..." : render(axis: axis + 1, offset: offset + $0 * stride) }
                return "[" + parts.joined(separator: axis == shape.count - 1 ? ", " : ",\n" + String(repeating: " ", count: axis + 1)) + "]"
            }
            return render(axis: 0, offset: 0)
        }
    }
}

// MARK: - Differentiable

extension Tensor: AdditiveArithmetic {
    /// The additive identity: a scalar zero, which broadcasts against a tensor of any shape.
    public static var zero: Tensor { Tensor(0) }
}

extension Tensor: Differentiable {
    public typealias TangentVector = Tensor

    /// Adds `offset` (broadcast to this tensor's shape) in place.
    ///
    /// Unless the storage is this tensor's alone, the result gets a new buffer, even for an offset
    /// of zero: the checkpoint loader moves a model by `.zero` to give every tensor its own.
    public mutating func move(by offset: Tensor) {
        if offset.shape == shape, isKnownUniquelyReferenced(&storage) {
            let destination = storage.pointer
            offset.withUnsafeBufferPointer { source in
                parallelChunks(source.count) { range in
                    for i in range { destination[i] += source[i] }
                }
            }
        } else {
            self = Tensor.broadcasting(self, offset, "move(by:)") { $0 + $1 }
        }
    }
}
