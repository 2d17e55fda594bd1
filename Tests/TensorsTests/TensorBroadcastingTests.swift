import Testing
import Tensors
import TestSupport

@Test func broadcastShapesFollowNumpyRules() {
    #expect(broadcastShape([4, 1, 3], [5, 1]) == [4, 5, 3])
    #expect(broadcastShape([2, 3], [3]) == [2, 3])
    #expect(broadcastShape([], [2, 2]) == [2, 2])
    #expect(broadcastShape([3, 1], [1, 4]) == [3, 4])
}

@Test func rowVectorAddsToEveryRow() {
    let x = Tensor([[1, 2, 3], [4, 5, 6]])
    #expect((x + Tensor([10, 20, 30])).scalars == [11, 22, 33, 14, 25, 36])
}

@Test func columnVectorMultipliesEveryColumn() {
    let x = Tensor([[1, 2, 3], [4, 5, 6]])
    #expect((x * Tensor(shape: [2, 1], scalars: [10, 100])).scalars == [10, 20, 30, 400, 500, 600])
}

@Test func outerBroadcastOfColumnAndRow() {
    let column = Tensor(shape: [3, 1], scalars: [1, 2, 3]), row = Tensor(shape: [1, 2], scalars: [10, 20])
    let sum = column + row
    #expect(sum.shape == [3, 2])
    #expect(sum.scalars == [11, 21, 12, 22, 13, 23])
}

@Test func middleAxisBroadcastInRankThree() {
    let x = Tensor(rangeFrom: 0, to: 12).reshaped(to: [2, 3, 2])
    let y = Tensor(shape: [2, 1, 2], scalars: [100, 200, 300, 400])
    #expect((x + y).scalars == [100, 201, 102, 203, 104, 205, 306, 407, 308, 409, 310, 411])
}

@Test func broadcastedToRepeatsAlongNewAxes() {
    let x = Tensor([1, 2]).broadcasted(to: [3, 2])
    #expect(x.scalars == [1, 2, 1, 2, 1, 2])
}

@Test func summedToShapeReducesBroadcastAxes() {
    let x = Tensor([[1, 2, 3], [4, 5, 6]])
    #expect(x.summed(toShape: [3]).scalars == [5, 7, 9])
    #expect(x.summed(toShape: [2, 1]).scalars == [6, 15])
    #expect(x.summed(toShape: [1, 1]).scalars == [21])
}

@Test func gradientOfBroadcastBiasIsTheColumnSum() {
    let x = Tensor([[1, 2], [3, 4], [5, 6]])
    let g = gradient(at: Tensor([0, 0])) { bias in (x + bias).sum() }
    #expect(g.shape == [2])
    expectClose(g, [3, 3])
}

@Test func broadcastGradientsReduceToOperandShapes() {
    var generator = RandomGenerator(seed: 31)
    let a = Tensor(randomNormal: [3, 1, 4], using: &generator)
    let b = Tensor(randomUniform: [2, 1], lowerBound: 0.5, upperBound: 2, using: &generator)
    assertGradientMatchesFiniteDifferences(at: a, b) { $0 + $1 }
    assertGradientMatchesFiniteDifferences(at: a, b) { $0 - $1 }
    assertGradientMatchesFiniteDifferences(at: a, b) { $0 * $1 }
    assertGradientMatchesFiniteDifferences(at: a, b) { $0 / $1 }
    assertGradientMatchesFiniteDifferences(at: a) { $0.broadcasted(to: [2, 3, 5, 4]) }
    assertGradientMatchesFiniteDifferences(at: a) { $0.summed(toShape: [1, 4]) }
}
