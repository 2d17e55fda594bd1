import Foundation

/// The total variation distance between the 2-D histogram of `samples` and a known density, on a
/// `bins × bins` grid over `xRange × yRange`:
///
/// `TV = ½ Σ_b |n_b / N - P_b|`, with `n_b` the samples in bin `b` and `P_b ∝ p(centre_b)`
/// normalised over the grid (the density is assumed to have negligible mass outside it; samples
/// outside count as missing mass). 0 for a perfect match, 1 for disjoint supports; `N` samples from
/// the density itself score about `½ Σ_b √(2 P_b / (π N))`, the floor set by the bins' counting noise.
public func histogramTotalVariation(samples: [[Double]], density: ([Double]) -> Double,
                                    xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, bins: Int = 40) -> Double {
    precondition(!samples.isEmpty && bins > 0, "histogramTotalVariation: \(samples.count) samples, \(bins) bins")
    let width = (xRange.upperBound - xRange.lowerBound) / Double(bins)
    let height = (yRange.upperBound - yRange.lowerBound) / Double(bins)
    var counts = [Double](repeating: 0, count: bins * bins)
    // A diverged chain (infinite or NaN coordinates) counts as missing mass, like a point outside.
    for point in samples where point[0].isFinite && point[1].isFinite {
        let column = Int(((point[0] - xRange.lowerBound) / width).rounded(.down))
        let row = Int(((point[1] - yRange.lowerBound) / height).rounded(.down))
        if (0..<bins).contains(column) && (0..<bins).contains(row) { counts[row * bins + column] += 1 }
    }
    var masses = [Double](repeating: 0, count: bins * bins)
    for row in 0..<bins {
        for column in 0..<bins {
            masses[row * bins + column] = density([xRange.lowerBound + (Double(column) + 0.5) * width,
                                                   yRange.lowerBound + (Double(row) + 0.5) * height])
        }
    }
    let total = masses.reduce(0, +)
    precondition(total > 0, "histogramTotalVariation: the density has no mass on the grid")
    let outside = Double(samples.count) - counts.reduce(0, +)
    let inside = zip(counts, masses).reduce(0) { $0 + abs($1.0 / Double(samples.count) - $1.1 / total) }
    return (inside + outside / Double(samples.count)) / 2
}
