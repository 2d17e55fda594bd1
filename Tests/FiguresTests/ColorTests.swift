import Figures
import Testing

@Test func viridisEndsAreThePublishedColours() {
    #expect(Color.viridis(0).hexString == "#440154")
    #expect(Color.viridis(1).hexString == "#fde725")
}

@Test func viridisMiddleMatchesThePublishedTable() {
    // Entries 64, 128 and 192 of matplotlib's 256-entry _viridis_data, which are not control points.
    let published: [(Double, [Double])] = [
        (64.0 / 255, [0.229739, 0.322361, 0.545706]),
        (128.0 / 255, [0.127568, 0.566949, 0.550556]),
        (192.0 / 255, [0.369214, 0.788888, 0.382914]),
    ]
    for (t, rgb) in published {
        let color = Color.viridis(t)
        #expect(abs(color.red - rgb[0]) < 0.01 && abs(color.green - rgb[1]) < 0.01 && abs(color.blue - rgb[2]) < 0.01,
                "viridis(\(t)) = \(color), published \(rgb)")
    }
}

@Test func viridisClampsOutOfRangeAndNaN() {
    #expect(Color.viridis(-3) == Color.viridis(0))
    #expect(Color.viridis(7) == Color.viridis(1))
    #expect(Color.viridis(.nan) == Color.viridis(0))
}

@Test func tab10StartsWithMatplotlibBlueAndOrangeAndCycles() {
    #expect(Color.tab10.count == 10)
    #expect(Color.tab10[0].hexString == "#1f77b4")
    #expect(Color.tab10[1].hexString == "#ff7f0e")
    #expect(Color.tab10[9].hexString == "#17becf")
    #expect(Color.category(12) == Color.tab10[2])
    #expect(Color.category(-1) == Color.tab10[9])
}

@Test func hexStringPadsSingleDigits() {
    #expect(Color(red: 0, green: 1.0 / 255, blue: 1).hexString == "#0001ff")
}
