import Foundation
import Tensors

/// Synthetic 2-D (and 3-D) point sets for low-dimensional generative models, generated in code.
///
/// Each returns `[[Double]]`, one `[x, y]` (or `[x, y, z]`) per point, drawn from the generator
/// you pass, so the same seed gives the same points. The definitions follow scikit-learn's
/// `make_moons`, `make_circles` and `make_swiss_roll` (with points drawn at random rather than
/// on a grid), and the checkerboard of FFJORD (Grathwohl et al., 2019).
public enum ToyDatasets {
    /// Two interleaving half circles.
    ///
    /// Upper moon `(cos t, sin t)`, lower moon `(1 - cos t, 0.5 - sin t)` with `t ~ Uniform(0, π)`;
    /// each point picks a moon with probability ½, then gets `N(0, noise²)` on each coordinate.
    public static func twoMoons(_ count: Int, noise: Double = 0.05, using generator: inout RandomGenerator) -> [[Double]] {
        (0..<count).map { _ in
            let t = Double.pi * generator.nextUniform()
            let upper = generator.nextUniform() < 0.5
            let point = upper ? [cos(t), sin(t)] : [1 - cos(t), 0.5 - sin(t)]
            return point.map { $0 + noise * generator.nextNormal() }
        }
    }

    /// The exact log-density of `twoMoons(_:noise:using:)`'s distribution at `point`:
    /// `p(x) = ½ Σ_moons (1/π) ∫₀^π N(x; c(t), noise² I) dt`, with the moons' centre curves `c(t)`
    /// as there. The integral over `t` is Simpson's rule on `intervals` steps of `π / intervals`
    /// per moon, whose relative error is about `(step / noise)⁴ / 180`: with the default 2,000,
    /// under 10⁻⁸ for a noise of 0.05. Cost: `2 (intervals + 1)` Gaussian evaluations per point.
    /// - Precondition: `point` has 2 coordinates, `noise > 0`, `intervals` even and positive.
    public static func twoMoonsLogDensity(_ point: [Double], noise: Double, intervals: Int = 2000) -> Double {
        precondition(point.count == 2 && noise > 0 && intervals > 0 && intervals % 2 == 0,
                     "twoMoonsLogDensity: point \(point), noise \(noise), intervals \(intervals)")
        var exponents: [Double] = [], weights: [Double] = []
        for index in 0...intervals {
            let t = Double.pi * Double(index) / Double(intervals)
            let weight: Double = index == 0 || index == intervals ? 1 : (index % 2 == 1 ? 4 : 2)
            for centre in [(cos(t), sin(t)), (1 - cos(t), 0.5 - sin(t))] {
                let (dx, dy) = (point[0] - centre.0, point[1] - centre.1)
                exponents.append(-(dx * dx + dy * dy) / (2 * noise * noise))
                weights.append(weight)
            }
        }
        // ½ · (1/π) · (h/3) Σ w f with h = π / intervals, for each of the two moons.
        let largest = exponents.max() ?? 0
        let sum = zip(exponents, weights).reduce(0) { $0 + $1.1 * exp($1.0 - largest) }
        return largest + log(sum / (6 * Double(intervals))) - log(2 * Double.pi * noise * noise)
    }

    /// Two concentric circles of radius 1 and `innerRadius`, half the points on each, plus
    /// `N(0, noise²)` noise per coordinate.
    public static func concentricCircles(_ count: Int, innerRadius: Double = 0.5, noise: Double = 0.03,
                                         using generator: inout RandomGenerator) -> [[Double]] {
        (0..<count).map { _ in
            let angle = 2 * Double.pi * generator.nextUniform()
            let radius = generator.nextUniform() < 0.5 ? 1 : innerRadius
            return [radius * cos(angle) + noise * generator.nextNormal(), radius * sin(angle) + noise * generator.nextNormal()]
        }
    }

    /// A 3-D swiss roll, as scikit-learn's `make_swiss_roll`: `(t cos t, y, t sin t)` plus
    /// `N(0, noise²)` noise per coordinate.
    ///
    /// Without a hole, `t = 1.5π (1 + 2u)` and `y = 21 v` with `u, v ~ Uniform(0, 1)`. With a hole,
    /// the parameter rectangle `[1.5π, 4.5π] × [0, 21]` is cut into 3 × 3 cells and the centre cell
    /// is left out: a point picks one of the 8 other cells uniformly and a uniform position in it.
    public static func swissRoll(_ count: Int, noise: Double = 0, hole: Bool = false,
                                 using generator: inout RandomGenerator) -> [[Double]] {
        (0..<count).map { _ in
            let t: Double
            let y: Double
            if hole {
                var cell = generator.nextInt(below: 8)
                if cell >= 4 { cell += 1 }
                t = Double.pi * (1.5 + Double(cell / 3) + generator.nextUniform())
                y = 7 * (Double(cell % 3) + generator.nextUniform())
            } else {
                t = 1.5 * Double.pi * (1 + 2 * generator.nextUniform())
                y = 21 * generator.nextUniform()
            }
            return [t * cos(t), y, t * sin(t)].map { $0 + noise * generator.nextNormal() }
        }
    }

    /// The 2-D swiss roll: the `x` and `z` coordinates of `swissRoll(_:noise:hole:using:)`, a spiral.
    public static func swissRoll2D(_ count: Int, noise: Double = 0, hole: Bool = false,
                                   using generator: inout RandomGenerator) -> [[Double]] {
        swissRoll(count, noise: noise, hole: hole, using: &generator).map { [$0[0], $0[2]] }
    }

    /// Points uniform on the dark squares of a 4 × 4 checkerboard over `[-4, 4]²`.
    ///
    /// The squares have side 2; square `(i, j)` (with `i, j` in `0..<4` from the lower left) is
    /// dark when `i + j` is even. A point picks one of the 8 dark squares uniformly, then a
    /// uniform position in it.
    public static func checkerboard(_ count: Int, using generator: inout RandomGenerator) -> [[Double]] {
        (0..<count).map { _ in
            let cell = generator.nextInt(below: 8)
            let row = cell / 2
            let column = 2 * (cell % 2) + row % 2
            return [-4 + 2 * (Double(column) + generator.nextUniform()), -4 + 2 * (Double(row) + generator.nextUniform())]
        }
    }

    /// Returns the points shifted to zero mean and scaled to standard deviation `scale` per coordinate:
    /// `x'_j = scale (x_j - mean_j) / std_j`, with the population standard deviation (`ddof = 0`,
    /// as scikit-learn's `StandardScaler`).
    /// - Precondition: at least two points, none of the coordinates constant.
    public static func standardized(_ points: [[Double]], scale: Double = 1) -> [[Double]] {
        Standardization(fittedTo: points, scale: scale)(points)
    }
}
