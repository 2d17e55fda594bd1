import Foundation
import Testing
import Metrics

// MARK: - Fréchet distance and the eigensolver

@Test func jacobiEigenvaluesOfATwoByTwoMatrixByHand() {
    // [[2, 1], [1, 2]] has eigenvalues 1 and 3 with eigenvectors (1, -1)/√2 and (1, 1)/√2.
    let decomposition = SymmetricEigendecomposition([[2, 1], [1, 2]])
    #expect(abs(decomposition.eigenvalues[0] - 1) < 1e-14 && abs(decomposition.eigenvalues[1] - 3) < 1e-14)
    let v = decomposition.eigenvectors
    #expect(abs(abs(v[0][1]) - 0.5.squareRoot()) < 1e-14 && abs(v[0][1] - v[1][1]) < 1e-14)
}

@Test func matrixSquareRootSquaresBack() {
    let a = [[4.0, 1, 0.5], [1, 3, 0.2], [0.5, 0.2, 2]]
    let root = SymmetricEigendecomposition(a).squareRoot()
    for i in 0..<3 {
        for j in 0..<3 {
            let square = (0..<3).reduce(0) { $0 + root[i][$1] * root[$1][j] }
            #expect(abs(square - a[i][j]) < 1e-13)
        }
    }
}

@Test func identicalSetsHaveZeroFrechetDistance() {
    let features = (0..<50).map { i in [sin(Double(i)), cos(Double(3 * i)), Double(i % 7)] }
    #expect(abs(frechetDistance(features: features, features)) < 1e-10)
}

@Test func shiftedGaussiansDifferBySquaredMeanShift() {
    let covariance = [[2.0, 0.3], [0.3, 1.0]]
    let a = GaussianStatistics(mean: [0, 0], covariance: covariance)
    let b = GaussianStatistics(mean: [3, -4], covariance: covariance)
    #expect(abs(frechetDistance(a, b) - 25) < 1e-12)
}

@Test func scaledIsotropicGaussiansDifferByTheTraceFormula() {
    // Σ₁ = I, Σ₂ = 4I in 3-D: tr(I + 4I - 2·2I) = 3.
    let identity = [[1.0, 0, 0], [0, 1, 0], [0, 0, 1]]
    let a = GaussianStatistics(mean: [0, 0, 0], covariance: identity)
    let b = GaussianStatistics(mean: [0, 0, 0], covariance: identity.map { $0.map { 4 * $0 } })
    #expect(abs(frechetDistance(a, b) - 3) < 1e-12)
}

@Test func covarianceIsUnbiased() {
    // x = [1, 2, 3, 4]: mean 2.5, Σ (x - 2.5)² = 5, so Var = 5/3; y = 2x gives Cov = 10/3.
    let stats = GaussianStatistics(features: [[1, 2], [2, 4], [3, 6], [4, 8]])
    #expect(stats.mean == [2.5, 5])
    #expect(abs(stats.covariance[0][0] - 5.0 / 3) < 1e-14 && abs(stats.covariance[0][1] - 10.0 / 3) < 1e-14)
}

// MARK: - Chamfer distance

@Test func chamferDistanceByHand() {
    // A = {(0,0)}, B = {(1,0), (0,2)}: A→B gives 1; B→A gives 1 + 4.
    #expect(chamferDistance([[0, 0]], [[1, 0], [0, 2]]) == 6)
    #expect(chamferDistance([[1, 2], [3, 4]], [[3, 4], [1, 2]]) == 0)
}

// MARK: - Mode coverage

private let ringCentres = (0..<8).map { k in [2 * cos(Double(k) * Double.pi / 4), 2 * sin(Double(k) * Double.pi / 4)] }

@Test func samplesOnEveryModeCoverAllWithZeroKL() {
    let samples = (0..<800).map { ringCentres[$0 % 8] }
    let coverage = ModeCoverage(samples: samples, centres: ringCentres, standardDeviation: 0.02)
    #expect(coverage.modesCaptured == 8)
    #expect(coverage.highQualityFraction == 1)
    #expect(abs(coverage.reverseKL) < 1e-15)
}

@Test func collapsedGeneratorCoversOneModeWithKLLogK() {
    let samples = [[Double]](repeating: [2.01, 0], count: 100) + [[Double]](repeating: [0, 0], count: 100)
    let coverage = ModeCoverage(samples: samples, centres: ringCentres, standardDeviation: 0.02)
    #expect(coverage.modesCaptured == 1)
    #expect(coverage.highQualityFraction == 0.5)
    #expect(abs(coverage.reverseKL - log(8)) < 1e-14)
}

@Test func samplesBeyondThreeStandardDeviationsAreLowQuality() {
    let coverage = ModeCoverage(samples: [[2.059, 0], [2.061, 0]], centres: ringCentres, standardDeviation: 0.02)
    #expect(coverage.sampleCounts[0] == 1 && coverage.highQualityFraction == 0.5)
    let none = ModeCoverage(samples: [[0, 0]], centres: ringCentres, standardDeviation: 0.02)
    #expect(none.modesCaptured == 0 && none.reverseKL == .infinity)
}

@Test func twoModesInRatioOneToThreeGiveTheirKL() {
    // q = (1/4, 3/4) over K = 8 modes: KL = ¼ log(2) + ¾ log(6).
    let samples = [ringCentres[0]] + [[Double]](repeating: ringCentres[1], count: 3)
    let coverage = ModeCoverage(samples: samples, centres: ringCentres, standardDeviation: 0.02)
    #expect(abs(coverage.reverseKL - (0.25 * log(2) + 0.75 * log(6))) < 1e-14)
}

@Test func summaryRowAveragesRunsOverSeeds() {
    // One run on all 8 modes (KL 0), one on a single mode with half its samples low quality (KL log 8).
    let everyMode = ModeCoverage(samples: (0..<800).map { ringCentres[$0 % 8] }, centres: ringCentres, standardDeviation: 0.02)
    let oneMode = ModeCoverage(samples: [[2.01, 0], [0, 0]], centres: ringCentres, standardDeviation: 0.02)
    // modes (8, 1): mean 4.5, standard error |8 − 1| / 2 = 3.5; high quality (100, 50) %: 75 ± 25.
    #expect(ModeCoverage.summaryRow("two runs", [everyMode, oneMode])
            == ["two runs", "4.5 ± 3.5", "75.0 ± 25.0", String(format: "%.3f ± %.3f", Foundation.log(8.0) / 2, Foundation.log(8.0) / 2), "8 1"])
}

@Test func summaryRowSaysHowManyRunsHaveNoHighQualitySample() {
    let oneMode = ModeCoverage(samples: [[2.01, 0]], centres: ringCentres, standardDeviation: 0.02)
    let none = ModeCoverage(samples: [[0, 0]], centres: ringCentres, standardDeviation: 0.02)
    #expect(ModeCoverage.summaryRow("g", [oneMode, none, oneMode])[3] == "∞ (1 of 3 runs without high-quality samples)")
}

// MARK: - Precision, recall, density, coverage and summaries

@Test func identicalWellSpreadSetsHaveFullPrecisionAndRecall() {
    let points = (0..<40).map { i in [Double(i % 8), Double(i / 8) * 1.1] }
    let shifted = points.map { [$0[0] + 0.01, $0[1]] }
    let measured = PrecisionRecall(real: points, generated: shifted, k: 3)
    #expect(measured.precision == 1 && measured.recall == 1 && measured.coverage == 1)
}

@Test func farAwayGeneratedSetHasZeroPrecisionAndRecall() {
    let real = (0..<20).map { i in [Double(i), 0] }
    let generated = (0..<20).map { i in [Double(i), 1000] }
    let measured = PrecisionRecall(real: real, generated: generated, k: 3)
    #expect(measured.precision == 0 && measured.recall == 0 && measured.density == 0 && measured.coverage == 0)
}

@Test func meanWithErrorUsesTheUnbiasedStandardDeviation() {
    // [1, 2, 3, 4, 5]: mean 3, s² = 2.5, standard error sqrt(2.5 / 5).
    let summary = MeanWithError([1, 2, 3, 4, 5])
    #expect(summary.mean == 3 && abs(summary.standardError - 0.5.squareRoot()) < 1e-15)
}

@Test func meanWithErrorFormatsBothNumbersWithTheGivenDecimals() {
    #expect(MeanWithError([1, 2, 3, 4, 5]).formatted(decimals: 2) == "3.00 ± 0.71")
}
