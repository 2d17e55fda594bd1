import Foundation
import Tensors

// MARK: - Principal subspaces and the angles between subspaces

/// An orthonormal basis of the span of the columns of `columns` (`[d, k]`, `k <= d`), by modified
/// Gram–Schmidt in double precision: `[d, k]` with `QᵀQ = I` and `span(Q) = span(columns)`.
/// - Precondition: the columns are linearly independent.
public func orthonormalBasis(of columns: Tensor) -> Tensor {
    precondition(columns.rank == 2 && columns.shape[1] <= columns.shape[0],
                 "orthonormalBasis: expects [d, k] with k <= d, got \(columns.shape)")
    let d = columns.shape[0], k = columns.shape[1]
    let values = columns.scalars.map(Double.init)
    var basis: [[Double]] = []
    for j in 0..<k {
        var vector = (0..<d).map { values[$0 * k + j] }
        for previous in basis {
            let projection = zip(vector, previous).reduce(0) { $0 + $1.0 * $1.1 }
            for i in 0..<d { vector[i] -= projection * previous[i] }
        }
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        precondition(norm > 1e-12, "orthonormalBasis: column \(j) depends on the columns before it")
        basis.append(vector.map { $0 / norm })
    }
    return Tensor(shape: [d, k], scalars: (0..<d).flatMap { i in basis.map { Float($0[i]) } })
}

/// The principal angles `0 <= θ_1 <= ... <= θ_k <= π/2` between the spans of the columns of `a`
/// and `b` (both `[d, k]`), in radians: `cos θ_i` are the singular values of `Q_aᵀ Q_b`, with
/// `Q_a`, `Q_b` orthonormal bases (Björck and Golub, 1973). All zero when the subspaces coincide.
public func principalAngles(between a: Tensor, and b: Tensor) -> [Double] {
    precondition(a.shape == b.shape, "principalAngles: shapes \(a.shape) and \(b.shape) differ")
    let overlap = matmul(orthonormalBasis(of: a), orthonormalBasis(of: b), transposeA: true).points
    let k = overlap.count
    let gram = (0..<k).map { i in (0..<k).map { j in (0..<k).reduce(0) { $0 + overlap[$1][i] * overlap[$1][j] } } }
    let squaredCosines = SymmetricEigendecomposition(gram).eigenvalues
    return squaredCosines.reversed().map { acos(min(1, max(0, $0)).squareRoot()) }
}

/// The `k` leading principal directions of the rows of `data` (`[n, d]`): an orthonormal `[d, k]`
/// basis of the span of the top `k` eigenvectors of the covariance `C = (X - x̄)ᵀ(X - x̄) / n`, by
/// orthogonal iteration `Q ← orth(C Q)` from a seeded random start (Golub and Van Loan, §8.2.4).
/// Converges at the rate `(λ_(k+1) / λ_k)^iterations`.
public func principalSubspace(of data: Tensor, dimension k: Int, iterations: Int = 300,
                              using rng: inout RandomGenerator) -> Tensor {
    precondition(data.rank == 2 && k >= 1 && k <= data.shape[1], "principalSubspace: data \(data.shape), k = \(k)")
    let centred = data - data.mean(axis: 0)
    let covariance = matmul(centred, centred, transposeA: true) / Float(data.shape[0])
    var basis = orthonormalBasis(of: Tensor(randomNormal: [data.shape[1], k], using: &rng))
    for _ in 0..<iterations {
        basis = orthonormalBasis(of: matmul(covariance, basis))
    }
    return basis
}
