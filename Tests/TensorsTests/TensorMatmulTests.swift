import Testing
import Tensors
import TestSupport

@Test func matmulByHand() {
    let a = Tensor([[1, 2], [3, 4]]), b = Tensor([[5, 6], [7, 8]])
    #expect(matmul(a, b).scalars == [19, 22, 43, 50])
    #expect(matmul(a, b, transposeA: true).scalars == [26, 30, 38, 44])
    #expect(matmul(a, b, transposeB: true).scalars == [17, 23, 39, 53])
    #expect(matmul(a, b, transposeA: true, transposeB: true).scalars == [23, 31, 34, 46])
}

@Test func matmulOfNonSquareShapes() {
    let a = Tensor([[1, 2, 3]]), b = Tensor([[1], [0], [-1]])
    #expect(matmul(a, b).scalars == [-2])
    #expect(matmul(b, a).shape == [3, 3])
}

@Test func affineAddsTheBiasToEveryRow() {
    let x = Tensor([[1, 2], [3, 4]]), w = Tensor([[1, 0, 1], [0, 1, 1]]), b = Tensor([10, 20, 30])
    #expect(affine(x, w, b).scalars == [11, 22, 33, 13, 24, 37])
}

@Test func matmulGradientsMatchFiniteDifferences() {
    var generator = RandomGenerator(seed: 71)
    let a = Tensor(randomNormal: [3, 4], using: &generator)
    let b = Tensor(randomNormal: [4, 2], using: &generator)
    let bt = b.transposed(), at = a.transposed()
    assertGradientMatchesFiniteDifferences(at: a, b) { matmul($0, $1) }
    assertGradientMatchesFiniteDifferences(at: at, b) { matmul($0, $1, transposeA: true) }
    assertGradientMatchesFiniteDifferences(at: a, bt) { matmul($0, $1, transposeB: true) }
    assertGradientMatchesFiniteDifferences(at: at, bt) { matmul($0, $1, transposeA: true, transposeB: true) }
}

@Test func affineGradientsMatchFiniteDifferences() {
    var generator = RandomGenerator(seed: 72)
    let x = Tensor(randomNormal: [3, 4], using: &generator)
    let w = Tensor(randomNormal: [4, 2], using: &generator)
    let b = Tensor(randomNormal: [2], using: &generator)
    assertGradientMatchesFiniteDifferences(at: x, w) { affine($0, $1, b) }
    assertGradientMatchesFiniteDifferences(at: b) { affine(x, w, $0) }
}
