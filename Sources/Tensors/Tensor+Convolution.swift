/// The zeros added on each side of a convolution's input: `top` rows above the image, `bottom`
/// rows below it, `left` and `right` columns. A negative amount crops that side instead (the
/// gated PixelCNN's window strictly above the pixel never reads the image's last row).
public struct ConvolutionPadding: Equatable, Sendable {
    public var top, bottom, left, right: Int

    /// Padding of `top`, `bottom`, `left` and `right` zeros.
    public init(top: Int, bottom: Int, left: Int, right: Int) {
        (self.top, self.bottom, self.left, self.right) = (top, bottom, left, right)
    }

    /// The same padding on every side.
    public init(_ amount: Int) { self.init(top: amount, bottom: amount, left: amount, right: amount) }
}

/// The geometry of a 2-D convolution over NCHW tensors with a square stride.
@usableFromInline
struct ConvolutionGeometry {
    let batch, channels, height, width: Int
    let filters, kernelHeight, kernelWidth: Int
    let stride: Int
    let padding: ConvolutionPadding
    let outputHeight, outputWidth: Int

    /// `channels * kernelHeight * kernelWidth`, the rows of one image's column matrix.
    var patchSize: Int { channels * kernelHeight * kernelWidth }
    /// `outputHeight * outputWidth`, the columns of one image's column matrix.
    var outputPlane: Int { outputHeight * outputWidth }

    /// Geometry of `conv2D(input, filter)` with input `[N, C, H, W]`, filter `[O, C, kh, kw]`:
    /// an output of `(H + top + bottom - kh) / stride + 1` rows and `(W + left + right - kw) / stride + 1` columns.
    init(input: [Int], filter: [Int], stride: Int, padding: ConvolutionPadding, _ operation: String) {
        precondition(input.count == 4 && filter.count == 4 && input[1] == filter[1],
                     "\(operation): input \(input) and filter \(filter) do not fit (NCHW, OIHW)")
        precondition(stride > 0, "\(operation): stride \(stride)")
        (batch, channels, height, width) = (input[0], input[1], input[2], input[3])
        (filters, kernelHeight, kernelWidth) = (filter[0], filter[2], filter[3])
        (self.stride, self.padding) = (stride, padding)
        let (paddedHeight, paddedWidth) = (height + padding.top + padding.bottom, width + padding.left + padding.right)
        precondition(paddedHeight >= kernelHeight && paddedWidth >= kernelWidth,
                     "\(operation): kernel \(filter) larger than padded input \(input) (padding \(padding))")
        outputHeight = (paddedHeight - kernelHeight) / stride + 1
        outputWidth = (paddedWidth - kernelWidth) / stride + 1
    }

    /// The number of images whose column matrices are built together, so that one GEMM covers
    /// them all (small per-image products run far below the machine's peak), within 1 MB so the
    /// scratch stays in the cache and below the allocator's threshold for fresh pages.
    var imagesPerChunk: Int { Swift.max(1, Swift.min(batch, (1 << 18) / Swift.max(patchSize * outputPlane, 1))) }

    /// Calls `body(images, columns, chunk)` for consecutive ranges of images with scratch buffers
    /// for their column matrix `[C kh kw, m P]` and output matrix `[O, m P]`.
    func forEachChunk(_ body: (Range<Int>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>) -> Void) {
        let perChunk = imagesPerChunk
        let (columnCount, matrixCount) = (patchSize * perChunk * outputPlane, filters * perChunk * outputPlane)
        let columns = BufferPool.shared.take(count: columnCount)
        let matrix = BufferPool.shared.take(count: matrixCount)
        defer {
            BufferPool.shared.give(columns, count: columnCount)
            BufferPool.shared.give(matrix, count: matrixCount)
        }
        for start in Swift.stride(from: 0, to: batch, by: perChunk) {
            body(start..<Swift.min(batch, start + perChunk), columns, matrix)
        }
    }

    /// `output = filter [O, C kh kw] • im2col(input) (+ bias [O] on every pixel)`, shape `[N, O, Ho, Wo]`.
    func forward(_ input: Tensor, _ filter: Tensor, bias: Tensor? = nil) -> Tensor {
        Tensor(shape: [batch, filters, outputHeight, outputWidth]) { out, _ in
            forEachChunk { images, columns, matrix in
                im2col(input.storage.pointer, images: images, into: columns)
                let product = productTarget(out, chunk: matrix, range: images)
                sgemm(filter.storage.pointer, rows: filters, columns: patchSize, transposed: false,
                      columns, rows: patchSize, columns: images.count * outputPlane, transposed: false, into: product)
                finishProduct(out, chunk: matrix, range: images, adding: bias?.storage.pointer)
            }
        }
    }

    /// `dInput = col2im(filterᵀ • upstream)`, shape `[N, C, H, W]`.
    func inputGradient(_ upstream: Tensor, _ filter: Tensor) -> Tensor {
        Tensor(shape: [batch, channels, height, width]) { out, count in
            out.initialize(repeating: 0, count: count)
            forEachChunk { images, columns, matrix in
                let chunk = channelMajor(upstream.storage.pointer, chunk: matrix, range: images)
                addInputGradient(chunk, filter, images: images, columns: columns, into: out)
            }
        }
    }

    /// The pullback of `conv2D`: `dInput = inputGradient(upstream, filter)` and
    /// `dFilter = upstream • im2col(input)ᵀ` summed over the batch (`[O, C, kh, kw]`), moving each
    /// chunk of `upstream` into channel-major order once for both products.
    func gradients(_ input: Tensor, _ filter: Tensor, upstream: Tensor) -> (input: Tensor, filter: Tensor) {
        let inputGradient = Tensor(shape: [batch, channels, height, width]) { out, count in
            out.initialize(repeating: 0, count: count)
        }
        let filterGradient = Tensor(shape: [filters, channels, kernelHeight, kernelWidth]) { out, count in
            out.initialize(repeating: 0, count: count)
            forEachChunk { images, columns, matrix in
                let chunk = channelMajor(upstream.storage.pointer, chunk: matrix, range: images)
                addInputGradient(chunk, filter, images: images, columns: columns, into: inputGradient.storage.pointer)
                im2col(input.storage.pointer, images: images, into: columns)
                accumulateFilterGradient(chunk, columns, images: images, into: out)
            }
        }
        return (inputGradient, filterGradient)
    }

    /// `dInput += col2im(filterᵀ • matrix)` for the chunk `images`, with `matrix` `[O, m P]` the
    /// chunk's upstream; `columns` is the scratch for the product.
    private func addInputGradient(_ matrix: UnsafePointer<Float>, _ filter: Tensor, images: Range<Int>,
                                  columns: UnsafeMutablePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        sgemm(filter.storage.pointer, rows: filters, columns: patchSize, transposed: true,
              matrix, rows: filters, columns: images.count * outputPlane, transposed: false, into: columns)
        col2im(columns, images: images, addingInto: out)
    }

    /// `dFilter += matrix [O, m P] • columnsᵀ`.
    private func accumulateFilterGradient(_ matrix: UnsafePointer<Float>, _ columns: UnsafePointer<Float>,
                                          images: Range<Int>, into out: UnsafeMutablePointer<Float>) {
        sgemm(matrix, rows: filters, columns: images.count * outputPlane, transposed: false,
              columns, rows: patchSize, columns: images.count * outputPlane, transposed: true,
              into: out, beta: 1)
    }

    /// `(forward(input, filter), dFilter)` (`dFilter` as in `gradients`) with one im2col of `input`
    /// per chunk: the pullback of `convTranspose2D`, whose upstream is this convolution's input.
    func forwardAndFilterGradient(_ input: Tensor, _ filter: Tensor, upstream: Tensor) -> (Tensor, Tensor) {
        // Every scalar of `value` is written chunk by chunk below (`Float` needs no initialisation).
        let value = Tensor(shape: [batch, filters, outputHeight, outputWidth]) { _, _ in }
        let output = value.storage.pointer
        let filterGradient = Tensor(shape: [filters, channels, kernelHeight, kernelWidth]) { out, count in
            out.initialize(repeating: 0, count: count)
            forEachChunk { images, columns, matrix in
                im2col(input.storage.pointer, images: images, into: columns)
                sgemm(filter.storage.pointer, rows: filters, columns: patchSize, transposed: false,
                      columns, rows: patchSize, columns: images.count * outputPlane, transposed: false,
                      into: productTarget(output, chunk: matrix, range: images))
                finishProduct(output, chunk: matrix, range: images)
                let chunk = channelMajor(upstream.storage.pointer, chunk: matrix, range: images)
                accumulateFilterGradient(chunk, columns, images: images, into: out)
            }
        }
        return (value, filterGradient)
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
    precondition(padding >= 0, "conv2D: padding \(padding)")
    return conv2D(input, filter: filter, stride: stride, padding: ConvolutionPadding(padding))
}

/// `conv2D` with its own padding on each side: `output[n, o, i, j] = Σ_{c, a, b} filter[o, c, a, b] ·
/// input[n, c, i·s - top + a, j·s - left + b]`, zero outside the image, shape
/// `[N, O, (H + top + bottom - kh) / s + 1, (W + left + right - kw) / s + 1]`. A negative
/// padding crops its side. Takes the same fast paths as the symmetric convolution.
@differentiable(reverse, wrt: (input, filter))
public func conv2D(_ input: Tensor, filter: Tensor, stride: Int = 1, padding: ConvolutionPadding) -> Tensor {
    ConvolutionGeometry(input: input.shape, filter: filter.shape, stride: stride, padding: padding, "conv2D")
        .forward(input, filter)
}

/// `conv2D(input, filter:, stride:, padding:) + bias`, the bias `[O]` broadcast over N, H and W,
/// in one pass: the bias is added as the product moves into NCHW planes, and its gradient
/// `Σ_{n, i, j} upstream[n, o, i, j]` is summed in the pullback. The layers' convolution.
@differentiable(reverse, wrt: (input, filter, bias))
public func conv2D(_ input: Tensor, filter: Tensor, bias: Tensor, stride: Int = 1, padding: ConvolutionPadding) -> Tensor {
    biasedGeometry(input, filter, bias, stride, padding).forward(input, filter, bias: bias)
}

@derivative(of: conv2D(_:filter:bias:stride:padding:), wrt: (input, filter, bias))
public func vjpConv2D(_ input: Tensor, filter: Tensor, bias: Tensor, stride: Int, padding: ConvolutionPadding)
    -> (value: Tensor, pullback: (Tensor) -> (Tensor, Tensor, Tensor)) {
    let geometry = biasedGeometry(input, filter, bias, stride, padding)
    let value = geometry.forward(input, filter, bias: bias)
    return (value, { upstream in
        let upstream = upstream.expanded(to: value.shape)
        let gradients = geometry.gradients(input, filter, upstream: upstream)
        return (gradients.input, gradients.filter, geometry.biasGradient(upstream))
    })
}

/// The geometry of `conv2D(input, filter:, bias:, ...)`, checking that there is one bias per filter.
private func biasedGeometry(_ input: Tensor, _ filter: Tensor, _ bias: Tensor, _ stride: Int,
                            _ padding: ConvolutionPadding) -> ConvolutionGeometry {
    let geometry = ConvolutionGeometry(input: input.shape, filter: filter.shape, stride: stride, padding: padding, "conv2D")
    precondition(bias.shape == [geometry.filters], "conv2D: bias \(bias.shape) does not fit filter \(filter.shape)")
    return geometry
}

@derivative(of: conv2D(_:filter:stride:padding:), wrt: (input, filter))
public func vjpConv2D(_ input: Tensor, filter: Tensor, stride: Int, padding: ConvolutionPadding)
    -> (value: Tensor, pullback: (Tensor) -> (Tensor, Tensor)) {
    let geometry = ConvolutionGeometry(input: input.shape, filter: filter.shape, stride: stride, padding: padding, "conv2D")
    let value = geometry.forward(input, filter)
    return (value, { upstream in
        let gradients = geometry.gradients(input, filter, upstream: upstream.expanded(to: value.shape))
        return (gradients.input, gradients.filter)
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
        geometry.forwardAndFilterGradient(upstream.expanded(to: value.shape), filter, upstream: input)
    })
}

/// The geometry of the convolution whose input gradient is `convTranspose2D(input, filter)`.
private func transposedGeometry(_ input: [Int], _ filter: [Int], _ stride: Int, _ padding: Int) -> ConvolutionGeometry {
    precondition(input.count == 4 && filter.count == 4 && input[1] == filter[0],
                 "convTranspose2D: input \(input) and filter \(filter) do not fit (NCHW, [Cin, Cout, kh, kw])")
    let height = (input[2] - 1) * stride - 2 * padding + filter[2]
    let width = (input[3] - 1) * stride - 2 * padding + filter[3]
    let geometry = ConvolutionGeometry(input: [input[0], filter[1], height, width], filter: filter,
                                       stride: stride, padding: ConvolutionPadding(padding), "convTranspose2D")
    precondition(geometry.outputHeight == input[2] && geometry.outputWidth == input[3],
                 "convTranspose2D: input \(input) does not invert to \([input[0], filter[1], height, width])")
    return geometry
}
