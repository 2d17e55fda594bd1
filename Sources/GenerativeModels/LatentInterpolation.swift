import Foundation
import Tensors

/// Points on the straight line between two tensors of equal shape, `(1 - t) a + t b` for each
/// `t` in `fractions`: the path between two VAE codes.
/// - Returns: `[fractions.count] + start.shape`.
public func linearInterpolation(from start: Tensor, to end: Tensor, fractions: [Double]) -> Tensor {
    interpolation(from: start, to: end, fractions: fractions) { t, _ in (1 - t, t) }
}

/// Spherical linear interpolation between two tensors of equal shape, each treated as one vector
/// (Shoemake, 1985), the usual path between two Gaussian noises (whose norms concentrate, so that
/// the straight line between two of them passes through unlikely, too short vectors):
///
/// `slerp(a, b; t) = sin((1 - t) θ) / sin θ · a + sin(t θ) / sin θ · b`, `cos θ = a·b / (‖a‖ ‖b‖)`.
///
/// Falls back to the straight line when `a` and `b` are (nearly) parallel.
/// - Parameters:
///   - start, end: Tensors of the same shape (`a` and `b`).
///   - fractions: The values of `t`; `0` gives `a`, `1` gives `b`.
/// - Returns: `[fractions.count] + start.shape`.
public func sphericalInterpolation(from start: Tensor, to end: Tensor, fractions: [Double]) -> Tensor {
    interpolation(from: start, to: end, fractions: fractions) { t, theta in
        sin(theta) < 1e-6 ? (1 - t, t) : (sin((1 - t) * theta) / sin(theta), sin(t * theta) / sin(theta))
    }
}

/// `w_a a + w_b b` for the weights `weights(t, θ)` of each fraction `t`, with `θ` the angle between `a` and `b`.
private func interpolation(from start: Tensor, to end: Tensor, fractions: [Double],
                           weights: (Double, Double) -> (Double, Double)) -> Tensor {
    precondition(start.shape == end.shape, "interpolation: shapes \(start.shape) and \(end.shape) differ")
    let a = start.scalars.map(Double.init), b = end.scalars.map(Double.init)
    let dot = zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
    let norms = (a.reduce(0) { $0 + $1 * $1 } * b.reduce(0) { $0 + $1 * $1 }).squareRoot()
    let theta = acos(max(-1, min(1, norms > 0 ? dot / norms : 1)))
    let rows = fractions.flatMap { t -> [Float] in
        let (weightA, weightB) = weights(t, theta)
        return zip(a, b).map { Float(weightA * $0 + weightB * $1) }
    }
    return Tensor(shape: [fractions.count] + start.shape, scalars: rows)
}
