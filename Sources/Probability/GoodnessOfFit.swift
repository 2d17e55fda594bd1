import Foundation

/// The Kolmogorov-Smirnov statistic of a sample against a continuous distribution.
///
/// `D = sup_x |F_n(x) - F(x)|`, where `F_n` is the empirical CDF of the sample. With the sorted
/// sample `x_(1) <= … <= x_(n)`, `D = max_i max(i/n - F(x_(i)), F(x_(i)) - (i-1)/n)`, the same value
/// as `scipy.stats.kstest(sample, cdf).statistic`. For a correct sampler `D` shrinks like `1/√n`
/// (`√n D` is below 1.36 with probability 95%).
/// - Precondition: `sample` is not empty.
public func kolmogorovSmirnovStatistic(_ sample: [Double], cdf: (Double) -> Double) -> Double {
    precondition(!sample.isEmpty, "kolmogorovSmirnovStatistic: the sample is empty")
    let n = Double(sample.count)
    var statistic = 0.0
    for (i, x) in sample.sorted().enumerated() {
        let f = cdf(x)
        statistic = max(statistic, Double(i + 1) / n - f, f - Double(i) / n)
    }
    return statistic
}

/// Pearson's chi-squared statistic of category counts against category probabilities.
///
/// `χ² = Σ_k (O_k - E_k)² / E_k` with `E_k = n p_k`, `n = Σ_k O_k`, the same value as
/// `scipy.stats.chisquare(observed, n * p).statistic`. For a correct sampler it is about `K - 1`
/// on average (`K` categories).
/// - Precondition: one count per probability; every probability positive.
public func chiSquaredStatistic(observed: [Int], probabilities: [Double]) -> Double {
    precondition(observed.count == probabilities.count,
                 "chiSquaredStatistic: \(observed.count) counts, \(probabilities.count) probabilities")
    precondition(probabilities.allSatisfy { $0 > 0 }, "chiSquaredStatistic: probabilities \(probabilities) must be positive")
    let total = Double(observed.reduce(0, +))
    let normaliser = probabilities.reduce(0, +)
    return zip(observed, probabilities).reduce(0) { sum, pair in
        let expected = total * pair.1 / normaliser
        let difference = Double(pair.0) - expected
        return sum + difference * difference / expected
    }
}

/// Counts how often each category `0..<categoryCount` occurs in `draws`.
public func categoryCounts(_ draws: [Int], categoryCount: Int) -> [Int] {
    var counts = [Int](repeating: 0, count: categoryCount)
    for d in draws {
        precondition(d >= 0 && d < categoryCount, "categoryCounts: draw \(d) is outside 0..<\(categoryCount)")
        counts[d] += 1
    }
    return counts
}
