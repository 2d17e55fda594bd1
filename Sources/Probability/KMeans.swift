import Foundation
import Tensors

/// Lloyd's k-means clustering with seeded k-means++ starting centroids.
///
/// k-means++ (Arthur and Vassilvitskii, 2007): the first centroid is a uniformly drawn point; each
/// next one is drawn with probability proportional to `D(x)²`, the squared distance to the nearest
/// centroid chosen so far. Lloyd's iterations then alternate assigning every point to its nearest
/// centroid and moving every centroid to the mean of its points, until no assignment changes.
public struct KMeans: Sendable {
    /// The cluster centres, one per cluster.
    public let centroids: [[Double]]
    /// `assignments[i]` is the index of the centroid nearest to point `i`.
    public let assignments: [Int]
    /// The within-cluster sum of squared distances `Σ_i |x_i - c_{a_i}|²`.
    public let inertia: Double

    /// Clusters `points` into `clusterCount` clusters.
    /// - Precondition: `1 <= clusterCount <= points.count`; all points have the same dimension.
    public static func fit(_ points: [[Double]], clusterCount: Int, maxIterations: Int = 300,
                           using generator: inout RandomGenerator) -> KMeans {
        let d = commonDimension(points, "KMeans.fit")
        precondition(clusterCount >= 1 && clusterCount <= points.count,
                     "KMeans.fit: clusterCount \(clusterCount) must be in 1...\(points.count)")
        var centroids = plusPlusCentroids(points, clusterCount: clusterCount, using: &generator)
        var assignments = [Int](repeating: -1, count: points.count)
        for _ in 0..<maxIterations {
            let nearest = points.map { nearestCentroid($0, centroids).index }
            if nearest == assignments { break }
            assignments = nearest
            var sums = [[Double]](repeating: [Double](repeating: 0, count: d), count: clusterCount)
            var counts = [Int](repeating: 0, count: clusterCount)
            for (p, a) in zip(points, assignments) {
                counts[a] += 1
                for j in 0..<d { sums[a][j] += p[j] }
            }
            // An emptied cluster keeps its old centroid rather than dividing by zero.
            for c in 0..<clusterCount where counts[c] > 0 {
                centroids[c] = sums[c].map { $0 / Double(counts[c]) }
            }
        }
        let inertia = zip(points, assignments).reduce(0) { $0 + squaredDistance($1.0, centroids[$1.1]) }
        return KMeans(centroids: centroids, assignments: assignments, inertia: inertia)
    }

    /// The k-means++ seeding: `D(x)²`-weighted draws.
    static func plusPlusCentroids(_ points: [[Double]], clusterCount: Int,
                                  using generator: inout RandomGenerator) -> [[Double]] {
        var centroids = [points[generator.nextInt(below: points.count)]]
        var distances = points.map { squaredDistance($0, centroids[0]) }
        while centroids.count < clusterCount {
            let total = distances.reduce(0, +)
            let next: Int
            if total > 0 {
                next = Categorical(probabilities: distances).sample(using: &generator)
            } else {
                next = generator.nextInt(below: points.count)
            }
            centroids.append(points[next])
            for i in points.indices {
                distances[i] = min(distances[i], squaredDistance(points[i], points[next]))
            }
        }
        return centroids
    }

    /// The index of the centroid nearest to `point` and the squared distance to it.
    static func nearestCentroid(_ point: [Double], _ centroids: [[Double]]) -> (index: Int, squaredDistance: Double) {
        var best = (index: 0, squaredDistance: Double.infinity)
        for (c, centroid) in centroids.enumerated() {
            let d = squaredDistance(point, centroid)
            if d < best.squaredDistance { best = (c, d) }
        }
        return best
    }
}
