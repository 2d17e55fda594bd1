// MARK: - Broadcasting rules

/// Returns the shape two operands broadcast to under numpy's rules: align shapes on the right;
/// each pair of extents must be equal or one of them 1; missing leading axes count as 1.
///
/// `broadcastShape([4, 1, 3], [5, 1]) == [4, 5, 3]`.
/// - Precondition: the shapes are compatible; `operation` names the caller in the message.
public func broadcastShape(_ a: [Int], _ b: [Int], operation: String = "broadcast") -> [Int] {
    let rank = max(a.count, b.count)
    var result = [Int](repeating: 1, count: rank)
    for axis in 0..<rank {
        let x = axis < rank - a.count ? 1 : a[axis - (rank - a.count)]
        let y = axis < rank - b.count ? 1 : b[axis - (rank - b.count)]
        precondition(x == y || x == 1 || y == 1, "\(operation): shapes \(a) and \(b) do not broadcast")
        result[axis] = x == 1 ? y : x
    }
    return result
}

/// Strides of `shape` seen from a tensor of rank `rank` it broadcasts to: 0 on broadcast axes.
@usableFromInline
func broadcastStrides(_ shape: [Int], rank: Int) -> [Int] {
    var strides = [Int](repeating: 0, count: rank)
    var stride = 1
    for axis in shape.indices.reversed() {
        strides[rank - shape.count + axis] = shape[axis] == 1 ? 0 : stride
        stride *= shape[axis]
    }
    return strides
}

/// Visits every row of the last axis of `shape`, passing the row's offsets into two operands
/// with the given strides (an odometer over the outer axes).
@inline(__always) @usableFromInline
func forEachRow(shape: [Int], stridesA: [Int], stridesB: [Int], _ body: (Int, Int, Int) -> Void) {
    let rank = shape.count
    let inner = shape[rank - 1]
    let outer = inner == 0 ? 0 : shape.reduce(1, *) / inner
    var index = [Int](repeating: 0, count: rank)
    var offsetA = 0, offsetB = 0
    for row in 0..<outer {
        body(row, offsetA, offsetB)
        var axis = rank - 2
        while axis >= 0 {
            index[axis] += 1
            offsetA += stridesA[axis]
            offsetB += stridesB[axis]
            if index[axis] < shape[axis] { break }
            offsetA -= stridesA[axis] * shape[axis]
            offsetB -= stridesB[axis] * shape[axis]
            index[axis] = 0
            axis -= 1
        }
    }
}

// MARK: - Kernels

extension Tensor {
    /// Applies `op` elementwise with broadcasting; fast paths for equal shapes and scalar operands.
    @inline(__always) @usableFromInline
    static func broadcasting(_ a: Tensor, _ b: Tensor, _ name: String,
                             _ op: (Float, Float) -> Float) -> Tensor {
        let pa = a.storage.pointer, pb = b.storage.pointer
        if a.shape == b.shape {
            return Tensor(shape: a.shape) { out, count in for i in 0..<count { out[i] = op(pa[i], pb[i]) } }
        }
        if b.scalarCount == 1 && b.rank <= a.rank {
            let y = pb[0]
            return Tensor(shape: a.shape) { out, count in for i in 0..<count { out[i] = op(pa[i], y) } }
        }
        if a.scalarCount == 1 && a.rank <= b.rank {
            let x = pa[0]
            return Tensor(shape: b.shape) { out, count in for i in 0..<count { out[i] = op(x, pb[i]) } }
        }
        let shape = broadcastShape(a.shape, b.shape, operation: name)
        let stridesA = broadcastStrides(a.shape, rank: shape.count)
        let stridesB = broadcastStrides(b.shape, rank: shape.count)
        let innerA = stridesA[shape.count - 1], innerB = stridesB[shape.count - 1]
        let inner = shape[shape.count - 1]
        return Tensor(shape: shape) { out, _ in
            forEachRow(shape: shape, stridesA: stridesA, stridesB: stridesB) { row, offsetA, offsetB in
                let destination = out + row * inner
                let x = pa + offsetA, y = pb + offsetB
                switch (innerA, innerB) {
                case (1, 1): for j in 0..<inner { destination[j] = op(x[j], y[j]) }
                case (1, _): for j in 0..<inner { destination[j] = op(x[j], y[0]) }
                case (_, 1): for j in 0..<inner { destination[j] = op(x[0], y[j]) }
                default: for j in 0..<inner { destination[j] = op(x[0], y[0]) }
                }
            }
        }
    }

    /// Applies `op` elementwise to two tensors with broadcasting, for libraries that define fused
    /// primitives (and register their derivatives) outside this module.
    @inlinable
    public static func elementwise(_ a: Tensor, _ b: Tensor, _ op: (Float, Float) -> Float) -> Tensor {
        broadcasting(a, b, "elementwise", op)
    }

    /// Applies `op` to every scalar.
    @inline(__always) @usableFromInline
    func mapScalars(_ op: (Float) -> Float) -> Tensor {
        let source = storage.pointer
        return Tensor(shape: shape) { out, count in for i in 0..<count { out[i] = op(source[i]) } }
    }

    /// Applies `op` to pairs of scalars of two tensors of the same shape (used by pullbacks).
    @inline(__always) @usableFromInline
    func zipScalars(_ other: Tensor, _ op: (Float, Float) -> Float) -> Tensor {
        let other = other.expanded(to: shape)
        let pa = storage.pointer, pb = other.storage.pointer
        return Tensor(shape: shape) { out, count in for i in 0..<count { out[i] = op(pa[i], pb[i]) } }
    }

    /// Applies `op` to triples of scalars of three tensors of the same shape (used by pullbacks).
    @inline(__always) @usableFromInline
    static func zipScalars(_ a: Tensor, _ b: Tensor, _ c: Tensor, _ op: (Float, Float, Float) -> Float) -> Tensor {
        let b = b.expanded(to: a.shape), c = c.expanded(to: a.shape)
        let (pa, pb, pc) = (a.storage.pointer, b.storage.pointer, c.storage.pointer)
        return Tensor(shape: a.shape) { out, count in for i in 0..<count { out[i] = op(pa[i], pb[i], pc[i]) } }
    }

    /// Returns `self` if it has `shape`, else `self` broadcast to it (pullbacks may receive a
    /// scalar zero as their upstream tangent).
    @usableFromInline
    func expanded(to shape: [Int]) -> Tensor {
        self.shape == shape ? self : broadcasted(to: shape)
    }
}

// MARK: - Broadcasting and its adjoint

extension Tensor {
    /// Returns this tensor repeated along axes of extent 1 (and new leading axes) to `shape`.
    /// - Precondition: `self.shape` broadcasts to `shape`.
    @differentiable(reverse)
    public func broadcasted(to shape: [Int]) -> Tensor {
        let target = broadcastShape(self.shape, shape, operation: "broadcasted(to:)")
        precondition(target == shape, "broadcasted(to:): shape \(self.shape) does not broadcast to \(shape)")
        return Tensor.broadcasting(self, Tensor(zeros: shape), "broadcasted(to:)") { x, _ in x }
    }

    @derivative(of: broadcasted(to:))
    public func vjpBroadcasted(to shape: [Int]) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
        let original = self.shape
        return (broadcasted(to: shape), { upstream in upstream.summed(toShape: original) })
    }

    /// Sums this tensor over the axes that broadcasting to its shape would have expanded from
    /// `shape`: the adjoint of `broadcasted(to:)`, used by the pullbacks of broadcasting ops.
    ///
    /// `Tensor(ones: [2, 3]).summed(toShape: [3]) == [2, 2, 2]`.
    @differentiable(reverse)
    public func summed(toShape shape: [Int]) -> Tensor {
        if self.shape == shape { return self }
        let full = broadcastShape(self.shape, shape, operation: "summed(toShape:)")
        if full != self.shape { return broadcasted(to: full).summed(toShape: shape) }
        let rank = self.rank
        precondition(shape.count <= rank, "summed(toShape:): cannot reduce \(self.shape) to \(shape)")
        let aligned = [Int](repeating: 1, count: rank - shape.count) + shape
        for axis in 0..<rank {
            precondition(aligned[axis] == self.shape[axis] || aligned[axis] == 1,
                         "summed(toShape:): cannot reduce \(self.shape) to \(shape)")
        }
        let destinationStrides = broadcastStrides(shape, rank: rank)
        let sourceStrides = broadcastStrides(self.shape, rank: rank)
        let inner = self.shape[rank - 1], innerStride = destinationStrides[rank - 1]
        let source = storage.pointer
        return Tensor(shape: shape) { out, count in
            out.initialize(repeating: 0, count: count)
            forEachRow(shape: self.shape, stridesA: destinationStrides, stridesB: sourceStrides) { _, offset, sourceOffset in
                let x = source + sourceOffset
                if innerStride == 1 {
                    for j in 0..<inner { out[offset + j] += x[j] }
                } else {
                    var total: Float = 0
                    for j in 0..<inner { total += x[j] }
                    out[offset] += total
                }
            }
        }
    }

    @derivative(of: summed(toShape:))
    public func vjpSummed(toShape shape: [Int]) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
        let original = self.shape
        return (summed(toShape: shape), { upstream in upstream.broadcasted(to: original) })
    }
}
