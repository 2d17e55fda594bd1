import Figures
import Testing

/// A deterministic pseudo-random byte sequence (a linear congruential generator), so that test
/// images are not trivially compressible.
func noiseBytes(count: Int, seed: UInt32) -> [UInt8] {
    var state = seed
    return (0..<count).map { _ in
        state = state &* 1_664_525 &+ 1_013_904_223
        return UInt8(state >> 24)
    }
}

@Test func grayscalePNGDecodesToTheEncodedPixels() throws {
    let image = Image(pixels: noiseBytes(count: 37 * 23, seed: 1), width: 37, height: 23, channels: .grayscale)
    let decoded = try ExternalDecoder.decode(image.pngData(), with: "decode-png.py", fileExtension: "png")
    #expect(decoded.header == [37, 23, 1])
    #expect(decoded.payload == image.pixels)
}

@Test func rgbPNGDecodesToTheEncodedPixels() throws {
    let image = Image(pixels: noiseBytes(count: 3 * 19 * 11, seed: 2), width: 19, height: 11, channels: .rgb)
    let decoded = try ExternalDecoder.decode(image.pngData(), with: "decode-png.py", fileExtension: "png")
    #expect(decoded.header == [19, 11, 3])
    #expect(decoded.payload == image.pixels)
}

@Test func pngcheckAcceptsGrayAndRGBFiles() throws {
    let gray = Image(grayscale: (0..<64).map { Float($0) / 63 }, width: 8, height: 8)
    let rgb = Image(rgb: (0..<(3 * 64)).map { Float($0 % 7) / 6 }, width: 8, height: 8)
    for image in [gray, rgb] {
        let output = try ExternalDecoder.runTool(["pngcheck", "-v"], on: image.pngData(), fileExtension: "png")
        let text = String(decoding: output, as: UTF8.self)
        #expect(text.contains("No errors detected"), "pngcheck said: \(text)")
    }
}

@Test func grayscaleInitializerClampsAndRounds() {
    let image = Image(grayscale: [-1, 0, 0.5, 1, 2, .nan], width: 3, height: 2)
    // round(0.5 * 255) = round(127.5) = 128
    #expect(image.pixels == [0, 0, 128, 255, 255, 0])
}

@Test func pngBytesAreDeterministic() {
    let image = Image(pixels: noiseBytes(count: 300, seed: 3), width: 10, height: 10, channels: .rgb)
    #expect(image.pngData() == image.pngData())
    #expect(Image(pixels: image.pixels, width: 10, height: 10, channels: .rgb).pngData() == image.pngData())
}
