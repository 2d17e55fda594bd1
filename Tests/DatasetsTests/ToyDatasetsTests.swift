import Foundation
import Testing
import Datasets
import Tensors

private func distance(_ a: [Double], _ b: [Double]) -> Double {
    ((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1])).squareRoot()
}

@Test func ringHasEightModesAtRadiusTwo() {
    let ring = GaussianModes.ring()
    #expect(ring.centres.count == 8 && ring.standardDeviation == 0.02)
    for c in ring.centres { #expect(abs(distance(c, [0, 0]) - 2) < 1e-12) }
    #expect(abs(ring.centres[2][0]) < 1e-12 && abs(ring.centres[2][1] - 2) < 1e-12)
}

@Test func gridHasTwentyFiveModesOnEvenCoordinates() {
    let grid = GaussianModes.grid()
    #expect(grid.centres.count == 25 && grid.standardDeviation == 0.05)
    #expect(Set(grid.centres.map { "\($0[0]),\($0[1])" }).count == 25)
    #expect(grid.centres.allSatisfy { c in c.allSatisfy { [-4.0, -2, 0, 2, 4].contains($0) } })
}

@Test func modeSamplesStayNearTheirCentresAndCoverEveryMode() {
    var generator = RandomGenerator(seed: 1)
    let grid = GaussianModes.grid()
    let samples = grid.sample(2_500, using: &generator)
    var hits = [Int](repeating: 0, count: 25)
    for s in samples {
        let nearest = grid.centres.indices.min { distance(s, grid.centres[$0]) < distance(s, grid.centres[$1]) } ?? 0
        // 5 standard deviations in 2-D: exceeded with probability exp(-12.5) ≈ 4e-6.
        #expect(distance(s, grid.centres[nearest]) < 5 * grid.standardDeviation)
        hits[nearest] += 1
    }
    // 100 expected per mode, standard deviation ≈ 9.8.
    #expect(hits.allSatisfy { $0 > 55 && $0 < 145 }, "\(hits)")
}

@Test func toySetsAreDeterministicForASeed() {
    var a = RandomGenerator(seed: 3)
    var b = RandomGenerator(seed: 3)
    #expect(ToyDatasets.twoMoons(50, using: &a) == ToyDatasets.twoMoons(50, using: &b))
    #expect(ToyDatasets.checkerboard(50, using: &a) == ToyDatasets.checkerboard(50, using: &b))
}

@Test func noiselessMoonsLieOnTheirHalfCircles() {
    var generator = RandomGenerator(seed: 4)
    let points = ToyDatasets.twoMoons(500, noise: 0, using: &generator)
    for p in points {
        let onUpper = abs(distance(p, [0, 0]) - 1) < 1e-12 && p[1] >= 0
        let onLower = abs(distance(p, [1, 0.5]) - 1) < 1e-12 && p[1] <= 0.5
        #expect(onUpper || onLower, "\(p)")
    }
    #expect(points.filter { $0[1] > 0.5 }.count > 150)
}

@Test func concentricCirclesHaveTwoRadii() {
    var generator = RandomGenerator(seed: 5)
    let points = ToyDatasets.concentricCircles(400, innerRadius: 0.5, noise: 0, using: &generator)
    let radii = points.map { distance($0, [0, 0]) }
    #expect(radii.allSatisfy { abs($0 - 1) < 1e-12 || abs($0 - 0.5) < 1e-12 })
    #expect(radii.filter { $0 < 0.75 }.count > 150 && radii.filter { $0 > 0.75 }.count > 150)
}

@Test func swissRollWithHoleLeavesTheCentreCellEmpty() {
    var generator = RandomGenerator(seed: 6)
    let points = ToyDatasets.swissRoll(3_000, hole: true, using: &generator)
    var inHole = 0
    for p in points {
        // Without noise, t = |(x, z)| and y is the second coordinate.
        let t = (p[0] * p[0] + p[2] * p[2]).squareRoot()
        #expect(t >= 1.5 * Double.pi - 1e-9 && t <= 4.5 * Double.pi + 1e-9)
        #expect(p[1] >= 0 && p[1] <= 21)
        if t > 2.5 * Double.pi && t < 3.5 * Double.pi && p[1] > 7 && p[1] < 14 { inHole += 1 }
    }
    #expect(inHole == 0)
    let full = ToyDatasets.swissRoll(3_000, using: &generator)
    let fullInHole = full.filter { p in
        let t = (p[0] * p[0] + p[2] * p[2]).squareRoot()
        return t > 2.5 * Double.pi && t < 3.5 * Double.pi && p[1] > 7 && p[1] < 14
    }.count
    #expect(fullInHole > 200)    // 1/9 of 3,000 ≈ 333 expected
}

@Test func swissRoll2DIsTheXAndZCoordinates() {
    var a = RandomGenerator(seed: 7)
    var b = RandomGenerator(seed: 7)
    let roll = ToyDatasets.swissRoll(20, noise: 0.1, using: &a)
    #expect(ToyDatasets.swissRoll2D(20, noise: 0.1, using: &b) == roll.map { [$0[0], $0[2]] })
}

@Test func checkerboardPointsLieOnDarkSquares() {
    var generator = RandomGenerator(seed: 8)
    let points = ToyDatasets.checkerboard(2_000, using: &generator)
    var squares = Set<Int>()
    for p in points {
        #expect(p.allSatisfy { $0 >= -4 && $0 < 4 })
        let column = Int(((p[0] + 4) / 2).rounded(.down))
        let row = Int(((p[1] + 4) / 2).rounded(.down))
        #expect((row + column) % 2 == 0, "\(p)")
        squares.insert(4 * row + column)
    }
    #expect(squares.count == 8)
}

@Test func standardizedPointsHaveZeroMeanAndTheGivenScale() {
    let points = ToyDatasets.standardized([[1, 10], [3, 30], [5, 20]], scale: 2)
    // x: mean 3, population std sqrt(8/3); y: mean 20, std sqrt(200/3).
    #expect(abs(points[0][0] - 2 * (-2) / (8.0 / 3).squareRoot()) < 1e-12)
    #expect(abs(points[1][1] - 2 * 10 / (200.0 / 3).squareRoot()) < 1e-12)
    #expect(abs(points.reduce(0) { $0 + $1[1] }) < 1e-12)
}

@Test func standardizationInvertsAndReportsItsLogDeterminant() {
    let points: [[Double]] = [[1, 10], [3, 30], [5, 20]]
    let standardization = Standardization(fittedTo: points, scale: 2)
    #expect(standardization(points) == ToyDatasets.standardized(points, scale: 2))
    for (original, mapped) in zip(points, standardization(points)) {
        let back = standardization.inverse(mapped)
        #expect(abs(back[0] - original[0]) < 1e-12 && abs(back[1] - original[1]) < 1e-12, "\(back) against \(original)")
    }
    // Population standard deviations sqrt(8/3) and sqrt(200/3): the map scales areas by 2·2/(σ_x σ_y).
    let expected = log(4 / ((8.0 / 3).squareRoot() * (200.0 / 3).squareRoot()))
    #expect(abs(standardization.logDeterminant - expected) < 1e-12)
}

/// scipy's adaptive quadrature of the same integral: `scripts/reference/two_moons_density.py`
/// (its output in `two_moons_density.txt`).
@Test func twoMoonsLogDensityMatchesScipysQuadrature() {
    let references: [(noise: Double, point: [Double], logDensity: Double)] = [
        (0.08, [0.0, 1.0], -0.23028438), (0.08, [1.0, -0.5], -0.23028438), (0.08, [0.5, 0.25], -14.43837883),
        (0.05, [-0.9, 0.3], -0.26109414), (0.05, [2.0, 0.45], 0.06535936), (0.2, [0.3, -0.2], -1.13807123),
    ]
    for reference in references {
        let value = ToyDatasets.twoMoonsLogDensity(reference.point, noise: reference.noise)
        #expect(abs(value - reference.logDensity) < 1e-6, "\(reference.point), noise \(reference.noise): \(value)")
    }
}

@Test func twoMoonsDensityIntegratesToOne() {
    // A Riemann sum over a box that holds all but a negligible part of the mass (the moons span
    // [-1, 2] × [-0.5, 1], widened by more than 6 noise standard deviations on every side).
    let step = 0.02, noise = 0.1
    var total = 0.0
    for x in stride(from: -1.8 + step / 2, to: 2.8, by: step) {
        for y in stride(from: -1.3 + step / 2, to: 1.8, by: step) {
            total += exp(ToyDatasets.twoMoonsLogDensity([x, y], noise: noise, intervals: 500)) * step * step
        }
    }
    #expect(abs(total - 1) < 1e-4, "integral \(total)")
}
