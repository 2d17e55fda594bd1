// MARK: - Running sums along an axis

extension Tensor {
    /// The running sum along `axis`: `result[..., k, ...] = Σ_(j ≤ k) self[..., j, ...]`, or
    /// `Σ_(j < k)` when `exclusive` (then the first entry along the axis is 0).
    ///
    /// The shape is unchanged. NADE uses the exclusive form to give pixel `i` the hidden
    /// pre-activation `c + Σ_(j < i) W_j x_j` of every earlier pixel at once.
    /// - Parameter axis: The axis to accumulate along (negative axes count from the end).
    @differentiable(reverse)
    public func cumulativeSum(axis: Int, exclusive: Bool = false) -> Tensor {
        runningSum(axis: axis, exclusive: exclusive, reversed: false)
    }

    @derivative(of: cumulativeSum(axis:exclusive:))
    public func vjpCumulativeSum(axis: Int, exclusive: Bool) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
        // Each input feeds every later (or, inclusive, also its own) output: the pullback is the
        // same running sum taken from the far end.
        (runningSum(axis: axis, exclusive: exclusive, reversed: false), { upstream in
            upstream.runningSum(axis: axis, exclusive: exclusive, reversed: true)
        })
    }

    /// The running sum along `axis`, from the start or (`reversed`) from the end.
    func runningSum(axis: Int, exclusive: Bool, reversed: Bool) -> Tensor {
        let (_, outer, length, inner) = layout(around: axis, "cumulativeSum(axis:)")
        let source = storage.pointer
        return Tensor(shape: shape) { out, _ in
            for o in 0..<outer {
                let base = o * length * inner
                var running = [Float](repeating: 0, count: inner)
                for step in 0..<length {
                    let offset = base + (reversed ? length - 1 - step : step) * inner
                    for j in 0..<inner {
                        if exclusive {
                            out[offset + j] = running[j]
                            running[j] += source[offset + j]
                        } else {
                            running[j] += source[offset + j]
                            out[offset + j] = running[j]
                        }
                    }
                }
            }
        }
    }
}
