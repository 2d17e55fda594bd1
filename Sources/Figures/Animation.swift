/// A sequence of equally sized frames shown one after another, encoded as a looping GIF.
///
/// Use it for the denoising of a diffusion sample or a GAN's samples over training:
/// `Animation(frames: steps.map { Image.grid($0, columns: 8).upscaled(by: 2) }, frameDelay: 0.1)`.
public struct Animation: Sendable {
    /// The frames in order; all have the size of the first.
    public var frames: [Image]
    /// Seconds each frame stays on screen; GIF stores hundredths, so this rounds to 0.01 s.
    public var frameDelay: Double
    /// Whether the animation starts over after the last frame.
    public var loops: Bool

    /// Creates an animation.
    ///
    /// - Precondition: every frame has the size of the first.
    public init(frames: [Image], frameDelay: Double = 0.1, loops: Bool = true) {
        if let first = frames.first {
            for (index, frame) in frames.enumerated() where frame.width != first.width || frame.height != first.height {
                fatalError("Animation: frame \(index) is \(frame.width)x\(frame.height), frame 0 is \(first.width)x\(first.height)")
            }
        }
        self.frames = frames
        self.frameDelay = frameDelay
        self.loops = loops
    }

    /// Returns the animation as a GIF89a file (GIF89a specification, CompuServe, 1990).
    ///
    /// Grayscale frames use a 256-level gray palette and keep their exact bytes; RGB frames are
    /// quantized to the uniform 3-3-2 palette (8 reds, 8 greens, 4 blues). Loops forever through
    /// the NETSCAPE2.0 application extension when `loops` is true. Each frame is LZW-compressed
    /// with 8-bit minimum code size, growing codes up to 12 bits and a clear code when the table
    /// is full. The bytes depend only on the frames and the delay.
    public func gifData() -> [UInt8] {
        let width = frames.first?.width ?? 0, height = frames.first?.height ?? 0
        let isGray = frames.allSatisfy { $0.channels == .grayscale }
        var file = Array("GIF89a".utf8)
        appendLittleEndian(width, to: &file)
        appendLittleEndian(height, to: &file)
        // Global colour table of 2^(7+1) entries, 8 bits of colour resolution.
        file += [0xf7, 0, 0]
        for index in 0..<256 {
            file += isGray ? [UInt8(index), UInt8(index), UInt8(index)] : paletteColor(index)
        }
        if loops {
            file += [0x21, 0xff, 0x0b] + Array("NETSCAPE2.0".utf8) + [0x03, 0x01, 0x00, 0x00, 0x00]
        }
        let delay = max(0, min(65535, Int((frameDelay * 100).rounded())))
        for frame in frames {
            file += [0x21, 0xf9, 0x04, 0x04]
            appendLittleEndian(delay, to: &file)
            file += [0x00, 0x00]
            file.append(0x2c)
            appendLittleEndian(0, to: &file)
            appendLittleEndian(0, to: &file)
            appendLittleEndian(width, to: &file)
            appendLittleEndian(height, to: &file)
            file.append(0x00)
            let indices = isGray ? frame.pixels : paletteIndices(frame)
            file.append(8)
            let compressed = LZWEncoder.encode(indices, minimumCodeSize: 8)
            var start = 0
            while start < compressed.count {
                let end = min(start + 255, compressed.count)
                file.append(UInt8(end - start))
                file += compressed[start..<end]
                start = end
            }
            file.append(0)
        }
        file.append(0x3b)
        return file
    }
}

/// The colour of 3-3-2 palette entry `index`: bits `rrrgggbb`.
func paletteColor(_ index: Int) -> [UInt8] {
    let red = (index >> 5) & 7, green = (index >> 2) & 7, blue = index & 3
    return [UInt8((Double(red) * 255 / 7).rounded()),
            UInt8((Double(green) * 255 / 7).rounded()),
            UInt8((Double(blue) * 255 / 3).rounded())]
}

/// The nearest 3-3-2 palette index of every pixel of an RGB image.
private func paletteIndices(_ image: Image) -> [UInt8] {
    let pixels = image.rgb().pixels
    return stride(from: 0, to: pixels.count, by: 3).map { start in
        let red = (Double(pixels[start]) * 7 / 255).rounded()
        let green = (Double(pixels[start + 1]) * 7 / 255).rounded()
        let blue = (Double(pixels[start + 2]) * 3 / 255).rounded()
        return UInt8(Int(red) << 5 | Int(green) << 2 | Int(blue))
    }
}

/// Appends `value` as two little-endian bytes.
private func appendLittleEndian(_ value: Int, to bytes: inout [UInt8]) {
    bytes += [UInt8(value & 0xff), UInt8((value >> 8) & 0xff)]
}
