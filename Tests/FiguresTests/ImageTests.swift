import Figures
import Testing

@Test func upscalingRepeatsEachPixelInABlock() {
    let image = Image(pixels: [1, 2, 3, 4], width: 2, height: 2, channels: .grayscale)
    let big = image.upscaled(by: 2)
    #expect(big.width == 4 && big.height == 4)
    #expect(big.pixels == [1, 1, 2, 2,
                           1, 1, 2, 2,
                           3, 3, 4, 4,
                           3, 3, 4, 4])
}

@Test func upscalingRGBKeepsChannelsTogether() {
    let image = Image(pixels: [10, 20, 30], width: 1, height: 1, channels: .rgb)
    #expect(image.upscaled(by: 2).pixels == [10, 20, 30, 10, 20, 30, 10, 20, 30, 10, 20, 30])
}

@Test func gridPlacesTilesWithPadding() {
    let tiles = (1...3).map { Image(pixels: [UInt8($0)], width: 1, height: 1, channels: .grayscale) }
    let grid = Image.grid(tiles, columns: 2, padding: 1, background: 0)
    // Two columns, two rows: 2*1 + 3*1 = 5 pixels each way.
    #expect(grid.width == 5 && grid.height == 5)
    #expect(grid.pixels == [0, 0, 0, 0, 0,
                            0, 1, 0, 2, 0,
                            0, 0, 0, 0, 0,
                            0, 3, 0, 0, 0,
                            0, 0, 0, 0, 0])
}

@Test func gridOfSixtyFourSamplesHasTheStandardSize() {
    let sample = Image(grayscale: [Float](repeating: 0.5, count: 28 * 28), width: 28, height: 28)
    let grid = Image.grid([Image](repeating: sample, count: 64), columns: 8)
    #expect(grid.width == 8 * 28 + 9 * 2 && grid.height == 8 * 28 + 9 * 2)
    #expect(grid.pixels[0] == 255)
    #expect(grid.pixels[2 * grid.width + 2] == 128)
}

@Test func gridPromotesToRGBWhenAnyTileIsColoured() {
    let gray = Image(pixels: [7], width: 1, height: 1, channels: .grayscale)
    let red = Image(pixels: [255, 0, 0], width: 1, height: 1, channels: .rgb)
    let grid = Image.grid([gray, red], columns: 2, padding: 0)
    #expect(grid.channels == .rgb)
    #expect(grid.pixels == [7, 7, 7, 255, 0, 0])
}

@Test func colormappedImageUsesViridisEnds() {
    let image = Image(colormapping: [0, 1], width: 2, height: 1)
    #expect(image.pixels == [0x44, 0x01, 0x54, 0xfd, 0xe7, 0x25])
}

@Test func gridOfDifferentSizesStopsWithBothSizes() async {
    await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
        let small = Image(pixels: [0], width: 1, height: 1, channels: .grayscale)
        let large = Image(pixels: [0, 0, 0, 0], width: 2, height: 2, channels: .grayscale)
        _ = Image.grid([small, large], columns: 2)
    }.map { result in
        let message = String(decoding: result.standardErrorContent, as: UTF8.self)
        #expect(message.contains("grid: image 1 is 2x2, image 0 is 1x1"), "stderr: \(message)")
    }
}
