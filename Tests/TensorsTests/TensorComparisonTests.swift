import Testing
import Tensors
import TestSupport

@Test func comparisonsGiveMasks() {
    let x = Tensor([1, 2, 3])
    #expect((x .< 2).scalars == [1, 0, 0])
    #expect((x .<= 2).scalars == [1, 1, 0])
    #expect((x .> 2).scalars == [0, 0, 1])
    #expect((x .>= 2).scalars == [0, 1, 1])
    #expect((x .== Tensor([1, 0, 3])).scalars == [1, 0, 1])
}

@Test func selectChoosesByMask() {
    let mask = Tensor([1, 0, 1])
    #expect(select(mask, Tensor([1, 2, 3]), Tensor([10, 20, 30])).scalars == [1, 20, 3])
    #expect(Tensor([10, 20, 30]).replacing(with: Tensor(0), where: mask).scalars == [0, 20, 0])
}

@Test func selectGradientIgnoresTheMaskedOutBranch() {
    let mask = Tensor([1, 0])
    let (gTrue, gFalse) = gradient(at: Tensor([1, 1]), Tensor([2, 2])) { a, b in select(mask, a, b).sum() }
    #expect(gTrue.scalars == [1, 0])
    #expect(gFalse.scalars == [0, 1])
}

@Test func selectGradientsMatchFiniteDifferences() {
    var generator = RandomGenerator(seed: 81)
    let a = Tensor(randomNormal: [2, 3], using: &generator)
    let b = Tensor(randomNormal: [2, 3], using: &generator)
    let mask = a .> b
    assertGradientMatchesFiniteDifferences(at: a, b) { select(mask, $0, $1 * $1) }
}
