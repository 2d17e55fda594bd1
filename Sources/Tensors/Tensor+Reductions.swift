import Foundation

// MARK: - Axis layout

extension Tensor {
    /// Views the tensor as `[outer, length, inner]` around `axis` (negative axes count from the end).
    @usableFromInline
    func layout(around axis: Int, _ operation: String) -> (axis: Int, outer: Int, length: Int, inner: Int) {
        let normalized = axis < 0 ? axis + rank : axis
        precondition(normalized >= 0 && normalized < rank, "\(operation): axis \(axis) out of range for shape \(shape)")
        let outer = shape[..<normalized].reduce(1, *)
        let inner = shape[(normalized + 1)...].reduce(1, *)
        return (normalized, outer, shape[normalized], inner)
    }

    /// The shape after reducing `axis`: the axis is dropped, or kept with extent 1.
    func shape(reducing axis: Int, keepDims: Bool) -> [Int] {
        var result = shape
        if keepDims { result[axis] = 1 } else { result.remove(at: axis) }
        return result
    }

    /// Reduces `axis` with `combine`, starting each output from the first element along the axis.
    @inline(__always)
    func reduce(axis: Int, keepDims: Bool, _ operation: String, _ combine: (Float, Float) -> Float) -> Tensor {
        let (axis, outer, length, inner) = layout(around: axis, operation)
        precondition(length > 0, "\(operation): axis \(axis) of shape \(shape) is empty")
        let source = storage.pointer
        return Tensor(shape: shape(reducing: axis, keepDims: keepDims)) { out, _ in
            for o in 0..<outer {
                let base = source + o * length * inner
                let destination = out + o * inner
                destination.initialize(from: base, count: inner)
                for k in 1..<length {
                    let row = base + k * inner
                    for j in 0..<inner { destination[j] = combine(destination[j], row[j]) }
                }
            }
        }
    }
}

// MARK: - Sum and mean

extension Tensor {
    /// The sum of all scalars, as a rank-0 tensor (accumulated in `Double`).
    @differentiable(reverse)
    public func sum() -> Tensor {
        var total: Double = 0
        withUnsafeBufferPointer { for x in $0 { total += Double(x) } }
        return Tensor(Float(total))
    }

    @derivative(of: sum)
    public func vjpSum() -> (value: Tensor, pullback: (Tensor) -> Tensor) {
        let shape = self.shape
        return (sum(), { upstream in Tensor(repeating: upstream.scalar, shape: shape) })
    }

    /// The sum along `axis`: `result[..., j, ...] = Σ_k self[..., k, j, ...]`.
    /// - Parameter keepDims: Keep the reduced axis with extent 1 (so the result broadcasts back).
    @differentiable(reverse)
    public func sum(axis: Int, keepDims: Bool = false) -> Tensor {
        reduce(axis: axis, keepDims: keepDims, "sum(axis:)") { $0 + $1 }
    }

    @derivative(of: sum(axis:keepDims:))
    public func vjpSum(axis: Int, keepDims: Bool) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
        let shape = self.shape
        let kept = self.shape(reducing: layout(around: axis, "sum(axis:)").axis, keepDims: true)
        let value = sum(axis: axis, keepDims: keepDims)
        return (value, { upstream in
            upstream.expanded(to: value.shape).reshaped(to: kept).broadcasted(to: shape)
        })
    }

    /// The mean of all scalars, as a rank-0 tensor.
    @differentiable(reverse)
    public func mean() -> Tensor { sum() / withoutDerivative(at: Float(scalarCount)) }

    /// The mean along `axis`.
    @differentiable(reverse)
    public func mean(axis: Int, keepDims: Bool = false) -> Tensor {
        sum(axis: axis, keepDims: keepDims) / withoutDerivative(at: Float(layout(around: axis, "mean(axis:)").length))
    }

    /// The (biased, divide-by-n) variance along `axis`: `mean((x - mean(x))²)`.
    @differentiable(reverse)
    public func variance(axis: Int, keepDims: Bool = false) -> Tensor {
        let centered = self - mean(axis: axis, keepDims: true)
        return (centered * centered).mean(axis: axis, keepDims: keepDims)
    }

    /// The (biased) variance of all scalars.
    @differentiable(reverse)
    public func variance() -> Tensor {
        let centered = self - mean()
        return (centered * centered).mean()
    }
}

// MARK: - Max, min and arg max

extension Tensor {
    /// The maximum along `axis`. Its gradient flows to the first maximal element.
    @differentiable(reverse)
    public func max(axis: Int, keepDims: Bool = false) -> Tensor {
        reduce(axis: axis, keepDims: keepDims, "max(axis:)") { Swift.max($0, $1) }
    }

    @derivative(of: max(axis:keepDims:))
    public func vjpMax(axis: Int, keepDims: Bool) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
        let value = max(axis: axis, keepDims: keepDims)
        return (value, selectionPullback(axis: axis, valueShape: value.shape, indices: argmax(axis: axis)))
    }

    /// The minimum along `axis`. Its gradient flows to the first minimal element.
    @differentiable(reverse)
    public func min(axis: Int, keepDims: Bool = false) -> Tensor {
        reduce(axis: axis, keepDims: keepDims, "min(axis:)") { Swift.min($0, $1) }
    }

    @derivative(of: min(axis:keepDims:))
    public func vjpMin(axis: Int, keepDims: Bool) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
        let value = min(axis: axis, keepDims: keepDims)
        return (value, selectionPullback(axis: axis, valueShape: value.shape, indices: (-self).argmax(axis: axis)))
    }

    /// The largest scalar, as a rank-0 tensor.
    @differentiable(reverse)
    public func max() -> Tensor { reshaped(to: withoutDerivative(at: self).flatShape).max(axis: 0) }

    /// The smallest scalar, as a rank-0 tensor.
    @differentiable(reverse)
    public func min() -> Tensor { reshaped(to: withoutDerivative(at: self).flatShape).min(axis: 0) }

    /// The index along `axis` of the first maximal element, for each position of the other axes,
    /// in row-major order (for a `[batch, classes]` tensor and `axis: 1`, one class per row).
    public func argmax(axis: Int) -> [Int] {
        let (_, outer, length, inner) = layout(around: axis, "argmax(axis:)")
        precondition(length > 0, "argmax(axis:): axis \(axis) of shape \(shape) is empty")
        var result = [Int](repeating: 0, count: outer * inner)
        let source = storage.pointer
        for o in 0..<outer {
            for j in 0..<inner {
                var best = source[o * length * inner + j]
                for k in 1..<length where source[(o * length + k) * inner + j] > best {
                    best = source[(o * length + k) * inner + j]
                    result[o * inner + j] = k
                }
            }
        }
        return result
    }

    /// Routes `upstream` (reduced shape) to the selected element of each slice along `axis`.
    private func selectionPullback(axis: Int, valueShape: [Int], indices: [Int]) -> (Tensor) -> Tensor {
        let (_, outer, length, inner) = layout(around: axis, "max(axis:)")
        let shape = self.shape
        return { upstream in
            let upstream = upstream.expanded(to: valueShape)
            let u = upstream.storage.pointer
            return Tensor(shape: shape) { out, count in
                out.initialize(repeating: 0, count: count)
                for o in 0..<outer {
                    for j in 0..<inner {
                        out[(o * length + indices[o * inner + j]) * inner + j] = u[o * inner + j]
                    }
                }
            }
        }
    }
}

// MARK: - Log-sum-exp

extension Tensor {
    /// Returns the log of the sum of exponentials along `axis`, computed stably.
    ///
    /// `logSumExp(x) = m + log(Σ exp(x - m))` where `m = max(x)`.
    /// Its gradient is `softmax(x)` along `axis` times the upstream gradient.
    @differentiable(reverse)
    public func logSumExp(axis: Int, keepDims: Bool = false) -> Tensor {
        let (axis, outer, length, inner) = layout(around: axis, "logSumExp(axis:)")
        let maximum = withoutDerivative(at: self).max(axis: axis, keepDims: true)
        let source = storage.pointer, m = maximum.storage.pointer
        return Tensor(shape: shape(reducing: axis, keepDims: keepDims)) { out, _ in
            for o in 0..<outer {
                for j in 0..<inner {
                    let offset = m[o * inner + j]
                    // Subtract the max so that `exp` cannot overflow.
                    var total: Float = 0
                    for k in 0..<length { total += fastExp(source[(o * length + k) * inner + j] - offset) }
                    out[o * inner + j] = offset + Foundation.log(total)
                }
            }
        }
    }

    @derivative(of: logSumExp(axis:keepDims:))
    public func vjpLogSumExp(axis: Int, keepDims: Bool) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
        let value = logSumExp(axis: axis, keepDims: keepDims)
        let kept = shape(reducing: layout(around: axis, "logSumExp(axis:)").axis, keepDims: true)
        return (value, { upstream in
            let weights = exp(self - value.reshaped(to: kept))
            return weights * upstream.expanded(to: value.shape).reshaped(to: kept)
        })
    }
}
