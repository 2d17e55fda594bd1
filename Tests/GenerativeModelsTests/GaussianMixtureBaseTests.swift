import Foundation
import GenerativeModels
import NeuralNetworks
import Tensors
import Testing

/// The mixture of scripts/reference/gaussian_mixture_base.py: three components in the plane.
private var referenceBase: GaussianMixtureBase {
    GaussianMixtureBase(logits: Tensor([0.3, -1.2, 0.8]),
                        means: Tensor(shape: [3, 2], scalars: [-1.5, 0.4, 0.2, -0.7, 1.1, 1.3]),
                        logScales: Tensor(shape: [3, 2], scalars: [-0.3, 0.2, 0.5, -0.6, 0.0, -0.2]))
}

@Test func gaussianMixtureBaseLogDensityMatchesScipy() {
    // From scripts/reference/gaussian_mixture_base.py (scipy.stats.multivariate_normal, logsumexp).
    let points: [[Double]] = [[0, 0], [-1.4, 0.5], [2, -1], [0.9, 1.6], [-3, 2.5]]
    let expected = [-3.481399, -2.744001, -4.837736, -2.278006, -6.316042]
    let logDensity = referenceBase.logDensity(Tensor(points: points)).scalars
    for (value, reference) in zip(logDensity, expected) {
        #expect(abs(Double(value) - reference) < 1e-4, "log p = \(value), scipy \(reference)")
    }
}

@Test func gaussianMixtureBaseGradientsMatchFiniteDifferences() {
    let points = Tensor(points: [[0.1, -0.3], [-1.4, 0.5], [2, -1], [0.9, 1.6]])
    let parameterGradient = gradient(at: referenceBase) { $0.logDensity(points).sum() }
    let parameters: [(WritableKeyPath<GaussianMixtureBase, Tensor>, Tensor)] = [
        (\.logits, parameterGradient.logits), (\.means, parameterGradient.means), (\.logScales, parameterGradient.logScales)]
    let step: Float = 1e-2
    for (path, analytic) in parameters {
        for index in 0..<analytic.scalarCount {
            func total(_ offset: Float) -> Double {
                var moved = referenceBase
                var scalars = moved[keyPath: path].scalars
                scalars[index] += offset
                moved[keyPath: path] = Tensor(shape: moved[keyPath: path].shape, scalars: scalars)
                return Double(moved.logDensity(points).sum().scalar)
            }
            let finiteDifference = (total(step) - total(-step)) / Double(2 * step)
            #expect(abs(Double(analytic.scalars[index]) - finiteDifference) < 2e-3,
                    "\(path) [\(index)]: autodiff \(analytic.scalars[index]), finite differences \(finiteDifference)")
        }
    }
    // With respect to the points, as the flow needs it.
    let pointGradient = gradient(at: points) { referenceBase.logDensity($0).sum() }
    for index in 0..<points.scalarCount {
        var plus = points.scalars, minus = points.scalars
        plus[index] += step
        minus[index] -= step
        let finiteDifference = (Double(referenceBase.logDensity(Tensor(shape: [4, 2], scalars: plus)).sum().scalar)
            - Double(referenceBase.logDensity(Tensor(shape: [4, 2], scalars: minus)).sum().scalar)) / Double(2 * step)
        #expect(abs(Double(pointGradient.scalars[index]) - finiteDifference) < 2e-3)
    }
}

@Test func gaussianMixtureBaseSamplesHaveTheMixturesMoments() {
    var rng = RandomGenerator(seed: 21)
    let count = 40_000
    let samples = referenceBase.sample(count, using: &rng).points
    // Closed form: mean Σ π_k μ_k, second moments Σ π_k (σ_k² + μ_k²) per coordinate, cross moment Σ π_k μ_k1 μ_k2.
    let logits = [0.3, -1.2, 0.8], total = logits.map(exp).reduce(0, +)
    let weights = logits.map { exp($0) / total }
    let means = [[-1.5, 0.4], [0.2, -0.7], [1.1, 1.3]], logScales = [[-0.3, 0.2], [0.5, -0.6], [0.0, -0.2]]
    for j in 0..<2 {
        let mean = (0..<3).map { weights[$0] * means[$0][j] }.reduce(0, +)
        let second = (0..<3).map { weights[$0] * (exp(2 * logScales[$0][j]) + means[$0][j] * means[$0][j]) }.reduce(0, +)
        let sampleMean = samples.map { $0[j] }.reduce(0, +) / Double(count)
        let sampleSecond = samples.map { $0[j] * $0[j] }.reduce(0, +) / Double(count)
        let standardError = (second - mean * mean).squareRoot() / Double(count).squareRoot()
        #expect(abs(sampleMean - mean) < 4 * standardError, "coordinate \(j): mean \(sampleMean), closed form \(mean)")
        #expect(abs(sampleSecond - second) < 0.03 * second, "coordinate \(j): E[z²] \(sampleSecond), closed form \(second)")
    }
    let cross = (0..<3).map { weights[$0] * means[$0][0] * means[$0][1] }.reduce(0, +)
    let sampleCross = samples.map { $0[0] * $0[1] }.reduce(0, +) / Double(count)
    #expect(abs(sampleCross - cross) < 0.03, "E[z₁z₂] \(sampleCross), closed form \(cross)")
}

/// The density of `flow` on the cells of a `side × side` grid over `[-extent, extent]²`, each cell's probability.
private func cellProbabilities<Base: FlowBase>(_ flow: CouplingFlow<Base>, side: Int, extent: Float) -> [Double] {
    let spacing = 2 * extent / Float(side)
    let centres = (0..<side).map { -extent + (Float($0) + 0.5) * spacing }
    let grid = Tensor(shape: [side * side, 2], scalars: centres.flatMap { y in centres.flatMap { x in [x, y] } })
    return flow.logLikelihood(grid).scalars.map { exp(Double($0)) * Double(spacing * spacing) }
}

@Test func mixtureBaseFlowDensityIntegratesToOneOnAGrid() {
    let flow = randomizedFlow(base: referenceBase, layerCount: 4, seed: 5)
    let mass = cellProbabilities(flow, side: 300, extent: 9).reduce(0, +)
    #expect(abs(mass - 1) < 5e-3, "the density integrates to \(mass)")
}

@Test func mixtureBaseFlowSamplesFollowItsDensity() {
    // Pearson's chi-squared between 20,000 samples and the density's mass on 8 × 8 cells of [-4, 4]²
    // (each the sum of 10 × 10 fine cells) plus everything outside.
    let flow = randomizedFlow(base: referenceBase, layerCount: 4, seed: 5)
    let fine = cellProbabilities(flow, side: 80, extent: 4)
    var expected = [Double](repeating: 0, count: 65)
    for row in 0..<80 {
        for column in 0..<80 { expected[(row / 10) * 8 + column / 10] += fine[row * 80 + column] }
    }
    expected[64] = 1 - expected.reduce(0, +)
    var rng = RandomGenerator(seed: 22)
    let count = 20_000
    var observed = [Double](repeating: 0, count: 65)
    for point in flow.sample(count, using: &rng).points {
        let (column, row) = (Int(((point[0] + 4) / 1).rounded(.down)), Int(((point[1] + 4) / 1).rounded(.down)))
        observed[(0..<8).contains(column) && (0..<8).contains(row) ? row * 8 + column : 64] += 1
    }
    let used = expected.indices.filter { expected[$0] * Double(count) >= 5 }
    let chiSquared = used.map { pow(observed[$0] - expected[$0] * Double(count), 2) / (expected[$0] * Double(count)) }.reduce(0, +)
    // The 99.9% quantile of chi-squared with 64 degrees of freedom is about 111; fewer cells only lower it.
    #expect(used.count > 20 && chiSquared < 111, "chi-squared \(chiSquared) on \(used.count) cells")
}

@Test func newMixtureBaseFlowHasTheBasesDensity() {
    var rng = RandomGenerator(seed: 23)
    let flow = CouplingFlow(base: referenceBase, layerCount: 3, rng: &rng)
    let points = Tensor(points: [[0, 0], [-1.4, 0.5], [2, -1]])
    let difference = zip(flow.logLikelihood(points).scalars, referenceBase.logDensity(points).scalars).map { abs($0 - $1) }
    #expect(difference.allSatisfy { $0 == 0 })
}
