import Probability
import Foundation

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
        precondition(k >= 1 && real.count > k && generated.count > k,
                     "PrecisionRecall: k = \(k) needs more than k rows; got \(real.count) real, \(generated.count) generated")
        let realRadii = Self.kthNeighbourDistances(real, k: k)
        let generatedRadii = Self.kthNeighbourDistances(generated, k: k)
        var insideReal = 0
        var ballCount = 0
        var covered = [Bool](repeating: false, count: real.count)
        var recalled = [Bool](repeating: false, count: real.count)
        for (j, g) in generated.enumerated() {
            var inAny = false
            for (i, x) in real.enumerated() {
                let d = squaredDistance(g, x).squareRoot()
                if d < realRadii[i] {
                    inAny = true
                    ballCount += 1
                    covered[i] = true
                }
                if d < generatedRadii[j] { recalled[i] = true }
            }
            if inAny { insideReal += 1 }
        }
        precision = Double(insideReal) / Double(generated.count)
        recall = Double(recalled.filter { $0 }.count) / Double(real.count)
        density = Double(ballCount) / (Double(k) * Double(generated.count))
        coverage = Double(covered.filter { $0 }.count) / Double(real.count)
    }

    /// `r_k(x)` for every row: the distance to the `k`-th nearest other row.
    static func kthNeighbourDistances(_ points: [[Double]], k: Int) -> [Double] {
        points.indices.map { i in
            // Keep the k smallest squared distances in ascending order instead of sorting all n.
            var smallest = [Double](repeating: .infinity, count: k)
            for j in points.indices where j != i {
                let d = squaredDistance(points[i], points[j])
                guard d < smallest[k - 1] else { continue }
                var position = k - 1
                while position > 0 && smallest[position - 1] > d {
                    smallest[position] = smallest[position - 1]
                    position -= 1
                }
                smallest[position] = d
            }
            return smallest[k - 1].squareRoot()
        }
    }
}
