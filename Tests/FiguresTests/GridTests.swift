import Figures
import Foundation
import Testing

@Test func contoursOfACircleLieOnTheCircle() {
    let grid = Grid(x: -2...2, y: -2...2, resolution: 101) { x, y in x * x + y * y }
    let segments = grid.contourSegments(at: 1)
    #expect(!segments.isEmpty)
    var length = 0.0
    for segment in segments {
        for point in [segment.start, segment.end] {
            #expect(abs((point.x * point.x + point.y * point.y).squareRoot() - 1) < 0.01)
        }
        length += hypot(segment.end.x - segment.start.x, segment.end.y - segment.start.y)
    }
    #expect(abs(length - 2 * Double.pi) < 0.01 * 2 * Double.pi, "length \(length)")
}

@Test func contourEndpointsInterpolateLinearlyAlongEdges() {
    // Values 0 and 4 along x: the level 1 crosses a quarter of the way.
    let grid = Grid(xs: [0, 1], ys: [0, 1], values: [0, 4, 0, 4])
    let segments = grid.contourSegments(at: 1)
    #expect(segments.count == 1)
    let xs = [segments[0].start.x, segments[0].end.x]
    #expect(xs.allSatisfy { abs($0 - 0.25) < 1e-12 })
}

@Test func saddleIsSplitByTheCentreValue() {
    // Corners counter-clockwise from the bottom-left: 1, 0, 1, 0; the centre (0.5) counts as
    // above the level 0.5, so the high corners connect and the low corners are cut off.
    let grid = Grid(xs: [0, 1], ys: [0, 1], values: [1, 0, 0, 1])
    let segments = grid.contourSegments(at: 0.5)
    #expect(segments.count == 2)
    let cutsOffBottomRight = segments.contains {
        Set([$0.start.x, $0.end.x]) == [0.5, 1] && Set([$0.start.y, $0.end.y]) == [0, 0.5]
    }
    let cutsOffTopLeft = segments.contains {
        Set([$0.start.x, $0.end.x]) == [0, 0.5] && Set([$0.start.y, $0.end.y]) == [0.5, 1]
    }
    #expect(cutsOffBottomRight && cutsOffTopLeft)
}

@Test func gridFromAFunctionSamplesTheEnds() {
    let grid = Grid(x: 0...1, y: 10...20, resolution: 3) { x, y in x + y }
    #expect(grid.xs == [0, 0.5, 1] && grid.ys == [10, 15, 20])
    #expect(grid[2, 1] == 16)
}

@Test func histogramCountsIncludeTheLastEdge() {
    let histogram = Histogram([0, 0.1, 0.5, 0.99, 1, .nan], bins: 2, range: 0...1)
    #expect(histogram.counts == [2, 3])
    #expect(histogram.nonFiniteCount == 1)
}

@Test func densityHistogramIntegratesToOne() {
    let values = (0..<1000).map { sin(Double($0)) * 3 }
    let histogram = Histogram(values, bins: 17)
    let area = zip(histogram.densities, zip(histogram.edges, histogram.edges.dropFirst()))
        .map { $0 * ($1.1 - $1.0) }.reduce(0, +)
    #expect(abs(area - 1) < 1e-9)
}
