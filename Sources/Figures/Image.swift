/// An 8-bit raster image, grayscale or RGB, stored row by row from the top.
///
/// Lessons make images from model outputs (`Image(grayscale: sample, width: 28, height: 28)`),
/// enlarge them (`upscaled(by: 4)`), tile them (`Image.grid(samples, columns: 8)`) and encode them
/// with `pngData()`.
public struct Image: Equatable, Sendable {
    /// The colour model of the pixels.
    public enum Channels: Int, Sendable {
        /// One byte per pixel: black 0 to white 255.
        case grayscale = 1
        /// Three bytes per pixel: red, green, blue.
        case rgb = 3
    }

    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// Grayscale or RGB.
    public let channels: Channels
    /// `width * height * channels.rawValue` bytes, row-major from the top-left pixel.
    public let pixels: [UInt8]

    /// Creates an image from bytes laid out row-major (`channels` bytes per pixel).
    ///
    /// - Precondition: `pixels.count == width * height * channels.rawValue`.
    public init(pixels: [UInt8], width: Int, height: Int, channels: Channels) {
        require(width >= 0 && height >= 0, "Image: size \(width)x\(height) is negative")
        require(pixels.count == width * height * channels.rawValue,
                     "Image: \(width)x\(height)x\(channels.rawValue) needs \(width * height * channels.rawValue) bytes, got \(pixels.count)")
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    /// Creates a grayscale image from intensities in `0...1` (0 black, 1 white), row-major.
    ///
    /// Values outside `0...1` are clamped, NaN becomes 0; byte = `round(value * 255)`.
    /// - Precondition: `values.count == width * height`.
    public init(grayscale values: [Float], width: Int, height: Int) {
        require(values.count == width * height,
                     "Image(grayscale:): \(width)x\(height) needs \(width * height) values, got \(values.count)")
        self.init(pixels: values.map(unitByte), width: width, height: height, channels: .grayscale)
    }

    /// Creates an RGB image from interleaved `r, g, b` intensities in `0...1`, row-major.
    ///
    /// - Precondition: `values.count == 3 * width * height`.
    public init(rgb values: [Float], width: Int, height: Int) {
        require(values.count == 3 * width * height,
                     "Image(rgb:): \(width)x\(height) needs \(3 * width * height) values, got \(values.count)")
        self.init(pixels: values.map(unitByte), width: width, height: height, channels: .rgb)
    }

    /// Creates an RGB image that colours `values` (row-major) with viridis over `range`.
    ///
    /// - Parameter range: The values mapped to the two ends of the colormap; defaults to the
    ///   finite minimum and maximum. Non-finite values are drawn white.
    public init(colormapping values: [Double], width: Int, height: Int, range: ClosedRange<Double>? = nil) {
        require(values.count == width * height,
                     "Image(colormapping:): \(width)x\(height) needs \(width * height) values, got \(values.count)")
        let finite = values.filter(\.isFinite)
        let bounds = range ?? ((finite.min() ?? 0)...(finite.max() ?? 1))
        let spread = bounds.upperBound - bounds.lowerBound
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 3)
        for value in values {
            let color = value.isFinite
                ? Color.viridis(spread > 0 ? (value - bounds.lowerBound) / spread : 0.5) : Color.white
            let (r, g, b) = color.bytes
            bytes += [r, g, b]
        }
        self.init(pixels: bytes, width: width, height: height, channels: .rgb)
    }

    /// Returns this image as RGB (grayscale bytes are repeated in the three channels).
    public func rgb() -> Image {
        if channels == .rgb { return self }
        return Image(pixels: pixels.flatMap { [$0, $0, $0] }, width: width, height: height, channels: .rgb)
    }

    /// Returns the image enlarged `factor` times in each direction by repeating pixels
    /// (nearest neighbour), so that a 28×28 sample stays sharp at 112×112.
    ///
    /// - Precondition: `factor >= 1`.
    public func upscaled(by factor: Int) -> Image {
        require(factor >= 1, "upscaled(by:): factor \(factor) is below 1")
        let step = channels.rawValue
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pixels.count * factor * factor)
        for row in 0..<height {
            var line: [UInt8] = []
            line.reserveCapacity(width * factor * step)
            for column in 0..<width {
                let start = (row * width + column) * step
                for _ in 0..<factor { line += pixels[start..<start + step] }
            }
            for _ in 0..<factor { bytes += line }
        }
        return Image(pixels: bytes, width: width * factor, height: height * factor, channels: channels)
    }
}

/// Maps an intensity in `0...1` to a byte, clamping and sending NaN to 0.
func unitByte(_ value: Float) -> UInt8 {
    value.isNaN ? 0 : UInt8((min(max(value, 0), 1) * 255).rounded())
}
