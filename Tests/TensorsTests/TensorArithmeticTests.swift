import Testing
import Tensors
import TestSupport

@Test func elementwiseArithmeticOnEqualShapes() {
    let a = Tensor([[1, 2], [3, 4]]), b = Tensor([[5, 6], [7, 8]])
    #expect((a + b).scalars == [6, 8, 10, 12])
    #expect((a - b).scalars == [-4, -4, -4, -4])
    #expect((a * b).scalars == [5, 12, 21, 32])
    #expect((b / a).scalars == [5, 3, 7.0 / 3.0, 2])
    #expect((-a).scalars == [-1, -2, -3, -4])
}

@Test func scalarOperandsApplyToEveryElement() {
    let a = Tensor([1, 2, 4])
    #expect((a + 1).scalars == [2, 3, 5])
    #expect((1 - a).scalars == [0, -1, -3])
    #expect((a * 2).scalars == [2, 4, 8])
    #expect((4 / a).scalars == [4, 2, 1])
    #expect((a / 2).scalars == [0.5, 1, 2])
}

@Test func gradientOfSquareSumIsTwiceTheInput() {
    let g = gradient(at: Tensor([0.1, 0.2, 0.3])) { ($0 * $0).sum() }
    expectClose(g, [0.2, 0.4, 0.6])
}

@Test func gradientOfQuotientByHand() {
    // d/da (a / b) = 1 / b = 0.5; d/db (a / b) = -a / b² = -3 / 4.
    let (ga, gb) = gradient(at: Tensor([3]), Tensor([2])) { a, b in (a / b).sum() }
    expectClose(ga, [0.5])
    expectClose(gb, [-0.75])
}

@Test func arithmeticGradientsMatchFiniteDifferences() {
    var generator = RandomGenerator(seed: 21)
    let a = Tensor(randomNormal: [3, 4], using: &generator)
    let b = Tensor(randomUniform: [3, 4], lowerBound: 0.5, upperBound: 2, using: &generator)
    assertGradientMatchesFiniteDifferences(at: a, b) { $0 + $1 }
    assertGradientMatchesFiniteDifferences(at: a, b) { $0 - $1 }
    assertGradientMatchesFiniteDifferences(at: a, b) { $0 * $1 }
    assertGradientMatchesFiniteDifferences(at: a, b) { $0 / $1 }
    assertGradientMatchesFiniteDifferences(at: a) { -$0 }
}

@Test func scalarOperandGradientsMatchFiniteDifferences() {
    var generator = RandomGenerator(seed: 22)
    let a = Tensor(randomUniform: [2, 3], lowerBound: 0.5, upperBound: 2, using: &generator)
    assertGradientMatchesFiniteDifferences(at: a) { 3 - $0 * 2 + 1 }
    assertGradientMatchesFiniteDifferences(at: a) { 2 / $0 - $0 / 4 }
}

@Test func gradientWithRespectToAScalarOperandIsTheSum() {
    // d/ds Σ (x * s) = Σ x = 6.
    let x = Tensor([1, 2, 3])
    let g = gradient(at: Float(2)) { s in (x * s).sum().scalar }
    #expect(g == 6)
}

@Test func addingTheScalarZeroGivesTheOtherOperandForAnyShape() {
    let x = Tensor([[1, -2, 3], [4, 5, -6]])
    #expect(Tensor.zero + x == x)
    #expect(x + Tensor.zero == x)
    #expect((Tensor(0) + Tensor([7])).shape == [1])
    #expect((Tensor(1) + x).scalars == [2, -1, 4, 5, 6, -5])
    var accumulated = Tensor.zero
    accumulated += x
    accumulated += x
    #expect(accumulated.scalars == [2, -4, 6, 8, 10, -12])
    #expect(x.scalars == [1, -2, 3, 4, 5, -6])
}

@Test func movingBySharedZeroGivesATensorABufferOfItsOwn() {
    let original = Tensor([1, 2, 3])
    var moved = original
    moved.move(by: .zero)
    // Writes the buffer whether or not it is shared, as the checkpoint loader does.
    moved.overwriteSharedStorage { $0[0] = 9 }
    #expect(original.scalars == [1, 2, 3])
    #expect(moved.scalars == [9, 2, 3])
}
