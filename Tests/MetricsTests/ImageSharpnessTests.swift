import Metrics
import Testing

@Test func checkerboardHasNeighbourDifferenceOneAndFlatImagesZero() {
    let checkerboard = (0..<16).map { Float(($0 / 4 + $0 % 4) % 2) }
    #expect(meanNeighbourDifference(pixels: checkerboard, width: 4, height: 4) == 1)
    #expect(meanNeighbourDifference(pixels: [Float](repeating: 0.3, count: 32), width: 4, height: 4) == 0)
}

@Test func neighbourDifferenceCountsEveryAdjacentPairOnce() {
    // A 3x2 image [[0, 1, 3], [2, 2, 2]], by hand: horizontal pairs |0-1|, |1-3|, |2-2|, |2-2| and
    // vertical pairs |0-2|, |1-2|, |3-2|: (1 + 2 + 0 + 0 + 2 + 1 + 1) / 7 = 1. A second, flat image
    // adds seven pairs of 0.
    #expect(meanNeighbourDifference(pixels: [0, 1, 3, 2, 2, 2], width: 3, height: 2) == 1)
    #expect(meanNeighbourDifference(pixels: [0, 1, 3, 2, 2, 2, 5, 5, 5, 5, 5, 5], width: 3, height: 2) == 0.5)
}
