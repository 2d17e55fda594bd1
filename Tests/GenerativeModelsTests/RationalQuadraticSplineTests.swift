import Foundation
import GenerativeModels
import Tensors
import Testing
import TestSupport

/// The unnormalised parameters of `scripts/reference/rational_quadratic_spline.py`: four bins on
/// [-2, 2], repeated for each of `count` points of one coordinate, `[count, 1, 11]`.
private func referenceParameters(count: Int) -> Tensor {
    let raw: [Float] = [0.3, -0.5, 1.2, 0.0, -0.4, 0.8, 0.1, -1.0, 0.5, -0.7, 1.5]
    return Tensor(shape: [count, 1, 11], scalars: Array((0..<count).map { _ in raw }.joined()))
}

private func column(_ values: [Float]) -> Tensor { Tensor(shape: [values.count, 1], scalars: values) }

@Test func splineMatchesTheReferenceValuesAndLogSlopes() {
    // scripts/reference/rational_quadratic_spline.py (the paper's formulas in float64): x, g(x), log g'(x).
    let reference: [(x: Float, y: Double, logSlope: Double)] = [
        (-2.5, -2.5, 0), (-1.3, -1.5498310, -0.2236479), (-0.2, 0.8333161, -1.5011302), (0.4, 0.9696209, -1.3208692),
        (1.7, 1.8820807, -1.3476130), (1.95, 1.9625198, -0.5640773), (3.1, 3.1, 0)]
    let output = rationalQuadraticSpline(column(reference.map(\.x)), parameters: referenceParameters(count: reference.count), bound: 2)
    expectClose(output.values.scalars.map(Double.init), reference.map(\.y), tolerance: 1e-5)
    expectClose(output.logDerivative.scalars.map(Double.init), reference.map(\.logSlope), tolerance: 1e-5)
}

@Test func inverseSplineMatchesTheReferenceRoots() {
    // scripts/reference/rational_quadratic_spline.py: y and the root of g(x) = y found by brentq.
    let reference: [(y: Float, x: Double)] = [(-2.5, -2.5), (-1.0, -1.0317026), (0.0, -0.9084083), (0.75, -0.5198734),
                                              (1.9, 1.7702929), (3.1, 3.1)]
    let output = inverseRationalQuadraticSpline(column(reference.map(\.y)), parameters: referenceParameters(count: reference.count),
                                                bound: 2)
    expectClose(output.values.scalars.map(Double.init), reference.map(\.x), tolerance: 1e-5)
}

@Test func splineInverseUndoesForwardAndLogSlopesCancel() {
    var rng = RandomGenerator(seed: 21)
    let x = Tensor(randomNormal: [200, 3], standardDeviation: 1.5, using: &rng)
    let parameters = Tensor(randomNormal: [200, 3, 3 * 6 - 1], standardDeviation: 0.5, using: &rng)
    let forward = rationalQuadraticSpline(x, parameters: parameters, bound: 2.5)
    let back = inverseRationalQuadraticSpline(forward.values, parameters: parameters, bound: 2.5)
    #expect(zip(back.values.scalars, x.scalars).map { abs($0 - $1) }.max()! < 1e-4)
    #expect(zip(forward.logDerivative.scalars, back.logDerivative.scalars).map { abs($0 + $1) }.max()! < 1e-4)
    #expect(zip(forward.values.scalars, x.scalars).map { abs($0 - $1) }.max()! > 0.1, "the spline must move the points")
}

@Test func splineWithZeroParametersIsTheIdentity() {
    let x = column([-3, -1.2, 0, 0.7, 1.99, 4])
    let output = rationalQuadraticSpline(x, parameters: Tensor(zeros: [6, 1, 3 * 5 - 1]), bound: 2)
    #expect(zip(output.values.scalars, x.scalars).map { abs($0 - $1) }.max()! < 1e-5)
    #expect(output.logDerivative.scalars.map { abs($0) }.max()! < 1e-5)
}

@Test func oneDimensionalSplineFlowDensityIntegratesToOne() {
    // p(x) = N(g⁻¹(x); 0, 1) |d g⁻¹/dx|, summed over the midpoints of a fine grid on [-8, 8].
    let cells = 4000, extent: Float = 8
    let spacing = 2 * extent / Float(cells)
    let x = column((0..<cells).map { -extent + (Float($0) + 0.5) * spacing })
    let inverse = inverseRationalQuadraticSpline(x, parameters: referenceParameters(count: cells), bound: 2)
    let density = zip(inverse.values.scalars, inverse.logDerivative.scalars).map { z, logSlope in
        exp(-Double(z * z) / 2 + Double(logSlope)) / (2 * Double.pi).squareRoot()
    }
    let mass = density.reduce(0, +) * Double(spacing)
    #expect(abs(mass - 1) < 1e-3, "the density integrates to \(mass)")
    // The spline is not the identity: the density differs from N(0, 1) by far more than the tolerance.
    let standard = x.scalars.map { exp(-Double($0 * $0) / 2) / (2 * Double.pi).squareRoot() }
    #expect(zip(density, standard).map { abs($0 - $1) }.max()! > 0.1)
}

@Test func splineGradientsMatchFiniteDifferences() {
    var rng = RandomGenerator(seed: 22)
    let x = Tensor(randomNormal: [6, 2], using: &rng)
    let parameters = Tensor(randomNormal: [6, 2, 3 * 4 - 1], standardDeviation: 0.7, using: &rng)
    assertGradientMatchesFiniteDifferences(at: x, parameters, step: 1e-3, tolerance: 1e-2) { x, parameters in
        let output = rationalQuadraticSpline(x, parameters: parameters, bound: 2)
        return output.values + output.logDerivative
    }
    assertGradientMatchesFiniteDifferences(at: x, parameters, step: 1e-3, tolerance: 1e-2) { y, parameters in
        let output = inverseRationalQuadraticSpline(y, parameters: parameters, bound: 2)
        return output.values + output.logDerivative
    }
}
