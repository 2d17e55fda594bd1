extension Image {
    /// Returns the images tiled row by row into a grid, the standard "64 samples" picture.
    ///
    /// All tiles have the size of the first image; the last row may be incomplete. Tiles are
    /// separated (and surrounded) by `padding` pixels of `background`. If any image is RGB the
    /// grid is RGB.
    /// - Parameters:
    ///   - images: The tiles, in reading order.
    ///   - columns: Tiles per row, at least 1.
    ///   - padding: Pixels between tiles and around the grid.
    ///   - background: The gray level of the padding, `0...1` (default white).
    /// - Precondition: every image has the same width and height.
    public static func grid(_ images: [Image], columns: Int, padding: Int = 2, background: Float = 1) -> Image {
        require(columns >= 1, "grid: columns is \(columns), needs at least 1")
        require(padding >= 0, "grid: padding is \(padding), needs at least 0")
        guard let first = images.first else {
            return Image(pixels: [], width: 0, height: 0, channels: .grayscale)
        }
        for (index, image) in images.enumerated() where image.width != first.width || image.height != first.height {
            fatalError("grid: image \(index) is \(image.width)x\(image.height), image 0 is \(first.width)x\(first.height)")
        }
        let channels: Channels = images.contains { $0.channels == .rgb } ? .rgb : .grayscale
        let tiles = channels == .rgb ? images.map { $0.rgb() } : images
        let used = min(columns, images.count)
        let rows = (images.count + columns - 1) / columns
        let width = used * first.width + (used + 1) * padding
        let height = rows * first.height + (rows + 1) * padding
        let step = channels.rawValue
        var bytes = [UInt8](repeating: unitByte(background), count: width * height * step)
        for (index, tile) in tiles.enumerated() {
            let left = padding + (index % columns) * (first.width + padding)
            let top = padding + (index / columns) * (first.height + padding)
            for row in 0..<first.height {
                let source = row * first.width * step
                let target = ((top + row) * width + left) * step
                bytes.replaceSubrange(target..<target + first.width * step,
                                      with: tile.pixels[source..<source + first.width * step])
            }
        }
        return Image(pixels: bytes, width: width, height: height, channels: channels)
    }
}
