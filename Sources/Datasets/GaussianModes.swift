import Foundation
import Tensors

/// A 2-D mixture of equally weighted isotropic Gaussians at known centres: the mode-collapse
/// benchmarks of VEEGAN (Srivastava et al., 2017) and PacGAN (Lin et al., 2018).
///
/// A sample picks a centre uniformly and adds `N(0, standardDeviation² I)` noise. The centres and
/// the standard deviation are public because mode-coverage metrics need them.
public struct GaussianModes: Sendable {
    /// The mode centres `(x, y)`.
    public let centres: [[Double]]
    /// The standard deviation of every mode.
    public let standardDeviation: Double

    /// Creates a set of modes.
    /// - Precondition: at least one centre, all 2-D; `standardDeviation > 0`.
    public init(centres: [[Double]], standardDeviation: Double) {
        precondition(!centres.isEmpty && centres.allSatisfy { $0.count == 2 }, "GaussianModes: centres \(centres) must be 2-D points")
        precondition(standardDeviation > 0, "GaussianModes: standardDeviation \(standardDeviation) must be positive")
        self.centres = centres
        self.standardDeviation = standardDeviation
    }

    /// Eight modes on a circle: centre `k` at `radius · (cos 2πk/8, sin 2πk/8)`.
    /// The benchmark uses radius 2 and standard deviation 0.02.
    public static func ring(modeCount: Int = 8, radius: Double = 2, standardDeviation: Double = 0.02) -> GaussianModes {
        let centres = (0..<modeCount).map { k -> [Double] in
            let angle = 2 * Double.pi * Double(k) / Double(modeCount)
            return [radius * cos(angle), radius * sin(angle)]
        }
        return GaussianModes(centres: centres, standardDeviation: standardDeviation)
    }

    /// Twenty-five modes on the grid `{-4, -2, 0, 2, 4}²`, standard deviation 0.05 by default.
    public static func grid(standardDeviation: Double = 0.05) -> GaussianModes {
        let coordinates: [Double] = [-4, -2, 0, 2, 4]
        let centres = coordinates.flatMap { x in coordinates.map { y in [x, y] } }
        return GaussianModes(centres: centres, standardDeviation: standardDeviation)
    }

    /// Draws `count` points: a uniformly chosen centre plus Gaussian noise.
    public func sample(_ count: Int, using generator: inout RandomGenerator) -> [[Double]] {
        precondition(count >= 0, "GaussianModes.sample: count \(count) must be non-negative")
        return (0..<count).map { _ in
            let centre = centres[generator.nextInt(below: centres.count)]
            return [centre[0] + standardDeviation * generator.nextNormal(),
                    centre[1] + standardDeviation * generator.nextNormal()]
        }
    }
}
