import Foundation
import Testing
import Probability

private func normalDensity(_ x: Double, mean: Double, variance: Double) -> Double {
    exp(-(x - mean) * (x - mean) / (2 * variance)) / (2 * Double.pi * variance).squareRoot()
}

@Test func fokkerPlanckConservesMass() {
    let solver = FokkerPlanck1D(range: -6...6, cellCount: 240) { x in 3 * tanh(x) - x }
    let start = solver.discretised { normalDensity($0, mean: 2, variance: 0.3) }
    let later = solver.evolved(start, for: 3)
    #expect(abs(solver.mass(later) - 1) < 1e-9, "mass \(solver.mass(later))")
}

@Test func fokkerPlanckFollowsTheOrnsteinUhlenbeckDensity() {
    // Drift -x: from N(3, 0.5²) the density at time t is N(3e^{-t}, 1 + (0.25 - 1) e^{-2t}).
    let solver = FokkerPlanck1D(range: -6...8, cellCount: 560) { -$0 }
    let start = solver.discretised { normalDensity($0, mean: 3, variance: 0.25) }
    let t = 0.5
    let evolved = solver.evolved(start, for: t)
    let exact = solver.cellCentres.map { normalDensity($0, mean: 3 * exp(-t), variance: 1 - 0.75 * exp(-2 * t)) }
    let largest = zip(evolved, exact).map { abs($0 - $1) }.max() ?? .infinity
    #expect(largest < 2e-3, "largest difference \(largest)")
}

@Test func fokkerPlanckReachesTheStationaryDensity() {
    // The target π(x) ∝ exp(-x⁴/4 + x²) has score -x³ + 2x: two modes at ±√2.
    let solver = FokkerPlanck1D(range: -4...4, cellCount: 320) { -$0 * $0 * $0 + 2 * $0 }
    let target = solver.discretised { exp(-pow($0, 4) / 4 + $0 * $0) }
    let start = solver.discretised { normalDensity($0, mean: -2, variance: 0.1) }
    let evolved = solver.evolved(start, for: 20)
    let totalVariation = zip(evolved, target).map { abs($0 - $1) }.reduce(0, +) * solver.cellWidth / 2
    #expect(totalVariation < 5e-3, "total variation \(totalVariation)")
}
