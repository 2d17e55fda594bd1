/// The geometry of a 2-D convolution over NCHW tensors with square stride and padding.
@usableFromInline
struct ConvolutionGeometry {
    let batch, channels, height, width: Int
    let filters, kernelHeight, kernelWidth: Int
    let stride, padding: Int
    let outputHeight, outputWidth: Int

    /// `channels * kernelHeight * kernelWidth`, the rows of one image's column matrix.
    var patchSize: Int { channels * kernelHeight * kernelWidth }
    /// `outputHeight * outputWidth`, the columns of one image's column matrix.
    var outputPlane: Int { outputHeight * outputWidth }

    /// Geometry of `conv2D(input, filter)` with input `[N, C, H, W]`, filter `[O, C, kh, kw]`.
    init(input: [Int], filter: [Int], stride: Int, padding: Int, _ operation: String) {
        precondition(input.count == 4 && filter.count == 4 && input[1] == filter[1],
                     "\(operation): input \(input) and filter \(filter) do not fit (NCHW, OIHW)")
        precondition(stride > 0 && padding >= 0, "\(operation): stride \(stride), padding \(padding)")
        (batch, channels, height, width) = (input[0], input[1], input[2], input[3])
        (filters, kernelHeight, kernelWidth) = (filter[0], filter[2], filter[3])
        (self.stride, self.padding) = (stride, padding)
        outputHeight = (height + 2 * padding - kernelHeight) / stride + 1
        outputWidth = (width + 2 * padding - kernelWidth) / stride + 1
        precondition(outputHeight > 0 && outputWidth > 0,
                     "\(operation): kernel \(filter) larger than padded input \(input)")
    }

    /// Copies the patches of one image `[C, H, W]` into columns `[C kh kw, Ho Wo]` (zero padding).
    func im2col(_ image: UnsafePointer<Float>, into columns: UnsafeMutablePointer<Float>) {
        for c in 0..<channels {
            for ki in 0..<kernelHeight {
                for kj in 0..<kernelWidth {
                    let row = columns + ((c * kernelHeight + ki) * kernelWidth + kj) * outputPlane
                    for oh in 0..<outputHeight {
                        let ih = oh * stride - padding + ki
                        let destination = row + oh * outputWidth
                        guard ih >= 0 && ih < height else {
                            destination.update(repeating: 0, count: outputWidth)
                            continue
                        }
                        let source = image + (c * height + ih) * width
                        for ow in 0..<outputWidth {
                            let iw = ow * stride - padding + kj
                            destination[ow] = iw >= 0 && iw < width ? source[iw] : 0
                        }
                    }
                }
            }
        }
    }

    /// Adds columns `[C kh kw, Ho Wo]` back into one image `[C, H, W]`: the adjoint of `im2col`.
    func col2im(_ columns: UnsafePointer<Float>, addingInto image: UnsafeMutablePointer<Float>) {
        for c in 0..<channels {
            for ki in 0..<kernelHeight {
                for kj in 0..<kernelWidth {
                    let row = columns + ((c * kernelHeight + ki) * kernelWidth + kj) * outputPlane
                    for oh in 0..<outputHeight {
                        let ih = oh * stride - padding + ki
                        guard ih >= 0 && ih < height else { continue }
                        let destination = image + (c * height + ih) * width
                        let source = row + oh * outputWidth
                        for ow in 0..<outputWidth {
                            let iw = ow * stride - padding + kj
                            if iw >= 0 && iw < width { destination[iw] += source[ow] }
                        }
                    }
                }
            }
        }
    }

    /// `output[n] = filter [O, C kh kw] • im2col(input[n])`, shape `[N, O, Ho, Wo]`.
    func forward(_ input: Tensor, _ filter: Tensor) -> Tensor {
        let columns = UnsafeMutablePointer<Float>.allocate(capacity: patchSize * outputPlane)
        defer { columns.deallocate() }
        return Tensor(shape: [batch, filters, outputHeight, outputWidth]) { out, _ in
            for n in 0..<batch {
                im2col(input.storage.pointer + n * channels * height * width, into: columns)
                sgemm(filter.storage.pointer, rows: filters, columns: patchSize, transposed: false,
                      columns, rows: patchSize, columns: outputPlane, transposed: false,
                      into: out + n * filters * outputPlane)
            }
        }
    }

    /// `dInput[n] = col2im(filterᵀ • upstream[n])`, shape `[N, C, H, W]`.
    func inputGradient(_ upstream: Tensor, _ filter: Tensor) -> Tensor {
        let columns = UnsafeMutablePointer<Float>.allocate(capacity: patchSize * outputPlane)
        defer { columns.deallocate() }
        return Tensor(shape: [batch, channels, height, width]) { out, count in
            out.initialize(repeating: 0, count: count)
            for n in 0..<batch {
                sgemm(filter.storage.pointer, rows: filters, columns: patchSize, transposed: true,
                      upstream.storage.pointer + n * filters * outputPlane, rows: filters, columns: outputPlane,
                      transposed: false, into: columns)
                col2im(columns, addingInto: out + n * channels * height * width)
            }
        }
    }

    /// `dFilter = Σ_n upstream[n] • im2col(input[n])ᵀ`, shape `[O, C, kh, kw]`.
    func filterGradient(_ input: Tensor, _ upstream: Tensor) -> Tensor {
        let columns = UnsafeMutablePointer<Float>.allocate(capacity: patchSize * outputPlane)
        defer { columns.deallocate() }
        return Tensor(shape: [filters, channels, kernelHeight, kernelWidth]) { out, count in
            out.initialize(repeating: 0, count: count)
            for n in 0..<batch {
                im2col(input.storage.pointer + n * channels * height * width, into: columns)
                sgemm(upstream.storage.pointer + n * filters * outputPlane, rows: filters, columns: outputPlane,
                      transposed: false, columns, rows: patchSize, columns: outputPlane, transposed: true,
                      into: out, beta: 1)
            }
        }
    }
}

// MARK: - Convolution

/// 2-D cross-correlation (PyTorch's `conv2d` without bias), computed as im2col + GEMM.
///
/// `output[n, o, i, j] = Σ_{c, a, b} filter[o, c, a, b] · input[n, c, i·s - p + a, j·s - p + b]`
/// with zero padding. `input` `[N, C, H, W]`, `filter` `[O, C, kh, kw]`; the result is
/// `[N, O, (H + 2p - kh) / s + 1, (W + 2p - kw) / s + 1]`.
@differentiable(reverse, wrt: (input, filter))
public func conv2D(_ input: Tensor, filter: Tensor, stride: Int = 1, padding: Int = 0) -> Tensor {
    ConvolutionGeometry(input: input.shape, filter: filter.shape, stride: stride, padding: padding, "conv2D")
        .forward(input, filter)
}

@derivative(of: conv2D, wrt: (input, filter))
public func vjpConv2D(_ input: Tensor, filter: Tensor, stride: Int, padding: Int)
    -> (value: Tensor, pullback: (Tensor) -> (Tensor, Tensor)) {
    let geometry = ConvolutionGeometry(input: input.shape, filter: filter.shape, stride: stride, padding: padding, "conv2D")
    let value = geometry.forward(input, filter)
    return (value, { upstream in
        let upstream = upstream.expanded(to: value.shape)
        return (geometry.inputGradient(upstream, filter), geometry.filterGradient(input, upstream))
    })
}

/// 2-D transposed convolution (PyTorch's `conv_transpose2d` without bias): the adjoint of
/// `conv2D` with respect to its input, used to upsample.
///
/// `input` `[N, Cin, H, W]`, `filter` `[Cin, Cout, kh, kw]` (PyTorch's layout); the result is
/// `[N, Cout, (H - 1) s - 2p + kh, (W - 1) s - 2p + kw]`.
@differentiable(reverse, wrt: (input, filter))
public func convTranspose2D(_ input: Tensor, filter: Tensor, stride: Int = 1, padding: Int = 0) -> Tensor {
    transposedGeometry(input.shape, filter.shape, stride, padding).inputGradient(input, filter)
}

@derivative(of: convTranspose2D, wrt: (input, filter))
public func vjpConvTranspose2D(_ input: Tensor, filter: Tensor, stride: Int, padding: Int)
    -> (value: Tensor, pullback: (Tensor) -> (Tensor, Tensor)) {
    let geometry = transposedGeometry(input.shape, filter.shape, stride, padding)
    let value = geometry.inputGradient(input, filter)
    return (value, { upstream in
        let upstream = upstream.expanded(to: value.shape)
        return (geometry.forward(upstream, filter), geometry.filterGradient(upstream, input))
    })
}

/// The geometry of the convolution whose input gradient is `convTranspose2D(input, filter)`.
private func transposedGeometry(_ input: [Int], _ filter: [Int], _ stride: Int, _ padding: Int) -> ConvolutionGeometry {
    precondition(input.count == 4 && filter.count == 4 && input[1] == filter[0],
                 "convTranspose2D: input \(input) and filter \(filter) do not fit (NCHW, [Cin, Cout, kh, kw])")
    let height = (input[2] - 1) * stride - 2 * padding + filter[2]
    let width = (input[3] - 1) * stride - 2 * padding + filter[3]
    let geometry = ConvolutionGeometry(input: [input[0], filter[1], height, width], filter: filter,
                                       stride: stride, padding: padding, "convTranspose2D")
    precondition(geometry.outputHeight == input[2] && geometry.outputWidth == input[3],
                 "convTranspose2D: input \(input) does not invert to \([input[0], filter[1], height, width])")
    return geometry
}
