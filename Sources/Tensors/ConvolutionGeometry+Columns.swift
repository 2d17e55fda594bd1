/// im2col and its adjoint col2im: the patches of every output pixel as the columns of a matrix.
///
/// Row `(c, ki, kj)` of one image's columns is its input plane `c` sampled at
/// `(oh · s - top + ki, ow · s - left + kj)` for every output pixel `(oh, ow)`, zero outside the
/// image (`top` and `left` are the padding's, negative when it crops).
/// When the stride divides the image and an output row is as long as an input row divided by the
/// stride (`shiftsWholePlanes`: the 3×3 convolutions with padding 1, and the 4×4 ones with stride 2
/// and padding 1 on even sizes), that sample is one of the `s²` phase planes
/// `x[i s + a, j s + b]` shifted by a constant, and a whole plane moves in one contiguous loop
/// instead of one short loop per output row.
extension ConvolutionGeometry {
    /// The output columns `ow` whose input column `ow · stride - left + kernelColumn` lies
    /// inside the image, so the copying loops need no bounds test per element.
    @inline(__always)
    func validColumns(kernelColumn: Int) -> Range<Int> {
        validOutputs(offset: kernelColumn - padding.left, inputExtent: width, outputExtent: outputWidth)
    }

    /// The output rows `oh` whose input row `oh · stride - top + kernelRow` lies inside the image.
    @inline(__always)
    func validRows(kernelRow: Int) -> Range<Int> {
        validOutputs(offset: kernelRow - padding.top, inputExtent: height, outputExtent: outputHeight)
    }

    @inline(__always)
    private func validOutputs(offset: Int, inputExtent: Int, outputExtent: Int) -> Range<Int> {
        let first = Swift.min(outputExtent, offset >= 0 ? 0 : (-offset + stride - 1) / stride)
        let last = inputExtent - 1 - offset < 0 ? -1 : Swift.min(outputExtent - 1, (inputExtent - 1 - offset) / stride)
        return first..<Swift.max(first, last + 1)
    }

    /// Whether every im2col row is a shifted phase plane (see the type's comment): the stride
    /// divides the image and `outputWidth == width / stride`.
    var shiftsWholePlanes: Bool { height % stride == 0 && width % stride == 0 && outputWidth == width / stride }

    /// The phase `a` and shift `q` of an input offset `k - padding` (the kernel offset less the
    /// top or left padding): `offset = q · stride + a`, `0 ≤ a < stride`.
    @inline(__always)
    private func phaseAndShift(offset: Int) -> (phase: Int, shift: Int) {
        let shift = offset >= 0 ? offset / stride : -((-offset + stride - 1) / stride)
        return (offset - shift * stride, shift)
    }

    /// The phase plane `(ki, kj)` reads and the shift it is read at: plane `a s + b` of
    /// `stride²` planes of `(H / s) (W / s)` scalars, the shift in scalars of that plane.
    @inline(__always)
    private func shiftedPhase(kernelRow ki: Int, kernelColumn kj: Int) -> (plane: Int, rows: Range<Int>, columns: Range<Int>, shift: Int) {
        let (a, q) = phaseAndShift(offset: ki - padding.top), (b, r) = phaseAndShift(offset: kj - padding.left)
        let (phaseHeight, phaseWidth) = (height / stride, width / stride)
        let rows = Swift.max(0, -q)..<Swift.max(Swift.max(0, -q), Swift.min(outputHeight, phaseHeight - q))
        let columns = Swift.max(0, -r)..<Swift.max(Swift.max(0, -r), Swift.min(outputWidth, phaseWidth - r))
        return ((a * stride + b) * phaseHeight * phaseWidth, rows, columns, q * phaseWidth + r)
    }

    /// Calls `body(ki, kj, row)` with the part of column row `(c, ki, kj)` that belongs to image
    /// `image` of the chunk, for every kernel offset in order.
    @inline(__always)
    private func forEachRow(of columns: UnsafeMutablePointer<Float>, channel c: Int, image: Int, rowLength: Int,
                            _ body: (Int, Int, UnsafeMutablePointer<Float>) -> Void) {
        for ki in 0..<kernelHeight {
            for kj in 0..<kernelWidth {
                body(ki, kj, columns + ((c * kernelHeight + ki) * kernelWidth + kj) * rowLength + image * outputPlane)
            }
        }
    }

    // MARK: - im2col

    /// Copies the patches of `images` of `input` into columns `[C kh kw, images.count · Ho Wo]`,
    /// image `k` of the chunk in columns `k Ho Wo ..< (k + 1) Ho Wo` (zero padding).
    func im2col(_ input: UnsafePointer<Float>, images: Range<Int>, into columns: UnsafeMutablePointer<Float>) {
        let rowLength = images.count * outputPlane
        let byPlanes = shiftsWholePlanes
        // Channels fill disjoint rows, so they are copied in parallel.
        parallelForEach(channels) { channelRange in
            withPhaseScratch { phases in
                for (k, n) in images.enumerated() {
                    for c in channelRange {
                        let plane = input + (n * channels + c) * height * width
                        let source = byPlanes ? splitPhases(plane, into: phases) : plane
                        forEachRow(of: columns, channel: c, image: k, rowLength: rowLength) { ki, kj, row in
                            if byPlanes {
                                copyShiftedPlane(source, kernelRow: ki, kernelColumn: kj, into: row)
                            } else {
                                copyPatchRows(source, kernelRow: ki, kernelColumn: kj, into: row)
                            }
                        }
                    }
                }
            }
        }
    }

    /// One row of `im2col` for one image, output row by output row: `row[oh Wo + ow] =
    /// plane[oh s - top + ki, ow s - left + kj]`, zero outside the plane.
    private func copyPatchRows(_ plane: UnsafePointer<Float>, kernelRow ki: Int, kernelColumn kj: Int,
                               into row: UnsafeMutablePointer<Float>) {
        let valid = validColumns(kernelColumn: kj)
        for oh in 0..<outputHeight {
            let ih = oh * stride - padding.top + ki
            let destination = row + oh * outputWidth
            guard ih >= 0 && ih < height else {
                destination.update(repeating: 0, count: outputWidth)
                continue
            }
            let source = plane + ih * width - padding.left + kj
            for ow in 0..<valid.lowerBound { destination[ow] = 0 }
            if stride == 1 {
                (destination + valid.lowerBound).update(from: source + valid.lowerBound, count: valid.count)
            } else {
                for ow in valid { destination[ow] = source[ow * stride] }
            }
            for ow in valid.upperBound..<outputWidth { destination[ow] = 0 }
        }
    }

    /// `copyPatchRows` from the phase planes when `shiftsWholePlanes`: one copy from the first
    /// valid position to the last, then zeros where a row's ends wrapped into the neighbouring
    /// row, and above and below the valid rows.
    private func copyShiftedPlane(_ phases: UnsafePointer<Float>, kernelRow ki: Int, kernelColumn kj: Int,
                                  into row: UnsafeMutablePointer<Float>) {
        let (plane, rows, valid, shift) = shiftedPhase(kernelRow: ki, kernelColumn: kj)
        guard !rows.isEmpty && !valid.isEmpty else {
            row.update(repeating: 0, count: outputPlane)
            return
        }
        let first = rows.lowerBound * outputWidth + valid.lowerBound
        let end = (rows.upperBound - 1) * outputWidth + valid.upperBound
        row.update(repeating: 0, count: first)
        (row + first).update(from: phases + plane + first + shift, count: end - first)
        (row + end).update(repeating: 0, count: outputPlane - end)
        zeroWrappedEnds(of: row, rows: rows, valid: valid)
    }

    /// Sets `row[oh Wo + ow]` to zero for `oh` in `rows` and `ow` outside `valid`.
    @inline(__always)
    private func zeroWrappedEnds(of row: UnsafeMutablePointer<Float>, rows: Range<Int>, valid: Range<Int>) {
        for oh in rows {
            for ow in 0..<valid.lowerBound { row[oh * outputWidth + ow] = 0 }
            for ow in valid.upperBound..<outputWidth { row[oh * outputWidth + ow] = 0 }
        }
    }

    // MARK: - col2im

    /// Adds columns laid out as by `im2col` back into `images` of `input`: the adjoint of `im2col`.
    /// Overwrites with zeros the entries of `columns` that fall outside the images.
    func col2im(_ columns: UnsafeMutablePointer<Float>, images: Range<Int>, addingInto input: UnsafeMutablePointer<Float>) {
        let rowLength = images.count * outputPlane
        let byPlanes = shiftsWholePlanes
        // With stride 1 the only phase plane is the plane itself.
        let splitsPhases = byPlanes && stride > 1
        // Channels add into disjoint planes, so they are summed in parallel.
        parallelForEach(channels) { channelRange in
            withPhaseScratch { phases in
                for (k, n) in images.enumerated() {
                    for c in channelRange {
                        let plane = input + (n * channels + c) * height * width
                        let target = splitsPhases ? phases : plane
                        if splitsPhases { phases.update(repeating: 0, count: height * width) }
                        forEachRow(of: columns, channel: c, image: k, rowLength: rowLength) { ki, kj, row in
                            if byPlanes {
                                addShiftedPlane(row, kernelRow: ki, kernelColumn: kj, into: target)
                            } else {
                                addPatchRows(row, kernelRow: ki, kernelColumn: kj, into: plane)
                            }
                        }
                        if splitsPhases { mergePhases(phases, addingInto: plane) }
                    }
                }
            }
        }
    }

    /// One row of `col2im` for one image: the adjoint of `copyPatchRows`.
    private func addPatchRows(_ row: UnsafePointer<Float>, kernelRow ki: Int, kernelColumn kj: Int,
                              into plane: UnsafeMutablePointer<Float>) {
        let valid = validColumns(kernelColumn: kj)
        for oh in validRows(kernelRow: ki) {
            let destination = plane + (oh * stride - padding.top + ki) * width - padding.left + kj
            let source = row + oh * outputWidth
            if stride == 1 {
                // Contiguous on both sides, so the loop vectorizes.
                for ow in valid { destination[ow] += source[ow] }
            } else {
                for ow in valid { destination[ow * stride] += source[ow] }
            }
        }
    }

    /// `addPatchRows` into the phase planes when `shiftsWholePlanes`: the entries of `row` that
    /// wrap into a neighbouring row are set to zero, then one loop adds the whole shifted plane
    /// (each pixel receives the same additions in the same order as row by row).
    private func addShiftedPlane(_ row: UnsafeMutablePointer<Float>, kernelRow ki: Int, kernelColumn kj: Int,
                                 into phases: UnsafeMutablePointer<Float>) {
        let (plane, rows, valid, shift) = shiftedPhase(kernelRow: ki, kernelColumn: kj)
        guard !rows.isEmpty && !valid.isEmpty else { return }
        zeroWrappedEnds(of: row, rows: rows, valid: valid)
        let first = rows.lowerBound * outputWidth + valid.lowerBound
        let end = (rows.upperBound - 1) * outputWidth + valid.upperBound
        let (destination, source) = (phases + plane + first + shift, row + first)
        for i in 0..<(end - first) { destination[i] += source[i] }
    }

    // MARK: - Phase planes

    /// Calls `body` with scratch for the `stride²` phase planes of one input plane (`H W`
    /// scalars), or with an empty buffer when the planes are not split (stride 1, or rows at a time).
    private func withPhaseScratch(_ body: (UnsafeMutablePointer<Float>) -> Void) {
        let count = shiftsWholePlanes && stride > 1 ? height * width : 0
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(count, 1))
        defer { scratch.deallocate() }
        body(scratch)
    }

    /// Returns `plane` when the stride is 1, else writes its phase planes
    /// `phases[(a s + b), i, j] = plane[i s + a, j s + b]` and returns them.
    private func splitPhases(_ plane: UnsafePointer<Float>, into phases: UnsafeMutablePointer<Float>) -> UnsafePointer<Float> {
        guard stride > 1 else { return plane }
        let (phaseHeight, phaseWidth) = (height / stride, width / stride)
        for a in 0..<stride {
            for b in 0..<stride {
                for i in 0..<phaseHeight {
                    let phase = phases + ((a * stride + b) * phaseHeight + i) * phaseWidth
                    let source = plane + (i * stride + a) * width + b
                    for j in 0..<phaseWidth { phase[j] = source[j &* stride] }
                }
            }
        }
        return UnsafePointer(phases)
    }

    /// `plane[i s + a, j s + b] += phases[(a s + b), i, j]`: the adjoint of `splitPhases`.
    private func mergePhases(_ phases: UnsafePointer<Float>, addingInto plane: UnsafeMutablePointer<Float>) {
        let (phaseHeight, phaseWidth) = (height / stride, width / stride)
        for a in 0..<stride {
            for b in 0..<stride {
                for i in 0..<phaseHeight {
                    let phase = phases + ((a * stride + b) * phaseHeight + i) * phaseWidth
                    let destination = plane + (i * stride + a) * width + b
                    for j in 0..<phaseWidth { destination[j &* stride] += phase[j] }
                }
            }
        }
    }
}
