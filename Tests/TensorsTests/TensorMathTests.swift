import Foundation
import Testing
import Tensors
import TestSupport

@Test func elementwiseMathByHand() {
    let x = Tensor([1, 4, 9])
    expectClose(sqrt(x), [1, 2, 3])
    expectClose(log(exp(x)), [1, 4, 9], tolerance: 1e-5)
    expectClose(pow(x, 0.5), [1, 2, 3])
    expectClose(square(Tensor([-2, 3])), [4, 9])
    expectClose(abs(Tensor([-2, 3])), [2, 3])
    expectClose(clamp(Tensor([-2, 0.5, 3]), min: 0, max: 1), [0, 0.5, 1])
    expectClose(tanh(Tensor([0])), [0])
}

@Test func activationsByHand() {
    let x = Tensor([-1, 0, 2])
    expectClose(relu(x), [0, 0, 2])
    expectClose(leakyRelu(x, negativeSlope: 0.1), [-0.1, 0, 2])
    expectClose(sigmoid(x), [0.26894142, 0.5, 0.880797])
    expectClose(softplus(x), [0.31326169, 0.69314718, 2.12692801])
    expectClose(silu(x), [-0.26894142, 0, 1.761594])
    // GELU values from x Φ(x) with Φ(-1) = 0.15865525, Φ(2) = 0.97724987.
    expectClose(gelu(x), [-0.15865525, 0, 1.95449974])
}

@Test func sigmoidAndSoftplusAreStableForLargeInputs() {
    let x = Tensor([-200, 200])
    expectClose(sigmoid(x), [0, 1])
    expectClose(softplus(x), [0, 200])
    expectClose(logSigmoid(x), [-200, 0])
}

@Test func softmaxRowsSumToOne() {
    let p = softmax(Tensor([[1, 2, 3], [0, 0, 0]]), axis: 1)
    expectClose(p.sum(axis: 1), [1, 1])
    expectClose(p[1], [1.0 / 3, 1.0 / 3, 1.0 / 3])
    // exp([1, 2, 3]) / Σ = [0.09003057, 0.24472847, 0.66524096].
    expectClose(p[0], [0.09003057, 0.24472847, 0.66524096])
}

@Test func mathGradientsMatchFiniteDifferences() {
    var generator = RandomGenerator(seed: 61)
    let x = Tensor(randomNormal: [2, 5], using: &generator)
    let positive = Tensor(randomUniform: [2, 5], lowerBound: 0.5, upperBound: 3, using: &generator)
    assertGradientMatchesFiniteDifferences(at: x) { exp($0) }
    assertGradientMatchesFiniteDifferences(at: positive) { log($0) }
    assertGradientMatchesFiniteDifferences(at: positive) { sqrt($0) }
    assertGradientMatchesFiniteDifferences(at: positive) { pow($0, 1.5) }
    assertGradientMatchesFiniteDifferences(at: x) { square($0) }
    assertGradientMatchesFiniteDifferences(at: x) { abs($0) }
    assertGradientMatchesFiniteDifferences(at: x) { clamp($0, min: -0.5, max: 0.5) }
    assertGradientMatchesFiniteDifferences(at: x) { sin($0) }
    assertGradientMatchesFiniteDifferences(at: x) { cos($0) }
    assertGradientMatchesFiniteDifferences(at: x) { tanh($0) }
}

@Test func activationGradientsMatchFiniteDifferences() {
    var generator = RandomGenerator(seed: 62)
    let x = Tensor(randomNormal: [2, 5], standardDeviation: 2, using: &generator)
    assertGradientMatchesFiniteDifferences(at: x) { sigmoid($0) }
    assertGradientMatchesFiniteDifferences(at: x) { softplus($0) }
    assertGradientMatchesFiniteDifferences(at: x) { logSigmoid($0) }
    assertGradientMatchesFiniteDifferences(at: x) { silu($0) }
    assertGradientMatchesFiniteDifferences(at: x) { gelu($0) }
    assertGradientMatchesFiniteDifferences(at: x) { relu($0) }
    assertGradientMatchesFiniteDifferences(at: x) { leakyRelu($0, negativeSlope: 0.2) }
    assertGradientMatchesFiniteDifferences(at: x) { softmax($0, axis: 1) }
    assertGradientMatchesFiniteDifferences(at: x) { logSoftmax($0, axis: 0) }
}

@Test func expMatchesTheCLibraryAcrossItsRange() {
    let x = Tensor(linearSpaceFrom: -87, to: 88, count: 100_001)
    let y = exp(x).scalars
    let worst = zip(x.scalars, y).map { x, y in Double(abs(y - Foundation.exp(x)) / Foundation.exp(x)) }.max() ?? 1
    #expect(worst < 1e-6)
    #expect(exp(Tensor([-200, 0, 200])).scalars == [0, 1, .infinity])
}

@Test func softplusMatchesTheCLibraryAcrossItsRange() {
    let x = Tensor(linearSpaceFrom: -80, to: 80, count: 100_001)
    let y = softplus(x).scalars
    let worst = zip(x.scalars, y).map { x, y -> Double in
        let reference = max(Double(x), 0) + Foundation.log1p(Foundation.exp(-abs(Double(x))))
        return abs(Double(y) - reference) / reference
    }.max() ?? 1
    #expect(worst < 1e-6)
}

@Test func sigmoidCrossEntropyMatchesItsDefinition() {
    // softplus(l) - y l at l = 2, y = 0.25: log(1 + e²) - 0.5 = 1.62692801.
    expectClose(sigmoidCrossEntropy(logits: Tensor([2]), labels: Tensor([0.25])), [1.62692801])
    var generator = RandomGenerator(seed: 63)
    let logits = Tensor(randomNormal: [3, 4], standardDeviation: 3, using: &generator)
    let labels = Tensor(randomUniform: [3, 4], using: &generator)
    assertGradientMatchesFiniteDifferences(at: logits, labels) { sigmoidCrossEntropy(logits: $0, labels: $1) }
    assertGradientMatchesFiniteDifferences(at: logits, Tensor(randomUniform: [4], using: &generator)) {
        sigmoidCrossEntropy(logits: $0, labels: $1)
    }
}

@Test func tanhMatchesTheDoublePrecisionFunctionEverywhere() {
    // A fine grid across both branches of the fast kernel (|x| < 0.625 and beyond), the switch
    // point, tiny values and saturation; the reference is libm's tanh in Double.
    let grid = stride(from: -20.0, through: 20.0, by: 0.001).map { Float($0) } + [1e-8, -1e-8, 0.625, -0.625, 0.6249999, 90, -90]
    let values = tanh(Tensor(shape: [grid.count], scalars: grid)).scalars
    var worst = 0.0
    for (x, value) in zip(grid, values) {
        let exact = Foundation.tanh(Double(x))
        worst = max(worst, abs(Double(value) - exact) / max(abs(exact), 1e-30))
    }
    #expect(worst < 1e-6)
    #expect(values.allSatisfy { $0.isFinite && abs($0) <= 1 })
}

/// `sigmoid` and `silu` spread a large tensor over the cores; each scalar must come out as it does
/// when computed alone: 200,000 values against the same values in slices of 1,000 (one part each).
@Test func sigmoidAndSiluOfALargeTensorAreThoseOfItsSmallSlicesBitForBit() {
    var rng = RandomGenerator(seed: 5)
    let x = 8 * Tensor(randomNormal: [200, 1000], using: &rng)
    for (name, f) in [("sigmoid", { sigmoid($0) }), ("silu", { silu($0) })] as [(String, (Tensor) -> Tensor)] {
        let whole = f(x).scalars
        let sliced = (0..<200).flatMap { f(x.sliced(alongAxis: 0, range: $0..<($0 + 1))).scalars }
        #expect(zip(whole, sliced).allSatisfy { $0.bitPattern == $1.bitPattern }, "\(name)")
    }
}
