import Figures
import Testing

@Test func grayscaleGIFDecodesToEveryFrame() throws {
    let frames = (0..<3).map { index in
        Image(pixels: noiseBytes(count: 41 * 17, seed: UInt32(10 + index)), width: 41, height: 17, channels: .grayscale)
    }
    let gif = Animation(frames: frames, frameDelay: 0.25).gifData()
    let decoded = try ExternalDecoder.decode(gif, with: "decode-gif.py", fileExtension: "gif")
    // width, height, frames, loop count (0 = forever), delay in hundredths
    #expect(decoded.header == [41, 17, 3, 0, 25])
    #expect(decoded.payload == frames.flatMap { $0.rgb().pixels })
}

@Test func longFramesExerciseCodeGrowthAndClearCodes() throws {
    // 256×256 noise fills the 4096-entry table many times over.
    let frame = Image(pixels: noiseBytes(count: 256 * 256, seed: 99), width: 256, height: 256, channels: .grayscale)
    let ramp = Image(pixels: (0..<(256 * 256)).map { UInt8($0 % 251) }, width: 256, height: 256, channels: .grayscale)
    let decoded = try ExternalDecoder.decode(Animation(frames: [frame, ramp]).gifData(),
                                             with: "decode-gif.py", fileExtension: "gif")
    #expect(decoded.payload == frame.rgb().pixels + ramp.rgb().pixels)
}

@Test func rgbFramesUseTheUniformPalette() throws {
    let colours: [UInt8] = [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 255, 255, 0]
    let frame = Image(pixels: colours, width: 3, height: 2, channels: .rgb)
    let decoded = try ExternalDecoder.decode(Animation(frames: [frame]).gifData(),
                                             with: "decode-gif.py", fileExtension: "gif")
    // Primaries, black and white lie exactly on the 3-3-2 palette.
    #expect(decoded.payload == colours)
}

@Test func nonLoopingAnimationHasNoLoopExtension() throws {
    let frame = Image(pixels: [0, 255], width: 2, height: 1, channels: .grayscale)
    let decoded = try ExternalDecoder.decode(Animation(frames: [frame], loops: false).gifData(),
                                             with: "decode-gif.py", fileExtension: "gif")
    #expect(decoded.header[3] == -1)
}

@Test func gifBytesAreDeterministic() {
    let frame = Image(pixels: noiseBytes(count: 100, seed: 5), width: 10, height: 10, channels: .grayscale)
    #expect(Animation(frames: [frame, frame]).gifData() == Animation(frames: [frame, frame]).gifData())
}
