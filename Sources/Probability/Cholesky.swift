import Foundation

/// The Cholesky factorisation `A = L Lᵀ` of a symmetric positive-definite matrix.
///
/// `L` is lower triangular with a positive diagonal; `log det A = 2 Σ_j log L_jj`. The Gaussian
/// log-density uses it as `|L⁻¹(x - μ)|² = (x - μ)ᵀ A⁻¹ (x - μ)`.
public struct Cholesky: Sendable {
    /// The lower-triangular factor `L`, row-major.
    public let lower: [[Double]]

    /// Factorises `matrix`.
    /// - Precondition: `matrix` is square, symmetric and positive definite.
    public init(_ matrix: [[Double]]) {
        let n = matrix.count
        precondition(matrix.allSatisfy { $0.count == n }, "Cholesky: matrix \(matrix) is not square")
        var l = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in 0...i {
                var sum = matrix[i][j]
                for k in 0..<j { sum -= l[i][k] * l[j][k] }
                if i == j {
                    precondition(sum > 0, "Cholesky: matrix \(matrix) is not positive definite (pivot \(i) is \(sum))")
                    l[i][i] = sum.squareRoot()
                } else {
                    l[i][j] = sum / l[j][j]
                }
            }
        }
        lower = l
    }

    /// `log det A = 2 Σ_j log L_jj`.
    public var logDeterminant: Double {
        2 * lower.indices.reduce(0) { $0 + log(lower[$1][$1]) }
    }

    /// Solves `L y = b` by forward substitution.
    public func solveLower(_ b: [Double]) -> [Double] {
        var y = b
        for i in y.indices {
            var sum = y[i]
            for k in 0..<i { sum -= lower[i][k] * y[k] }
            y[i] = sum / lower[i][i]
        }
        return y
    }

    /// Returns `L z`, which maps a standard normal `z` to a draw with covariance `A`.
    public func multiplyLower(_ z: [Double]) -> [Double] {
        lower.indices.map { i in (0...i).reduce(0) { $0 + lower[i][$1] * z[$1] } }
    }
}
