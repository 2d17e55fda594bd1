import Foundation
import Testing
import Metrics
import Probability

/// `count` points of 13 coordinates, sizes that blocks of eight do not divide: a fixed, scrambled
/// pattern in [shift, shift + 1) (the fractional parts of a fast-growing sine).
private func scatteredPoints(_ count: Int, seed: Double, shift: Double = 0) -> [[Double]] {
    (0..<count).map { i in
        (0..<13).map { j in
            let x = sin(Double(i * 13 + j) * 12.9898 + seed) * 43758.5453
            return x - x.rounded(.down) + shift
        }
    }
}

/// The distance from each point to its k-th nearest other point, by sorting all of them.
private func sortedRadius(_ points: [[Double]], _ i: Int, k: Int) -> Double {
    points.indices.filter { $0 != i }.map { squaredDistance(points[i], points[$0]) }.sorted()[k - 1].squareRoot()
}

@Test func neighbourBallsHaveTheRadiiOfSortedDistancesBitForBit() {
    let points = scatteredPoints(203, seed: 1)
    let balls = NeighbourBalls(points, ks: [3, 5])
    #expect(balls.ks == [3, 5])
    for (m, k) in [3, 5].enumerated() {
        let sorted = points.indices.map { sortedRadius(points, $0, k: k) }
        #expect(balls.radii[m].count == sorted.count && zip(balls.radii[m], sorted).filter { $0 != $1 }.isEmpty, "k = \(k)")
    }
}

@Test func precisionRecallOfBothNeighbourhoodsAtOnceMatchesTheDefinition() {
    let real = scatteredPoints(203, seed: 2), generated = scatteredPoints(157, seed: 3, shift: 0.15)
    let together = PrecisionRecall.measured(real: NeighbourBalls(real, ks: [3, 5]), generated: generated)
    for (m, k) in [3, 5].enumerated() {
        // The four counts of the definition (see `PrecisionRecall`), pair by pair.
        let realRadii = real.indices.map { sortedRadius(real, $0, k: k) }
        let generatedRadii = generated.indices.map { sortedRadius(generated, $0, k: k) }
        let distance = { (g: Int, x: Int) in squaredDistance(generated[g], real[x]).squareRoot() }
        let inside = generated.indices.filter { g in real.indices.contains { distance(g, $0) < realRadii[$0] } }.count
        let recalled = real.indices.filter { x in generated.indices.contains { distance($0, x) < generatedRadii[$0] } }.count
        let balls = generated.indices.map { g in real.indices.filter { distance(g, $0) < realRadii[$0] }.count }.reduce(0, +)
        let covered = real.indices.filter { x in generated.indices.contains { distance($0, x) < realRadii[x] } }.count
        #expect(together[m].precision == Double(inside) / 157, "k = \(k)")
        #expect(together[m].recall == Double(recalled) / 203, "k = \(k)")
        #expect(together[m].density == Double(balls) / (Double(k) * 157), "k = \(k)")
        #expect(together[m].coverage == Double(covered) / 203, "k = \(k)")
        let alone = PrecisionRecall(real: real, generated: generated, k: k)
        #expect([alone.precision, alone.recall, alone.density, alone.coverage]
                == [together[m].precision, together[m].recall, together[m].density, together[m].coverage])
    }
    // A shifted cloud: neither set is inside the other everywhere, so no count is trivially 0 or all.
    #expect(together[0].precision > 0.1 && together[0].precision < 0.99 && together[0].recall > 0.1 && together[0].recall < 0.99)
}
