import Testing
import Tensors
import TestSupport

@Test func reshapeInfersOneExtent() {
    let x = Tensor(rangeFrom: 0, to: 6).reshaped(to: [-1, 3])
    #expect(x.shape == [2, 3])
    #expect(x.flattenedBatch().shape == [2, 3])
    #expect(x.expandingShape(at: 1).shape == [2, 1, 3])
}

@Test func transposeSwapsRowsAndColumns() {
    let x = Tensor([[1, 2, 3], [4, 5, 6]]).transposed()
    #expect(x.shape == [3, 2])
    #expect(x.scalars == [1, 4, 2, 5, 3, 6])
}

@Test func permuteMovesChannelsLast() {
    // x[n, c, h] = 100n + 10c + h, permuted to [n, h, c].
    let x = Tensor(shape: [2, 2, 3], scalars: [0, 1, 2, 10, 11, 12, 100, 101, 102, 110, 111, 112])
    let y = x.permuted([0, 2, 1])
    #expect(y.shape == [2, 3, 2])
    #expect(y.scalars == [0, 10, 1, 11, 2, 12, 100, 110, 101, 111, 102, 112])
}

@Test func slicingRowsAndIndexing() {
    let x = Tensor([[1, 2], [3, 4], [5, 6]])
    #expect(x[1..<3].scalars == [3, 4, 5, 6])
    #expect(x[1].shape == [2])
    #expect(x[2].scalars == [5, 6])
    #expect(x.sliced(alongAxis: 1, range: 1..<2).scalars == [2, 4, 6])
}

@Test func concatenateAndStack() {
    let a = Tensor([[1, 2]]), b = Tensor([[3, 4], [5, 6]])
    #expect(Tensor(concatenating: [a, b]).scalars == [1, 2, 3, 4, 5, 6])
    let c = Tensor([[7], [8]])
    #expect(Tensor(concatenating: [b, c], alongAxis: 1).scalars == [3, 4, 7, 5, 6, 8])
    let s = Tensor(stacking: [Tensor([1, 2]), Tensor([3, 4])], alongAxis: 1)
    #expect(s.shape == [2, 2])
    #expect(s.scalars == [1, 3, 2, 4])
}

@Test func gatherRowsAndColumns() {
    let x = Tensor([[1, 2], [3, 4], [5, 6]])
    #expect(x.gathering(rows: [2, 0, 2]).scalars == [5, 6, 1, 2, 5, 6])
    #expect(x.gathering(columns: [1, 0, 1]).scalars == [2, 3, 6])
}

@Test func gatherGradientAddsRepeatedRows() {
    let g = gradient(at: Tensor([[1, 2], [3, 4]])) { $0.gathering(rows: [1, 1, 0]).sum() }
    #expect(g.scalars == [1, 1, 2, 2])
}

@Test func shapeGradientsMatchFiniteDifferences() {
    var generator = RandomGenerator(seed: 51)
    let x = Tensor(randomNormal: [3, 4, 2], using: &generator)
    assertGradientMatchesFiniteDifferences(at: x) { $0.reshaped(to: [4, 6]) }
    assertGradientMatchesFiniteDifferences(at: x) { $0.permuted([2, 0, 1]) }
    assertGradientMatchesFiniteDifferences(at: x) { $0.sliced(alongAxis: 1, range: 1..<3) }
    assertGradientMatchesFiniteDifferences(at: x) { $0[1] }
    assertGradientMatchesFiniteDifferences(at: x) { $0[0..<2] }
    assertGradientMatchesFiniteDifferences(at: x) { $0.gathering(rows: [2, 0, 2]) }
    assertGradientMatchesFiniteDifferences(at: x) { $0[0].gathering(columns: [1, 0, 1, 1]) }
    assertGradientMatchesFiniteDifferences(at: x) { $0.reshaped(to: [12, 2]).transposed() }
    assertGradientMatchesFiniteDifferences(at: x) { Tensor(concatenating: [$0, $0 * 2], alongAxis: 2) }
    assertGradientMatchesFiniteDifferences(at: x) { Tensor(stacking: [$0, $0 * $0], alongAxis: 1) }
}
