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
        precondition(points.count >= 2, "standardized: needs at least 2 points, got \(points.count)")
        let d = points[0].count
        let n = Double(points.count)
        let means = (0..<d).map { j in points.reduce(0) { $0 + $1[j] } / n }
        let deviations = (0..<d).map { j in (points.reduce(0) { $0 + ($1[j] - means[j]) * ($1[j] - means[j]) } / n).squareRoot() }
        precondition(deviations.allSatisfy { $0 > 0 }, "standardized: a coordinate is constant (deviations \(deviations))")
        return points.map { p in (0..<d).map { scale * (p[$0] - means[$0]) / deviations[$0] } }
    }
}
