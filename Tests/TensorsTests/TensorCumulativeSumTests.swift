import Testing
import Tensors
import TestSupport

@Test func cumulativeSumAlongEachAxis() {
    let x = Tensor([[1, 2, 3], [4, 5, 6]])
    #expect(x.cumulativeSum(axis: 1).scalars == [1, 3, 6, 4, 9, 15])
    #expect(x.cumulativeSum(axis: 1, exclusive: true).scalars == [0, 1, 3, 0, 4, 9])
    #expect(x.cumulativeSum(axis: 0).scalars == [1, 2, 3, 5, 7, 9])
    #expect(x.cumulativeSum(axis: -2, exclusive: true).scalars == [0, 0, 0, 1, 2, 3])
}

@Test func cumulativeSumGradientMatchesFiniteDifferences() {
    var rng = RandomGenerator(seed: 61)
    let x = Tensor(randomNormal: [2, 4, 3], using: &rng)
    assertGradientMatchesFiniteDifferences(at: x) { $0.cumulativeSum(axis: 1) }
    assertGradientMatchesFiniteDifferences(at: x) { $0.cumulativeSum(axis: 1, exclusive: true) }
    assertGradientMatchesFiniteDifferences(at: x) { $0.cumulativeSum(axis: 2, exclusive: true) }
}
