import Testing
import Generative
import Figures

@Test func pointsRoundTripThroughATensor() {
    let points = [[1.0, -2.0], [0.5, 3.25], [0, 0]]
    let tensor = Tensor(points: points)
    #expect(tensor.shape == [3, 2])
    #expect(tensor.scalars == [1, -2, 0.5, 3.25, 0, 0])
    #expect(tensor.points == points)
}

@Test func grayscaleBatchMapsTheRangeToBlackAndWhite() {
    // Two 2x1 images in [-1, 1]: -1 is black (0), 1 white (255), 0 the middle grey (128 after rounding).
    let batch = Tensor(shape: [2, 1, 1, 2], scalars: [-1, 1, 0, 3])
    let images = Image.grayscale(batch: batch, width: 2, height: 1, range: -1...1)
    #expect(images.map(\.pixels) == [[0, 255], [128, 255]])
}

@Test func windowMeansAveragesWholeWindowsAtTheirCentres() {
    let (x, y) = windowMeans([1, 3, 5, 7, 100] as [Float], window: 2)
    #expect(x == [0.5, 2.5])
    #expect(y == [2, 6])
}
