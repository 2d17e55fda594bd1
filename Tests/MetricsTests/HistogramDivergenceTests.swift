import Foundation
import Metrics
import Tensors
import Testing

@Test func histogramTotalVariationIsOneForDisjointSupports() {
    // All samples in the left half, the density only on the right half.
    let samples = (0..<100).map { index -> [Double] in [-0.5 - Double(index) / 1000, 0.1] }
    let tv = histogramTotalVariation(samples: samples, density: { $0[0] > 0 ? 1 : 0 }, xRange: -1...1, yRange: -1...1, bins: 10)
    #expect(abs(tv - 1) < 1e-12)
}

@Test func histogramTotalVariationOfOneSampleEachBinIsZero() {
    // One sample at the centre of each of the 4 × 4 bins of a uniform density.
    let samples = (0..<16).map { index -> [Double] in
        let column = Double(index % 4), row = Double(index / 4)
        return [-0.75 + 0.5 * column, -0.75 + 0.5 * row]
    }
    let tv = histogramTotalVariation(samples: samples, density: { _ in 1 }, xRange: -1...1, yRange: -1...1, bins: 4)
    #expect(abs(tv) < 1e-12)
}

@Test func histogramTotalVariationCountsSamplesOutsideAsMissingMass() {
    // Half the samples outside the grid, the other half one per bin: TV = ½ (½ · 1 + ½) = ½.
    let inside = (0..<4).map { index -> [Double] in [-0.5 + Double(index % 2), -0.5 + Double(index / 2)] }
    let outside = (0..<4).map { _ in [Double]([5, 5]) }
    let tv = histogramTotalVariation(samples: inside + outside, density: { _ in 1 }, xRange: -1...1, yRange: -1...1, bins: 2)
    #expect(abs(tv - 0.5) < 1e-12)
}

@Test func histogramTotalVariationCountsDivergedSamplesAsMissingMass() {
    let samples: [[Double]] = [[0.5, 0.5], [.nan, 0], [.infinity, 1]]
    let tv = histogramTotalVariation(samples: samples, density: { _ in 1 }, xRange: 0...1, yRange: 0...1, bins: 1)
    #expect(abs(tv - 2.0 / 3) < 1e-12)
}
