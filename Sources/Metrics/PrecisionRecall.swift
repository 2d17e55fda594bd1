import Foundation
import Probability

/// Precision and recall of a generative model from k-nearest-neighbour balls in a feature space
/// (Kynkäänniemi et al., 2019), with density and coverage (Naeem et al., 2020).
///
/// For a set `S` and `x ∈ S`, let `r_k(x)` be the distance from `x` to its `k`-th nearest other
/// point of `S`. With real features `R` (`N` rows) and generated features `G` (`M` rows):
/// - precision = `(1/M) Σ_{g∈G} 1[∃ x∈R: |g - x| < r_k(x)]` (k = 3 in the paper),
/// - recall = `(1/N) Σ_{x∈R} 1[∃ g∈G: |x - g| < r_k(g)]`,
/// - density = `(1/(kM)) Σ_{g∈G} Σ_{x∈R} 1[|g - x| < r_k(x)]` (k = 5; can exceed 1),
/// - coverage = `(1/N) Σ_{x∈R} 1[∃ g∈G: |x - g| < r_k(x)]`.
/// The strict inequalities follow the authors' reference code (`prdc`).
public struct PrecisionRecall: Sendable {
    /// The share of generated samples inside the real manifold.
    public let precision: Double
    /// The share of real samples inside the generated manifold.
    public let recall: Double
    /// The mean number of real balls holding a generated sample, divided by `k`.
    public let density: Double
    /// The share of real balls holding at least one generated sample.
    public let coverage: Double

    /// Computes the four numbers with one neighbourhood size `k` for all of them, as `prdc` does.
    /// Pass `k = 3` for the precision and recall of Kynkäänniemi et al. and `k = 5` for the
    /// density and coverage of Naeem et al.
    /// - Precondition: both sets have more than `k` rows of the same dimension.
    public init(real: [[Double]], generated: [[Double]], k: Int) {
        self = Self.measured(real: NeighbourBalls(real, ks: [k]), generated: generated)[0]
    }

    private init(precision: Double, recall: Double, density: Double, coverage: Double) {
        (self.precision, self.recall, self.density, self.coverage) = (precision, recall, density, coverage)
    }

    /// The four numbers for every neighbourhood size of `real` (in the order of `real.ks`), from one pass
    /// over the real–generated distances, spread over the cores. The real balls are computed once by the
    /// caller and can serve any number of generated sets; each result equals `init(real:generated:k:)`'s.
    /// - Precondition: `generated` has more than the largest `k` rows, of `real`'s dimension.
    public static func measured(real: NeighbourBalls, generated: [[Double]]) -> [PrecisionRecall] {
        let fake = NeighbourBalls(generated, ks: real.ks)
        precondition(fake.points.dimension == real.points.dimension,
                     "PrecisionRecall: generated points have \(fake.points.dimension) coordinates, real ones \(real.points.dimension)")
        let (ks, realCount) = (real.ks, real.points.count)
        // Each part takes a range of generated rows; what the parts find about the real rows is merged after.
        let partials = mapRowParts(generated.count) { rows in
            var counts = CrossCounts(kCount: ks.count, realCount: realCount)
            for j in rows {
                var inAny = [Bool](repeating: false, count: ks.count)
                real.points.forEachSquaredDistance(from: generated[j]) { i, squared in
                    let d = squared.squareRoot()
                    for k in ks.indices {
                        if d < real.radii[k][i] {
                            inAny[k] = true
                            counts.balls[k] += 1
                            counts.covered[k][i] = true
                        }
                        if d < fake.radii[k][j] { counts.recalled[k][i] = true }
                    }
                }
                for k in ks.indices where inAny[k] { counts.insideReal[k] += 1 }
            }
            return counts
        }
        return ks.indices.map { k in
            let covered = (0..<realCount).filter { i in partials.contains { $0.covered[k][i] } }.count
            let recalled = (0..<realCount).filter { i in partials.contains { $0.recalled[k][i] } }.count
            let (inside, balls) = (partials.map { $0.insideReal[k] }.reduce(0, +), partials.map { $0.balls[k] }.reduce(0, +))
            return PrecisionRecall(precision: Double(inside) / Double(generated.count), recall: Double(recalled) / Double(realCount),
                                   density: Double(balls) / (Double(ks[k]) * Double(generated.count)),
                                   coverage: Double(covered) / Double(realCount))
        }
    }
}

/// What one part of the generated rows found, per neighbourhood size: how many of its rows lie in some
/// real ball, how many real balls hold them, and which real balls hold one (covered) or lie in one of
/// their balls (recalled).
private struct CrossCounts {
    var insideReal: [Int]
    var balls: [Int]
    var covered: [[Bool]]
    var recalled: [[Bool]]

    init(kCount: Int, realCount: Int) {
        insideReal = [Int](repeating: 0, count: kCount)
        balls = insideReal
        covered = [[Bool]](repeating: [Bool](repeating: false, count: realCount), count: kCount)
        recalled = covered
    }
}

/// A set of points with, for each of several `k`, every point's distance `r_k` to its `k`-th nearest
/// other point: the balls of precision, recall, density and coverage. The real images' balls are the
/// same for every model measured against them, so they are computed once.
public struct NeighbourBalls: Sendable {
    /// The neighbourhood sizes, in the order of `radii`.
    public let ks: [Int]
    /// `radii[m][i]`: the distance from point `i` to its `ks[m]`-th nearest other point.
    public let radii: [[Double]]
    let points: PointBlocks

    /// Finds the balls of `points` for every `k` of `ks` in one pass, spread over the cores.
    /// - Precondition: more than `max(ks)` points, all with the same number of coordinates.
    public init(_ points: [[Double]], ks: [Int]) {
        let largest = ks.max() ?? 0
        precondition(!ks.isEmpty && ks.allSatisfy { $0 >= 1 } && points.count > largest,
                     "PrecisionRecall: k = \(ks) needs more than k rows; got \(points.count)")
        let blocks = PointBlocks(points)
        let smallest = mapRowParts(points.count) { rows in
            rows.map { blocks.smallestSquaredDistances(from: points[$0], count: largest, skipping: $0) }
        }.flatMap { $0 }
        (self.ks, self.points) = (ks, blocks)
        radii = ks.map { k in smallest.map { $0[k - 1].squareRoot() } }
    }
}

/// `body` on a few consecutive parts of `0..<count` per core, in parallel, and its results in the parts'
/// order. The results never depend on the cut as long as `body` computes every row alone, as its
/// callers here do (and merge the parts by counts and "or").
private func mapRowParts<Part>(_ count: Int, _ body: (Range<Int>) -> Part) -> [Part] {
    let parts = max(1, min(count, 4 * ProcessInfo.processInfo.activeProcessorCount))
    var results = [Part?](repeating: nil, count: parts)
    results.withUnsafeMutableBufferPointer { buffer in
        // Every part writes its own slot and reads only shared, unchanging data.
        nonisolated(unsafe) let (buffer, body) = (buffer, body)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            buffer[part] = body((part * count / parts)..<((part + 1) * count / parts))
        }
    }
    return results.map { $0! }
}
