import Foundation
import NeuralNetworks

/// A monotone spline's value at each coordinate and the log of its slope there, each `[N, D]`.
public struct SplineOutput: Differentiable {
    /// The mapped coordinates.
    public var values: Tensor
    /// `log |dy/dx|` of the map applied, per coordinate.
    public var logDerivative: Tensor

    /// Creates an output from the mapped coordinates and their log-slopes.
    @differentiable(reverse)
    public init(values: Tensor, logDerivative: Tensor) {
        self.values = values
        self.logDerivative = logDerivative
    }
}

/// The smallest bin width and height (as a share of `2B`) and the smallest knot slope, so that no
/// bin collapses and the map stays strictly increasing (the values of Durkan et al.'s code).
private let minimumBinShare: Float = 1e-3
private let minimumSlope: Float = 1e-3

/// The bins of one spline per coordinate, each field `[N, D, K]` (or `[N, D]` once one bin is
/// picked per coordinate): left edge `x_k`, width `x_{k+1} - x_k`, bottom `y_k`, height, and the
/// slopes `δ_k`, `δ_{k+1}` at the bin's two knots.
struct SplineBins: Differentiable {
    var left, width, bottom, height, leftSlope, rightSlope: Tensor

    @differentiable(reverse)
    init(left: Tensor, width: Tensor, bottom: Tensor, height: Tensor, leftSlope: Tensor, rightSlope: Tensor) {
        self.left = left
        self.width = width
        self.bottom = bottom
        self.height = height
        self.leftSlope = leftSlope
        self.rightSlope = rightSlope
    }

    /// The bins from unnormalised parameters `[N, D, 3K - 1]` (widths, heights, interior slopes):
    /// `w = 2B (m + (1 - mK) softmax(raw))`, the same for heights, `δ = m + softplus(raw + c)` with
    /// `c = log(e^{1 - m} - 1)` so that a raw 0 is a slope of 1, and slope 1 at `±B`.
    @differentiable(reverse, wrt: parameters)
    static func from(parameters: Tensor, bound: Float) -> SplineBins {
        let shape = withoutDerivative(at: parameters.shape)
        let binCount = (shape[2] + 1) / 3
        let share = 1 - minimumBinShare * Float(binCount)
        let widths = (minimumBinShare + share * softmax(parameters.sliced(alongAxis: 2, range: 0..<binCount), axis: 2)) * (2 * bound)
        let heights = (minimumBinShare + share * softmax(parameters.sliced(alongAxis: 2, range: binCount..<(2 * binCount)), axis: 2))
            * (2 * bound)
        let shift = withoutDerivative(at: Float(log(exp(1 - Double(minimumSlope)) - 1)))
        let interior = minimumSlope + softplus(parameters.sliced(alongAxis: 2, range: (2 * binCount)..<shape[2]) + shift)
        let one = withoutDerivative(at: Tensor(ones: [shape[0], shape[1], 1]))
        let slopes = Tensor(concatenating: [one, interior, one], alongAxis: 2)
        return SplineBins(left: widths.cumulativeSum(axis: 2, exclusive: true) - bound, width: widths,
                  bottom: heights.cumulativeSum(axis: 2, exclusive: true) - bound, height: heights,
                  leftSlope: slopes.sliced(alongAxis: 2, range: 0..<binCount),
                  rightSlope: slopes.sliced(alongAxis: 2, range: 1..<(binCount + 1)))
    }

    /// The bin of each coordinate picked out by the one-hot `indicators` `[N, D, K]`: fields `[N, D]`.
    @differentiable(reverse, wrt: self)
    func picking(_ indicators: Tensor) -> SplineBins {
        SplineBins(left: (left * indicators).sum(axis: 2), width: (width * indicators).sum(axis: 2),
                   bottom: (bottom * indicators).sum(axis: 2), height: (height * indicators).sum(axis: 2),
                   leftSlope: (leftSlope * indicators).sum(axis: 2), rightSlope: (rightSlope * indicators).sum(axis: 2))
    }

    /// `log g'(x)` at the position `ξ` in each picked bin, with `s` its mean slope:
    /// `log[s² (δ_{k+1} ξ² + 2 s ξ(1 - ξ) + δ_k (1 - ξ)²)] - 2 log[s + (δ_{k+1} + δ_k - 2s) ξ(1 - ξ)]`.
    @differentiable(reverse)
    func logSlope(at xi: Tensor) -> Tensor {
        let slope = height / width, bump = xi * (1 - xi)
        let denominator = slope + (rightSlope + leftSlope - 2 * slope) * bump
        let numerator = slope * slope * (rightSlope * xi * xi + 2 * slope * bump + leftSlope * (1 - xi) * (1 - xi))
        return log(numerator) - 2 * log(denominator)
    }
}

/// One-hot `[N, D, K]` of the bin each value of `[N, D]` falls in: the last left edge at or below
/// it (the first bin for a value below every edge).
private func binIndicators(_ values: Tensor, leftEdges: Tensor) -> Tensor {
    let binCount = leftEdges.shape[2], count = values.shape.reduce(1, *)
    let (value, edge) = (values.scalars, leftEdges.scalars)
    var indicators = [Float](repeating: 0, count: count * binCount)
    for i in 0..<count {
        var bin = 0
        for k in 1..<binCount where edge[i * binCount + k] <= value[i] { bin = k }
        indicators[i * binCount + bin] = 1
    }
    return Tensor(shape: leftEdges.shape, scalars: indicators)
}

/// 1 where `-B ≤ value ≤ B`, else 0 (there the spline is the identity), same shape as `values`.
private func insideIndicators(_ values: Tensor, bound: Float) -> Tensor {
    (values .>= -bound) * (values .<= bound)
}

/// The monotone rational-quadratic spline of Durkan et al. (2019, "Neural Spline Flows"), one per
/// coordinate, applied to `x` `[N, D]`, with its log-slope; the identity outside `[-B, B]`.
///
/// `parameters` `[N, D, 3K - 1]` are unnormalised: `K` bin widths and `K` heights (a softmax
/// makes each set tile `[-B, B]`) and `K - 1` slopes at the interior knots (a softplus keeps them
/// positive; the slope is 1 at `±B`, so the spline meets the identity tails smoothly). In bin `k`,
/// with `ξ = (x - x_k) / w_k` and `s_k = h_k / w_k`,
///
/// `g(x) = y_k + h_k [s_k ξ² + δ_k ξ(1 - ξ)] / [s_k + (δ_{k+1} + δ_k - 2 s_k) ξ(1 - ξ)]`,
///
/// which rises from `y_k` to `y_k + h_k` with slopes `δ_k` and `δ_{k+1}` at the ends. All-zero
/// parameters give the identity.
@differentiable(reverse, wrt: (x, parameters))
public func rationalQuadraticSpline(_ x: Tensor, parameters: Tensor, bound: Float) -> SplineOutput {
    precondition(parameters.rank == 3 && Array(parameters.shape.prefix(2)) == x.shape && parameters.shape[2] % 3 == 2,
                 "rationalQuadraticSpline: points \(x.shape), parameters \(parameters.shape) (want [N, D, 3K - 1])")
    let all = SplineBins.from(parameters: parameters, bound: bound)
    let clamped = clamp(x, min: -bound, max: bound)
    let bins = all.picking(withoutDerivative(at: binIndicators(withoutDerivative(at: clamped), leftEdges: withoutDerivative(at: all.left))))
    let xi = (clamped - bins.left) / bins.width
    let slope = bins.height / bins.width, bump = xi * (1 - xi)
    let spline = bins.bottom + bins.height * (slope * xi * xi + bins.leftSlope * bump)
        / (slope + (bins.rightSlope + bins.leftSlope - 2 * slope) * bump)
    let inside = insideIndicators(withoutDerivative(at: x), bound: bound)
    return SplineOutput(values: select(inside, spline, x), logDerivative: bins.logSlope(at: xi) * inside)
}

/// The inverse of `rationalQuadraticSpline` with the same `parameters`, applied to `y` `[N, D]`,
/// with the log-slope of the inverse map (minus the forward one's at the result).
///
/// In bin `k`, `ξ` solves the quadratic `a ξ² + b ξ + c = 0` with `Δ = δ_{k+1} + δ_k - 2 s_k`,
/// `a = h_k (s_k - δ_k) + (y - y_k) Δ`, `b = h_k δ_k - (y - y_k) Δ`, `c = -s_k (y - y_k)`:
/// `ξ = 2c / (-b - √(b² - 4ac))`, the root in `[0, 1]`, and `x = x_k + ξ w_k`.
@differentiable(reverse, wrt: (y, parameters))
public func inverseRationalQuadraticSpline(_ y: Tensor, parameters: Tensor, bound: Float) -> SplineOutput {
    precondition(parameters.rank == 3 && Array(parameters.shape.prefix(2)) == y.shape && parameters.shape[2] % 3 == 2,
                 "inverseRationalQuadraticSpline: points \(y.shape), parameters \(parameters.shape) (want [N, D, 3K - 1])")
    let all = SplineBins.from(parameters: parameters, bound: bound)
    let clamped = clamp(y, min: -bound, max: bound)
    let bins = all.picking(withoutDerivative(at: binIndicators(withoutDerivative(at: clamped), leftEdges: withoutDerivative(at: all.bottom))))
    let slope = bins.height / bins.width, rise = clamped - bins.bottom
    let curvature = bins.rightSlope + bins.leftSlope - 2 * slope
    let a = bins.height * (slope - bins.leftSlope) + rise * curvature
    let b = bins.height * bins.leftSlope - rise * curvature
    let c = -slope * rise
    let discriminant = clamp(b * b - 4 * a * c, min: 0, max: .greatestFiniteMagnitude)
    let xi = 2 * c / (-b - sqrt(discriminant))
    let inside = insideIndicators(withoutDerivative(at: y), bound: bound)
    return SplineOutput(values: select(inside, bins.left + xi * bins.width, y), logDerivative: -bins.logSlope(at: xi) * inside)
}
