import Testing
import Tensors
import TestSupport

@Test func arrayLiteralsGiveRowMajorScalarsAndShape() {
    let x = Tensor([[1, 2, 3], [4, 5, 6]])
    #expect(x.shape == [2, 3])
    #expect(x.rank == 2)
    #expect(x.scalars == [1, 2, 3, 4, 5, 6])
    #expect(x.description == "[[1.0, 2.0, 3.0],\n [4.0, 5.0, 6.0]]")
}

@Test func largeTensorsPrintTheirCornersOnly() {
    let x = Tensor(rangeFrom: 0, to: 2000).reshaped(to: [2, 1000])
    #expect(x.description == "[[0.0, 1.0, 2.0, ..., 997.0, 998.0, 999.0],\n [1000.0, 1001.0, 1002.0, ..., 1997.0, 1998.0, 1999.0]]")
}

@Test func scalarTensorHasRankZero() {
    let x = Tensor(2.5)
    #expect(x.shape == [])
    #expect(x.scalar == 2.5)
    #expect(x.description == "2.5")
}

@Test func copiesAreIndependentAfterMutation() {
    let original = Tensor([1, 2, 3])
    var copy = original
    copy.withUnsafeMutableBufferPointer { $0[0] = 10 }
    #expect(original.scalars == [1, 2, 3])
    #expect(copy.scalars == [10, 2, 3])
}

@Test func moveByDoesNotAffectCopies() {
    let original = Tensor([1, 2])
    var moved = original
    moved.move(by: Tensor([1, 1]))
    #expect(original.scalars == [1, 2])
    #expect(moved.scalars == [2, 3])
}

@Test func zeroIsAScalarThatAddsToAnyShape() {
    let x = Tensor([[1, 2], [3, 4]])
    #expect(Tensor.zero + x == x)
    #expect(x + .zero == x)
}

@Test func rangesAndLinearSpaces() {
    #expect(Tensor(rangeFrom: 0, to: 5).scalars == [0, 1, 2, 3, 4])
    #expect(Tensor(rangeFrom: 1, to: 2, stride: 0.25).scalars == [1, 1.25, 1.5, 1.75])
    #expect(Tensor(linearSpaceFrom: 0, to: 1, count: 5).scalars == [0, 0.25, 0.5, 0.75, 1])
    #expect(Tensor(identity: 2).scalars == [1, 0, 0, 1])
    #expect(Tensor(oneHotAtIndices: [2, 0], depth: 3).scalars == [0, 0, 1, 1, 0, 0])
}

@Test func seededRandomTensorsRepeat() {
    var a = RandomGenerator(seed: 5), b = RandomGenerator(seed: 5)
    #expect(Tensor(randomNormal: [3, 4], using: &a) == Tensor(randomNormal: [3, 4], using: &b))
}

@Test func randomNormalHasRequestedMoments() {
    var generator = RandomGenerator(seed: 11)
    let x = Tensor(randomNormal: [20_000], mean: 3, standardDeviation: 2, using: &generator)
    #expect(Swift.abs(x.mean().scalar - 3) < 0.1)       // 5 standard errors: 5 * 2 / sqrt(20000) = 0.07
    #expect(Swift.abs(x.variance().scalar - 4) < 0.25)
}

@Test func glorotUniformStaysWithinItsLimit() {
    var generator = RandomGenerator(seed: 2)
    let x = Tensor(glorotUniform: [30, 20], fanIn: 30, fanOut: 20, using: &generator)
    let limit: Float = (6.0 / 50.0).squareRoot()
    #expect(x.max().scalar <= limit && x.min().scalar >= -limit)
    #expect(x.max().scalar > 0.9 * limit)
}

@Test func heNormalHasVarianceTwoOverFanIn() {
    var generator = RandomGenerator(seed: 4)
    let x = Tensor(heNormal: [100, 200], fanIn: 50, using: &generator)
    #expect(Swift.abs(x.variance().scalar - 0.04) < 0.002)
}

/// The stock compiler (Swift 6.3.1) differentiates a `@differentiable` closure value called with
/// a constant first argument as if the varied argument were the first: this gives +1, not -1.
/// Call such closures with every argument varied, or call named functions instead.
@Test func differentiableClosureValueWithAConstantFirstArgument() {
    let difference: @differentiable(reverse) (Tensor, Tensor) -> Tensor = { $0 - $1 }
    let constant = Tensor([1])
    let grad = gradient(at: Tensor([2])) { y in difference(constant, y).sum() }
    withKnownIssue("compiler returns the pullback component of the wrong argument") {
        #expect(grad.scalars == [-1])
    }
    let (first, second) = gradient(at: constant, Tensor([2])) { x, y in difference(x, y).sum() }
    #expect(first.scalars == [1] && second.scalars == [-1])
}

@Test func reusedBuffersDoNotAliasLiveTensors() {
    let count = 1 << 15
    let live = Tensor(repeating: 1, shape: [count])
    do { _ = Tensor(repeating: 2, shape: [count]) }
    let reused = Tensor(repeating: 3, shape: [count])
    #expect(live.scalars.allSatisfy { $0 == 1 })
    #expect(reused.scalars.allSatisfy { $0 == 3 })
}
