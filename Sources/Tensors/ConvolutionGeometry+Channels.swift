/// Moving images between NCHW tensors and the channel-major chunk matrices `[O, m · Ho Wo]` of
/// the convolution's products, and the bias's gradient.
///
/// A chunk of one image is already channel-major in its NCHW block (`[O, Ho Wo]`), so it is used
/// in place: its product is written straight into the output and its upstream read where it
/// lies, with the same products (same shapes, same operands) as through the chunk matrix.
extension ConvolutionGeometry {
    /// Moves `[N, O, P]` images into (`toChannelMajor`) or out of a chunk matrix `[O, count · P]`,
    /// adding `bias[o]` to every scalar of channel `o` on the way out when there is a bias.
    func transferChannels(_ images: UnsafeMutablePointer<Float>, chunk: UnsafeMutablePointer<Float>,
                          range: Range<Int>, toChannelMajor: Bool, adding bias: UnsafePointer<Float>? = nil) {
        parallelForEach(filters) { filterRange in
            for (k, n) in range.enumerated() {
                for o in filterRange {
                    let image = images + (n * filters + o) * outputPlane
                    let matrix = chunk + (o * range.count + k) * outputPlane
                    if toChannelMajor {
                        matrix.update(from: image, count: outputPlane)
                    } else if let bias {
                        let value = bias[o]
                        for i in 0..<outputPlane { image[i] = matrix[i] + value }
                    } else {
                        image.update(from: matrix, count: outputPlane)
                    }
                }
            }
        }
    }

    /// Where the product of chunk `range` goes: the output's own block for a single image, else
    /// the chunk matrix; `finishProduct` completes it.
    func productTarget(_ images: UnsafeMutablePointer<Float>, chunk: UnsafeMutablePointer<Float>,
                       range: Range<Int>) -> UnsafeMutablePointer<Float> {
        range.count == 1 ? images + range.lowerBound * filters * outputPlane : chunk
    }

    /// Completes the product of chunk `range` written to `productTarget`: moves it into the NCHW
    /// images, adding `bias[o]` to channel `o` when there is a bias (in place for a single image).
    func finishProduct(_ images: UnsafeMutablePointer<Float>, chunk: UnsafeMutablePointer<Float>,
                       range: Range<Int>, adding bias: UnsafePointer<Float>? = nil) {
        guard range.count == 1 else {
            transferChannels(images, chunk: chunk, range: range, toChannelMajor: false, adding: bias)
            return
        }
        guard let bias else { return }
        let image = images + range.lowerBound * filters * outputPlane
        parallelForEach(filters) { filterRange in
            for o in filterRange {
                let (plane, value) = (image + o * outputPlane, bias[o])
                for i in 0..<outputPlane { plane[i] += value }
            }
        }
    }

    /// The chunk `range` of `images` (`[N, O, Ho Wo]`, an upstream) in channel-major order: the
    /// image's own block for a single image, else moved into `chunk`.
    func channelMajor(_ images: UnsafeMutablePointer<Float>, chunk: UnsafeMutablePointer<Float>,
                      range: Range<Int>) -> UnsafePointer<Float> {
        guard range.count > 1 else { return UnsafePointer(images + range.lowerBound * filters * outputPlane) }
        transferChannels(images, chunk: chunk, range: range, toChannelMajor: true)
        return UnsafePointer(chunk)
    }

    /// `dBias[o] = Σ_{n, i, j} upstream[n, o, i, j]`, shape `[O]`, each channel summed in eight
    /// lanes (a sequential sum of a whole batch's plane would run a scalar at a time).
    func biasGradient(_ upstream: Tensor) -> Tensor {
        let source = upstream.storage.pointer
        let vectorCount = outputPlane / 8
        return Tensor(shape: [filters]) { out, _ in
            parallelForEach(filters) { filterRange in
                for o in filterRange {
                    var lanes = SIMD8<Float>()
                    var rest: Float = 0
                    for n in 0..<batch {
                        let plane = UnsafeRawPointer(source + (n * filters + o) * outputPlane)
                        for v in 0..<vectorCount {
                            lanes += plane.loadUnaligned(fromByteOffset: v * MemoryLayout<SIMD8<Float>>.stride, as: SIMD8<Float>.self)
                        }
                        for i in (vectorCount * 8)..<outputPlane { rest += plane.load(fromByteOffset: i * 4, as: Float.self) }
                    }
                    out[o] = lanes.sum() + rest
                }
            }
        }
    }
}
