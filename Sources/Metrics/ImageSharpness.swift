/// The mean absolute difference between horizontally and vertically adjacent pixels, over every
/// image of a batch: a measure of edge contrast (0 for flat images, 1 for a black-and-white
/// checkerboard in `0...1`).
///
/// It is a measure of edges, not of fidelity: a blurred image scores lower than its original, but so
/// does a detailed grey texture against a hard-edged silhouette.
/// - Parameters:
///   - pixels: `count * width * height` values, image after image, row after row.
///   - width: Pixels per row.
///   - height: Rows per image.
/// - Precondition: `pixels` holds a whole number of images, at least one, each at least 2×1.
public func meanNeighbourDifference(pixels: [Float], width: Int = 28, height: Int = 28) -> Double {
    let size = width * height
    precondition(width * height >= 2 && !pixels.isEmpty && pixels.count % size == 0,
                 "meanNeighbourDifference: \(pixels.count) pixels do not make whole \(width)x\(height) images")
    var total = 0.0, pairs = 0
    pixels.withUnsafeBufferPointer { p in
        for start in stride(from: 0, to: p.count, by: size) {
            for row in 0..<height {
                for column in 0..<width {
                    let i = start + row * width + column
                    if column + 1 < width { total += Double(abs(p[i] - p[i + 1])); pairs += 1 }
                    if row + 1 < height { total += Double(abs(p[i] - p[i + width])); pairs += 1 }
                }
            }
        }
    }
    return total / Double(pairs)
}
