import Foundation

/// The eigendecomposition `A = V diag(λ) Vᵀ` of a real symmetric matrix, by cyclic Jacobi rotations.
///
/// Each rotation `J(p, q, θ)` with `tan 2θ = 2 a_pq / (a_qq - a_pp)` zeroes the off-diagonal entry
/// `a_pq` of `Jᵀ A J`; sweeping over all pairs until the off-diagonal norm is below
/// `1e-15 · ‖A‖_F` converges quadratically (Golub and Van Loan, *Matrix Computations*, §8.5).
/// `V` accumulates the rotations and is orthogonal.
public struct SymmetricEigendecomposition: Sendable {
    /// The eigenvalues `λ_i`, in ascending order.
    public let eigenvalues: [Double]
    /// The eigenvectors as columns: `eigenvectors[r][i]` is entry `r` of the vector for `eigenvalues[i]`.
    public let eigenvectors: [[Double]]

    /// Decomposes `matrix`.
    /// - Precondition: `matrix` is square and symmetric (to 1e-9 relative).
    public init(_ matrix: [[Double]], maxSweeps: Int = 100) {
        let n = matrix.count
        precondition(matrix.allSatisfy { $0.count == n }, "SymmetricEigendecomposition: matrix is not square (\(n) rows)")
        var a = matrix
        let norm = matrix.joined().reduce(0) { $0 + $1 * $1 }.squareRoot()
        for i in 0..<n {
            for j in 0..<i where abs(a[i][j] - a[j][i]) > 1e-9 * max(norm, 1) {
                preconditionFailure("SymmetricEigendecomposition: entries (\(i),\(j)) = \(a[i][j]) and (\(j),\(i)) = \(a[j][i]) differ")
            }
        }
        var v = (0..<n).map { i in (0..<n).map { j in i == j ? 1.0 : 0.0 } }
        for _ in 0..<maxSweeps {
            var offDiagonal = 0.0
            for p in 0..<n { for q in (p + 1)..<n { offDiagonal += 2 * a[p][q] * a[p][q] } }
            if offDiagonal.squareRoot() <= 1e-15 * norm { break }
            for p in 0..<n {
                for q in (p + 1)..<n where a[p][q] != 0 {
                    Self.rotate(&a, &v, p, q)
                }
            }
        }
        let order = (0..<n).sorted { a[$0][$0] < a[$1][$1] }
        eigenvalues = order.map { a[$0][$0] }
        eigenvectors = (0..<n).map { r in order.map { v[r][$0] } }
    }

    /// Applies the rotation that zeroes `a[p][q]` to both sides of `a` and accumulates it in `v`.
    private static func rotate(_ a: inout [[Double]], _ v: inout [[Double]], _ p: Int, _ q: Int) {
        let n = a.count
        // t = tan θ is the smaller root of t² + 2τt - 1 = 0, which keeps the rotation angle below π/4.
        let tau = (a[q][q] - a[p][p]) / (2 * a[p][q])
        let t = (tau >= 0 ? 1 : -1) / (abs(tau) + (1 + tau * tau).squareRoot())
        let c = 1 / (1 + t * t).squareRoot()
        let s = t * c
        for k in 0..<n {
            let akp = a[k][p], akq = a[k][q]
            a[k][p] = c * akp - s * akq
            a[k][q] = s * akp + c * akq
        }
        for k in 0..<n {
            let apk = a[p][k], aqk = a[q][k]
            a[p][k] = c * apk - s * aqk
            a[q][k] = s * apk + c * aqk
        }
        for k in 0..<n {
            let vkp = v[k][p], vkq = v[k][q]
            v[k][p] = c * vkp - s * vkq
            v[k][q] = s * vkp + c * vkq
        }
    }

    /// Returns `V f(Λ) Vᵀ`: the matrix function `f` applied through the eigenvalues.
    public func reconstructed(applying f: (Double) -> Double) -> [[Double]] {
        let n = eigenvalues.count
        let mapped = eigenvalues.map(f)
        return (0..<n).map { i in
            (0..<n).map { j in (0..<n).reduce(0) { $0 + eigenvectors[i][$1] * mapped[$1] * eigenvectors[j][$1] } }
        }
    }

    /// The principal square root `A^{1/2} = V diag(√λ) Vᵀ` of a positive semi-definite matrix;
    /// eigenvalues below zero from rounding are clamped to 0.
    public func squareRoot() -> [[Double]] {
        reconstructed { max($0, 0).squareRoot() }
    }
}
