// MARK: - Reshape

extension Tensor {
    /// Returns the same scalars with a new shape; one extent may be `-1` and is then inferred.
    /// Shares storage with `self` (no copy).
    /// - Precondition: the new shape has as many scalars as `self`.
    @differentiable(reverse)
    public func reshaped(to newShape: [Int]) -> Tensor {
        var resolved = newShape
        if let unknown = newShape.firstIndex(of: -1) {
            let known = newShape.enumerated().filter { $0.offset != unknown }.map(\.element).reduce(1, *)
            precondition(known > 0 && scalarCount % known == 0,
                         "reshaped(to:): cannot infer -1 in \(newShape) for shape \(shape)")
            resolved[unknown] = scalarCount / known
        }
        precondition(resolved.reduce(1, *) == scalarCount && resolved.allSatisfy { $0 >= 0 },
                     "reshaped(to:): shape \(shape) cannot be reshaped to \(newShape)")
        return Tensor(storage: storage, shape: resolved)
    }

    @derivative(of: reshaped(to:))
    public func vjpReshaped(to newShape: [Int]) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
        let shape = self.shape
        let value = reshaped(to: newShape)
        return (value, { upstream in upstream.expanded(to: value.shape).reshaped(to: shape) })
    }

    /// Flattens all axes after the first: `[n, a, b, ...] -> [n, a * b * ...]`.
    @differentiable(reverse)
    public func flattenedBatch() -> Tensor {
        reshaped(to: withoutDerivative(at: self).batchFlatShape)
    }

    /// The shape of one element of the first axis.
    var rowShape: [Int] { Array(shape.dropFirst()) }

    /// `[scalarCount]`, the shape of this tensor flattened to a vector.
    var flatShape: [Int] { [scalarCount] }

    /// `[shape[0], rest]`, the shape of this tensor flattened after its first axis.
    var batchFlatShape: [Int] { [shape[0], scalarCount / Swift.max(shape[0], 1)] }

    /// Inserts an axis of extent 1 at `axis`: `[2, 3].expandingShape(at: 1) -> [2, 1, 3]`.
    @differentiable(reverse)
    public func expandingShape(at axis: Int) -> Tensor {
        reshaped(to: withoutDerivative(at: self).shape(inserting: axis))
    }

    /// This tensor's shape with an axis of extent 1 inserted at `axis`.
    func shape(inserting axis: Int) -> [Int] {
        var newShape = shape
        newShape.insert(1, at: axis < 0 ? axis + rank + 1 : axis)
        return newShape
    }
}

// MARK: - Transpose and permute

extension Tensor {
    /// The matrix transpose of a rank-2 tensor: `result[j, i] = self[i, j]`.
    @differentiable(reverse)
    public func transposed() -> Tensor {
        precondition(rank == 2, "transposed(): expects a matrix, got shape \(shape)")
        return permuted([1, 0])
    }

    /// Reorders the axes: axis `i` of the result is axis `axes[i]` of `self`.
    ///
    /// `x.permuted([0, 2, 3, 1])` turns NCHW into NHWC.
    @differentiable(reverse)
    public func permuted(_ axes: [Int]) -> Tensor {
        precondition(axes.sorted() == Array(0..<rank), "permuted(_:): \(axes) is not a permutation of the axes of \(shape)")
        let newShape = axes.map { shape[$0] }
        var sourceStrides = [Int](repeating: 1, count: rank)
        for axis in stride(from: rank - 2, through: 0, by: -1) { sourceStrides[axis] = sourceStrides[axis + 1] * shape[axis + 1] }
        let strides = axes.map { sourceStrides[$0] }
        let source = storage.pointer
        if rank == 0 || scalarCount == 0 { return reshaped(to: newShape) }
        let inner = newShape[rank - 1], innerStride = strides[rank - 1]
        return Tensor(shape: newShape) { out, _ in
            forEachRow(shape: newShape, stridesA: strides, stridesB: strides) { row, offset, _ in
                let destination = out + row * inner
                for j in 0..<inner { destination[j] = source[offset + j * innerStride] }
            }
        }
    }

    @derivative(of: permuted)
    public func vjpPermuted(_ axes: [Int]) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
        var inverse = [Int](repeating: 0, count: axes.count)
        for (i, axis) in axes.enumerated() { inverse[axis] = i }
        let value = permuted(axes)
        return (value, { upstream in upstream.expanded(to: value.shape).permuted(inverse) })
    }
}

// MARK: - Slicing, concatenation and stacking

extension Tensor {
    /// The elements whose index along `axis` lies in `range`; the axis keeps its place.
    @differentiable(reverse)
    public func sliced(alongAxis axis: Int, range: Range<Int>) -> Tensor {
        let (axis, outer, length, inner) = layout(around: axis, "sliced(alongAxis:range:)")
        precondition(range.lowerBound >= 0 && range.upperBound <= length,
                     "sliced(alongAxis:range:): range \(range) out of bounds for axis \(axis) of shape \(shape)")
        var newShape = shape
        newShape[axis] = range.count
        let source = storage.pointer
        let chunk = range.count * inner
        return Tensor(shape: newShape) { out, _ in
            for o in 0..<outer {
                (out + o * chunk).initialize(from: source + (o * length + range.lowerBound) * inner, count: chunk)
            }
        }
    }

    @derivative(of: sliced)
    public func vjpSliced(alongAxis axis: Int, range: Range<Int>) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
        let (axis, outer, length, inner) = layout(around: axis, "sliced(alongAxis:range:)")
        let shape = self.shape
        let value = sliced(alongAxis: axis, range: range)
        return (value, { upstream in
            let upstream = upstream.expanded(to: value.shape)
            let chunk = range.count * inner
            return Tensor(shape: shape) { out, count in
                out.initialize(repeating: 0, count: count)
                for o in 0..<outer {
                    (out + (o * length + range.lowerBound) * inner)
                        .update(from: upstream.storage.pointer + o * chunk, count: chunk)
                }
            }
        })
    }

    /// The rows `range` of the first axis: `x[2..<5]` has shape `[3] + x.shape.dropFirst()`.
    @differentiable(reverse)
    public subscript(range: Range<Int>) -> Tensor {
        sliced(alongAxis: 0, range: range)
    }

    /// The element `index` of the first axis, which the result drops: `x[1]` of a `[4, 3]` matrix
    /// is its second row, of shape `[3]`.
    @differentiable(reverse)
    public subscript(index: Int) -> Tensor {
        sliced(alongAxis: 0, range: index..<(index + 1)).reshaped(to: withoutDerivative(at: self).rowShape)
    }

    /// Joins tensors along an existing `axis`; all other extents must agree.
    @differentiable(reverse)
    public init(concatenating tensors: [Tensor], alongAxis axis: Int = 0) {
        self = Tensor.concatenate(tensors, axis: axis)
    }

    @derivative(of: init(concatenating:alongAxis:))
    public static func vjpConcatenating(_ tensors: [Tensor], alongAxis axis: Int)
        -> (value: Tensor, pullback: (Tensor) -> Array<Tensor>.TangentVector) {
        let value = concatenate(tensors, axis: axis)
        let normalized = axis < 0 ? axis + value.rank : axis
        let extents = tensors.map { $0.shape[normalized] }
        return (value, { upstream in
            let upstream = upstream.expanded(to: value.shape)
            var start = 0
            var pieces: [Tensor] = []
            for extent in extents {
                pieces.append(upstream.sliced(alongAxis: normalized, range: start..<(start + extent)))
                start += extent
            }
            return Array<Tensor>.TangentVector(pieces)
        })
    }

    private static func concatenate(_ tensors: [Tensor], axis: Int) -> Tensor {
        precondition(!tensors.isEmpty, "Tensor(concatenating:): no tensors")
        let first = tensors[0]
        let (axis, outer, _, inner) = first.layout(around: axis, "Tensor(concatenating:)")
        for tensor in tensors {
            var expected = tensor.shape
            expected[axis] = first.shape[axis]
            precondition(expected == first.shape,
                         "Tensor(concatenating:): shapes \(tensors.map(\.shape)) differ off axis \(axis)")
        }
        var newShape = first.shape
        newShape[axis] = tensors.map { $0.shape[axis] }.reduce(0, +)
        let total = newShape[axis]
        return Tensor(shape: newShape) { out, _ in
            var start = 0
            for tensor in tensors {
                let chunk = tensor.shape[axis] * inner
                for o in 0..<outer {
                    (out + (o * total + start) * inner).initialize(from: tensor.storage.pointer + o * chunk, count: chunk)
                }
                start += tensor.shape[axis]
            }
        }
    }

    /// Stacks tensors of one shape along a new `axis`: `n` tensors of shape `[a, b]` stacked
    /// along axis 0 give shape `[n, a, b]`.
    @differentiable(reverse)
    public init(stacking tensors: [Tensor], alongAxis axis: Int = 0) {
        self.init(concatenating: tensors.differentiableMap { $0.expandingShape(at: axis) }, alongAxis: axis)
    }
}

// MARK: - Gathering

extension Tensor {
    /// The rows `indices` of the first axis, repeats allowed: `result[i] = self[indices[i]]`.
    ///
    /// Shape `[indices.count] + shape.dropFirst()`. The gradient adds into the selected rows.
    @differentiable(reverse)
    public func gathering(rows indices: [Int]) -> Tensor {
        precondition(rank >= 1, "gathering(rows:): tensor of shape \(shape) has no rows")
        let rowSize = scalarCount / Swift.max(shape[0], 1), rows = shape[0]
        let source = storage.pointer
        return Tensor(shape: [indices.count] + shape.dropFirst()) { out, _ in
            for (i, index) in indices.enumerated() {
                precondition(index >= 0 && index < rows, "gathering(rows:): index \(index) not in 0..<\(rows)")
                (out + i * rowSize).initialize(from: source + index * rowSize, count: rowSize)
            }
        }
    }

    @derivative(of: gathering(rows:))
    public func vjpGathering(rows indices: [Int]) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
        let shape = self.shape
        let rowSize = scalarCount / Swift.max(shape[0], 1)
        let value = gathering(rows: indices)
        return (value, { upstream in
            let u = upstream.expanded(to: value.shape).storage.pointer
            return Tensor(shape: shape) { out, count in
                out.initialize(repeating: 0, count: count)
                for (i, index) in indices.enumerated() {
                    let destination = out + index * rowSize, source = u + i * rowSize
                    for j in 0..<rowSize { destination[j] += source[j] }
                }
            }
        })
    }

    /// One element per row of a matrix: `result[i] = self[i, columns[i]]`, shape `[rows]`.
    @differentiable(reverse)
    public func gathering(columns indices: [Int]) -> Tensor {
        let flatIndices = withoutDerivative(at: self).flatIndices(ofColumns: indices)
        return reshaped(to: withoutDerivative(at: self).columnShape).gathering(rows: flatIndices)
            .reshaped(to: [indices.count])
    }

    /// `[scalarCount, 1]`: every scalar as a row of its own.
    var columnShape: [Int] { [scalarCount, 1] }

    /// The row-major offsets of `self[i, columns[i]]` for each row `i`.
    func flatIndices(ofColumns columns: [Int]) -> [Int] {
        precondition(rank == 2 && columns.count == shape[0],
                     "gathering(columns:): shape \(shape) with \(columns.count) indices")
        let width = shape[1]
        return columns.enumerated().map { row, column in
            precondition(column >= 0 && column < width, "gathering(columns:): index \(column) not in 0..<\(width)")
            return row * width + column
        }
    }
}
