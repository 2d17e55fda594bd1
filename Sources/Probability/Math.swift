import Foundation

/// `log(2π)`, used by every Gaussian log-density.
let logTwoPi = log(2 * Double.pi)

/// Returns `log Σ_i exp(values[i])`, computed stably.
///
/// `logSumExp(v) = m + log(Σ exp(v_i - m))` with `m = max(v)`; `-infinity` for an empty array
/// or when every value is `-infinity`.
public func logSumExp(_ values: [Double]) -> Double {
    guard let m = values.max(), m.isFinite else { return values.max() ?? -.infinity }
    var sum = 0.0
    for v in values { sum += exp(v - m) }
    return m + log(sum)
}

/// Returns the sample mean `(1/n) Σ x_i`.
/// - Precondition: `values` is not empty.
public func mean(_ values: [Double]) -> Double {
    precondition(!values.isEmpty, "mean: values is empty")
    return values.reduce(0, +) / Double(values.count)
}

/// Returns the sample variance `Σ (x_i - x̄)^2 / (n - ddof)`.
/// - Parameter ddof: Delta degrees of freedom: 0 for the maximum-likelihood estimate, 1 for the
///   unbiased one (NumPy's `ddof`).
/// - Precondition: `values.count > ddof`.
public func variance(_ values: [Double], ddof: Int = 0) -> Double {
    precondition(values.count > ddof, "variance: \(values.count) values, ddof \(ddof)")
    let m = mean(values)
    return values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - ddof)
}

/// Returns the squared Euclidean distance `Σ (a_j - b_j)^2`.
public func squaredDistance(_ a: [Double], _ b: [Double]) -> Double {
    var sum = 0.0
    for j in a.indices {
        let d = a[j] - b[j]
        sum += d * d
    }
    return sum
}

/// Checks that every point has `dimension` coordinates and returns it.
func commonDimension(_ points: [[Double]], _ caller: String) -> Int {
    precondition(!points.isEmpty, "\(caller): no points")
    let d = points[0].count
    precondition(d > 0, "\(caller): points have no coordinates")
    for (i, p) in points.enumerated() where p.count != d {
        preconditionFailure("\(caller): point \(i) has \(p.count) coordinates, point 0 has \(d)")
    }
    return d
}
