import Probability
import Foundation

/// Mode coverage of 2-D samples against a known mixture of equal Gaussian modes, by the protocol
/// of VEEGAN (Srivastava et al., 2017) and PacGAN (Lin et al., 2018).
///
/// A sample is *high quality* if it lies within `threshold` standard deviations (3 by default)
/// of its nearest mode centre. A mode is *captured* if it is the nearest mode of at least one
/// high-quality sample. With `q_k` the share of high-quality samples whose nearest mode is `k`,
/// the reverse KL divergence to the uniform distribution over the `K` modes is
/// `KL(q ‖ u) = Σ_k q_k log(q_k K)` (with `0 log 0 = 0`): 0 when every mode gets the same share,
/// `log K` when all high-quality samples sit at one mode.
public struct ModeCoverage: Sendable {
    /// `sampleCounts[k]` is the number of high-quality samples whose nearest mode is `k`.
    public let sampleCounts: [Int]
    /// The number of samples evaluated.
    public let sampleCount: Int

    /// Evaluates `samples` against modes at `centres` with the common `standardDeviation`.
    /// - Precondition: non-empty samples and centres of the same dimension; `standardDeviation > 0`.
    public init(samples: [[Double]], centres: [[Double]], standardDeviation: Double, threshold: Double = 3) {
        precondition(!samples.isEmpty && !centres.isEmpty, "ModeCoverage: \(samples.count) samples, \(centres.count) centres")
        precondition(standardDeviation > 0 && threshold > 0,
                     "ModeCoverage: standardDeviation \(standardDeviation) and threshold \(threshold) must be positive")
        let limit = (threshold * standardDeviation) * (threshold * standardDeviation)
        var counts = [Int](repeating: 0, count: centres.count)
        for s in samples {
            precondition(s.count == centres[0].count, "ModeCoverage: sample \(s) and centres differ in dimension")
            var nearest = 0
            var best = Double.infinity
            for (k, c) in centres.enumerated() {
                let d = squaredDistance(s, c)
                if d < best { best = d; nearest = k }
            }
            if best <= limit { counts[nearest] += 1 }
        }
        sampleCounts = counts
        sampleCount = samples.count
    }

    /// The number of modes with at least one high-quality sample.
    public var modesCaptured: Int { sampleCounts.filter { $0 > 0 }.count }

    /// The share of samples that are high quality, in `[0, 1]`.
    public var highQualityFraction: Double { Double(sampleCounts.reduce(0, +)) / Double(sampleCount) }

    /// `KL(q ‖ uniform) = Σ_k q_k log(q_k K)` over the high-quality samples' mode histogram;
    /// `+infinity` when no sample is high quality.
    public var reverseKL: Double {
        let total = Double(sampleCounts.reduce(0, +))
        guard total > 0 else { return .infinity }
        let modes = Double(sampleCounts.count)
        return sampleCounts.reduce(0) { sum, count in
            guard count > 0 else { return sum }
            let q = Double(count) / total
            return sum + q * log(q * modes)
        }
    }
}

extension ModeCoverage {
    /// One table row summarising runs over seeds: `name`, then modes captured, the high-quality
    /// share in percent and the reverse KL, each as mean ± standard error, then the modes
    /// captured by each run in order ("8 5 8 7 8"). A run without high-quality samples has an
    /// infinite reverse KL, and so has the mean: the column then says in how many runs.
    /// - Precondition: `coverages` is not empty.
    public static func summaryRow(_ name: String, _ coverages: [ModeCoverage]) -> [String] {
        let divergences = coverages.map(\.reverseKL)
        let infinite = divergences.filter { !$0.isFinite }.count
        return [name,
                MeanWithError(coverages.map { Double($0.modesCaptured) }).formatted(decimals: 1),
                MeanWithError(coverages.map { 100 * $0.highQualityFraction }).formatted(decimals: 1),
                infinite == 0 ? MeanWithError(divergences).formatted(decimals: 3)
                    : "∞ (\(infinite) of \(coverages.count) runs without high-quality samples)",
                coverages.map { "\($0.modesCaptured)" }.joined(separator: " ")]
    }

    /// The header of `summaryRow`'s columns, for a mixture of `modeCount` modes, with `rowName`
    /// heading the column of names.
    public static func summaryHeader(modeCount: Int, rowName: String = "GAN") -> [String] {
        [rowName, "modes captured (of \(modeCount))", "high-quality samples (%)", "reverse KL", "modes per seed"]
    }
}
