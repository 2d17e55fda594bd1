// MARK: - Average pooling

/// 2-D average pooling over NCHW input with a square window of `size` moved by `stride`
/// (defaults to `size`, non-overlapping), no padding.
///
/// `output[n, c, i, j] = mean_{a, b < size} input[n, c, i·s + a, j·s + b]`; `[N, C, H, W]` gives
/// `[N, C, (H - size) / s + 1, (W - size) / s + 1]`.
@differentiable(reverse, wrt: input)
public func averagePool2D(_ input: Tensor, size: Int, stride: Int? = nil) -> Tensor {
    let window = PoolingWindow(input.shape, size: size, stride: stride ?? size)
    let source = input.storage.pointer
    let scale = 1 / Float(size * size)
    return Tensor(shape: window.outputShape) { out, _ in
        window.forEachWindow { inputOffset, outputIndex in
            var total: Float = 0
            for a in 0..<size {
                for b in 0..<size { total += source[inputOffset + a * window.width + b] }
            }
            out[outputIndex] = total * scale
        }
    }
}

@derivative(of: averagePool2D, wrt: input)
public func vjpAveragePool2D(_ input: Tensor, size: Int, stride: Int?)
    -> (value: Tensor, pullback: (Tensor) -> Tensor) {
    let window = PoolingWindow(input.shape, size: size, stride: stride ?? size)
    let value = averagePool2D(input, size: size, stride: stride)
    let scale = 1 / Float(size * size)
    return (value, { upstream in
        let u = upstream.expanded(to: value.shape).storage.pointer
        return Tensor(shape: input.shape) { out, count in
            out.initialize(repeating: 0, count: count)
            window.forEachWindow { inputOffset, outputIndex in
                let share = u[outputIndex] * scale
                for a in 0..<size {
                    for b in 0..<size { out[inputOffset + a * window.width + b] += share }
                }
            }
        }
    })
}

/// The windows of a square pooling over NCHW input.
struct PoolingWindow {
    let planes, height, width, size, stride, outputHeight, outputWidth: Int
    let outputShape: [Int]

    init(_ shape: [Int], size: Int, stride: Int) {
        precondition(shape.count == 4 && size > 0 && stride > 0 && shape[2] >= size && shape[3] >= size,
                     "averagePool2D: input \(shape) with window \(size) and stride \(stride)")
        (planes, height, width) = (shape[0] * shape[1], shape[2], shape[3])
        (self.size, self.stride) = (size, stride)
        outputHeight = (height - size) / stride + 1
        outputWidth = (width - size) / stride + 1
        outputShape = [shape[0], shape[1], outputHeight, outputWidth]
    }

    /// Calls `body(offset of the window's top-left input element, output index)` for each window.
    func forEachWindow(_ body: (Int, Int) -> Void) {
        var outputIndex = 0
        for plane in 0..<planes {
            for i in 0..<outputHeight {
                for j in 0..<outputWidth {
                    body((plane * height + i * stride) * width + j * stride, outputIndex)
                    outputIndex += 1
                }
            }
        }
    }
}

// MARK: - Nearest-neighbour upsampling

/// Nearest-neighbour upsampling of NCHW input by an integer `factor`:
/// `output[n, c, i, j] = input[n, c, i / factor, j / factor]`, shape `[N, C, H f, W f]`.
/// The gradient sums each `factor x factor` block.
@differentiable(reverse, wrt: input)
public func upsampleNearest2D(_ input: Tensor, factor: Int) -> Tensor {
    precondition(input.rank == 4 && factor > 0, "upsampleNearest2D: input \(input.shape), factor \(factor)")
    let (planes, height, width) = (input.shape[0] * input.shape[1], input.shape[2], input.shape[3])
    let source = input.storage.pointer
    let outputWidth = width * factor
    return Tensor(shape: [input.shape[0], input.shape[1], height * factor, outputWidth]) { out, _ in
        var index = 0
        for plane in 0..<planes {
            for i in 0..<(height * factor) {
                let row = source + (plane * height + i / factor) * width
                for j in 0..<outputWidth {
                    out[index] = row[j / factor]
                    index += 1
                }
            }
        }
    }
}

@derivative(of: upsampleNearest2D, wrt: input)
public func vjpUpsampleNearest2D(_ input: Tensor, factor: Int) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
    let value = upsampleNearest2D(input, factor: factor)
    return (value, { upstream in
        // Summing each block is average pooling scaled by the block's area.
        averagePool2D(upstream.expanded(to: value.shape), size: factor) * Float(factor * factor)
    })
}
