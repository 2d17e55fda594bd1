// Finite-difference checks and other helpers shared by the test targets.
import Testing
import Tensors

/// Checks the reverse-mode gradient of `function` at `input` against central finite differences.
///
/// The output is contracted with fixed pseudo-random weights, `L(x) = Σ w ⊙ f(x)`, so that the
/// whole vector-Jacobian product is checked (a plain sum would hide errors that preserve it, such
/// as in softmax). The finite difference `(L(x + h eᵢ) - L(x - h eᵢ)) / 2h` accumulates `L` in
/// `Double`. The check passes when `max |analytic - numeric| <= tolerance * max(1, max |numeric|)`;
/// a wrong sign, a missing term or a transposed product misses by far more.
public func assertGradientMatchesFiniteDifferences(
    at input: Tensor, step: Float = 1e-2, tolerance: Double = 1e-2,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ function: @escaping @differentiable(reverse) (Tensor) -> Tensor
) {
    let output = function(input)
    var generator = RandomGenerator(seed: 1234)
    let weights = Tensor(randomUniform: output.shape, lowerBound: -1, upperBound: 1, using: &generator)
    let analytic = gradient(at: input) { x in (function(x) * weights).sum() }.expandedScalars(to: input.shape)
    let numeric = finiteDifferenceGradient(at: input, step: step) { x in
        zip(function(x).scalars, weights.scalars).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }
    expectClose(analytic, numeric, tolerance: tolerance, sourceLocation: sourceLocation)
}

/// Checks the gradient of a two-argument function with respect to both arguments.
///
/// Both gradients come from one call of the two-argument `gradient(at:_:of:)`: wrapping the
/// function in a one-argument closure that captures the other argument is not used, because the
/// stock compiler can return the wrong component of the pullback for such closures.
public func assertGradientMatchesFiniteDifferences(
    at first: Tensor, _ second: Tensor, step: Float = 1e-2, tolerance: Double = 1e-2,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ function: @escaping @differentiable(reverse) (Tensor, Tensor) -> Tensor
) {
    let output = function(first, second)
    var generator = RandomGenerator(seed: 1234)
    let weights = Tensor(randomUniform: output.shape, lowerBound: -1, upperBound: 1, using: &generator)
    let (firstGradient, secondGradient) = gradient(at: first, second) { x, y in (function(x, y) * weights).sum() }
    func contracted(_ output: Tensor) -> Double {
        zip(output.scalars, weights.scalars).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }
    let firstNumeric = finiteDifferenceGradient(at: first, step: step) { contracted(function($0, second)) }
    let secondNumeric = finiteDifferenceGradient(at: second, step: step) { contracted(function(first, $0)) }
    expectClose(firstGradient.expandedScalars(to: first.shape), firstNumeric, tolerance: tolerance,
                sourceLocation: sourceLocation)
    expectClose(secondGradient.expandedScalars(to: second.shape), secondNumeric, tolerance: tolerance,
                sourceLocation: sourceLocation)
}

/// Central finite differences of a scalar function of a tensor, one coordinate at a time.
public func finiteDifferenceGradient(at input: Tensor, step: Float, _ loss: (Tensor) -> Double) -> [Double] {
    var result: [Double] = []
    var scalars = input.scalars
    for i in scalars.indices {
        let original = scalars[i]
        scalars[i] = original + step
        let up = loss(Tensor(shape: input.shape, scalars: scalars))
        scalars[i] = original - step
        let down = loss(Tensor(shape: input.shape, scalars: scalars))
        scalars[i] = original
        // Divide by the perturbation actually applied in Float, not the nominal step.
        result.append((up - down) / (Double(original + step) - Double(original - step)))
    }
    return result
}

/// Expects `max |actual - expected| <= tolerance * max(1, max |expected|)`.
public func expectClose(_ actual: [Double], _ expected: [Double], tolerance: Double,
                        sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, "counts \(actual.count) and \(expected.count) differ",
            sourceLocation: sourceLocation)
    let scale = max(1, expected.map { Swift.abs($0) }.max() ?? 0)
    let error = zip(actual, expected).map { Swift.abs($0 - $1) }.max() ?? 0
    #expect(error <= tolerance * scale, "max error \(error) > \(tolerance * scale)\n actual \(actual)\n expected \(expected)",
            sourceLocation: sourceLocation)
}

/// Expects the tensor to have `shape` and scalars within `tolerance` of `expected`.
public func expectClose(_ actual: Tensor, _ expected: [Float], shape: [Int]? = nil, tolerance: Float = 1e-5,
                        sourceLocation: SourceLocation = #_sourceLocation) {
    if let shape { #expect(actual.shape == shape, sourceLocation: sourceLocation) }
    expectClose(actual.scalars.map(Double.init), expected.map(Double.init), tolerance: Double(tolerance),
                sourceLocation: sourceLocation)
}

extension Tensor {
    /// The scalars of this tensor broadcast to `shape` (a gradient may be a scalar zero).
    func expandedScalars(to shape: [Int]) -> [Double] {
        (self.shape == shape ? self : self.broadcasted(to: shape)).scalars.map(Double.init)
    }
}

/// Checks the gradient of `loss` with respect to every tensor parameter of `model` against
/// central finite differences, one scalar at a time (in `Double`).
///
/// Each perturbation is a tangent vector built from the analytic gradient's structure with a
/// single non-zero scalar, applied with `move(by:)`.
public func assertModelGradientMatchesFiniteDifferences<Model: Differentiable>(
    at model: Model, step: Float = 1e-2, tolerance: Double = 1e-2,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ loss: @escaping @differentiable(reverse) (Model) -> Tensor
) {
    let analytic = gradient(at: model, of: loss)
    let leaves = namedTensorLeaves(analytic)
    for (leafIndex, leaf) in leaves.enumerated() {
        var numeric: [Double] = []
        for scalarIndex in 0..<leaf.scalarCount {
            func perturbed(by amount: Float) -> Double {
                let delta = analytic + analytic
                for (index, deltaLeaf) in namedTensorLeaves(delta).enumerated() {
                    deltaLeaf.overwriteSharedStorage { buffer in
                        buffer.update(repeating: 0)
                        if index == leafIndex { buffer[scalarIndex] = amount }
                    }
                }
                var copy = model
                copy.move(by: delta)
                return Double(loss(copy).scalar)
            }
            numeric.append((perturbed(by: step) - perturbed(by: -step)) / (2 * Double(step)))
        }
        expectClose(leaf.scalars.map(Double.init), numeric, tolerance: tolerance, sourceLocation: sourceLocation)
    }
}

/// The tensors inside `value`, depth first (a local walk so that TestSupport needs only Tensors).
private func namedTensorLeaves(_ value: Any) -> [Tensor] {
    if let tensor = value as? Tensor { return [tensor] }
    return Mirror(reflecting: value).children.flatMap { namedTensorLeaves($0.value) }
}
