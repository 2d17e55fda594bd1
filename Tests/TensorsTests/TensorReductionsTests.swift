import Testing
import Tensors
import TestSupport

@Test func sumsAndMeansAlongAxes() {
    let x = Tensor([[1, 2, 3], [4, 5, 6]])
    #expect(x.sum().scalar == 21)
    #expect(x.sum(axis: 0).scalars == [5, 7, 9])
    #expect(x.sum(axis: 1).scalars == [6, 15])
    #expect(x.sum(axis: -1, keepDims: true).shape == [2, 1])
    #expect(x.mean().scalar == 3.5)
    #expect(x.mean(axis: 0).scalars == [2.5, 3.5, 4.5])
}

@Test func maxMinAndArgmaxAlongAxes() {
    let x = Tensor([[1, 9, 3], [7, 5, 6]])
    #expect(x.max(axis: 1).scalars == [9, 7])
    #expect(x.min(axis: 0).scalars == [1, 5, 3])
    #expect(x.argmax(axis: 1) == [1, 0])
    #expect(x.argmax(axis: 0) == [1, 0, 1])
    #expect(x.max().scalar == 9)
    #expect(x.min().scalar == 1)
}

@Test func varianceIsTheBiasedSampleVariance() {
    // Row [1, 2, 3, 4]: mean 2.5, squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5, over 4.
    let x = Tensor([[1, 2, 3, 4], [2, 2, 2, 2]])
    expectClose(x.variance(axis: 1), [1.25, 0])
}

@Test func logSumExpIsStableForLargeInputs() {
    let x = Tensor([[1000, 1000], [-1000, -1000]])
    expectClose(x.logSumExp(axis: 1), [1000 + 0.6931472, -1000 + 0.6931472], tolerance: 1e-6)
}

@Test func logSumExpGradientIsSoftmax() {
    let x = Tensor([0, 0, 0.6931472])   // exp: [1, 1, 2], so softmax [1/4, 1/4, 1/2]
    let g = gradient(at: x) { $0.logSumExp(axis: 0) }
    expectClose(g, [0.25, 0.25, 0.5], tolerance: 1e-5)
}

@Test func maxGradientFlowsToTheMaximum() {
    let g = gradient(at: Tensor([[1, 5, 2], [7, 0, 3]])) { $0.max(axis: 1).sum() }
    #expect(g.scalars == [0, 1, 0, 1, 0, 0])
}

@Test func reductionGradientsMatchFiniteDifferences() {
    var generator = RandomGenerator(seed: 41)
    let x = Tensor(randomNormal: [3, 4, 2], using: &generator)
    for axis in 0..<3 {
        for keepDims in [false, true] {
            assertGradientMatchesFiniteDifferences(at: x) { $0.sum(axis: axis, keepDims: keepDims) }
            assertGradientMatchesFiniteDifferences(at: x) { $0.mean(axis: axis, keepDims: keepDims) }
            assertGradientMatchesFiniteDifferences(at: x) { $0.max(axis: axis, keepDims: keepDims) }
            assertGradientMatchesFiniteDifferences(at: x) { $0.min(axis: axis, keepDims: keepDims) }
            assertGradientMatchesFiniteDifferences(at: x) { $0.logSumExp(axis: axis, keepDims: keepDims) }
            assertGradientMatchesFiniteDifferences(at: x) { $0.variance(axis: axis, keepDims: keepDims) }
        }
    }
    assertGradientMatchesFiniteDifferences(at: x) { $0.sum() }
    assertGradientMatchesFiniteDifferences(at: x) { $0.mean() }
    assertGradientMatchesFiniteDifferences(at: x) { $0.variance() }
    assertGradientMatchesFiniteDifferences(at: x) { $0.max() }
}
