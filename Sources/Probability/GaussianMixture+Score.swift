import Foundation
import Tensors

extension GaussianMixture {
    /// The score of the mixture, `∇_x log p(x) = Σ_k r_k(x) Σ_k⁻¹ (μ_k - x)`, with responsibilities
    /// `r_k(x) = w_k N(x | μ_k, Σ_k) / p(x)`.
    public func score(_ x: [Double]) -> [Double] {
        score(x, precisions: precisions)
    }

    /// `score(_:)` for every row of `points` (`[N, d] -> [N, d]`): the drift of Langevin dynamics on the mixture.
    public func scores(_ points: Tensor) -> Tensor {
        let inverses = precisions
        return Tensor(shape: points.shape, scalars: rows(of: points).flatMap { score($0, precisions: inverses).map(Float.init) })
    }

    private func score(_ x: [Double], precisions: [[[Double]]]) -> [Double] {
        let responsibilities = componentLogProbs(x).softmaxed()
        var result = [Double](repeating: 0, count: dimension)
        for k in 0..<componentCount {
            let pull = precisions[k].times(zip(means[k], x).map { $0 - $1 })
            for j in 0..<dimension { result[j] += responsibilities[k] * pull[j] }
        }
        return result
    }

    /// `log p(x)` for every row of `points` (`[N, d] -> [N]`).
    public func logProbs(_ points: Tensor) -> Tensor {
        Tensor(rows(of: points).map { Float(logProb($0)) })
    }

    /// The inverse covariances `Σ_k⁻¹`, column by column from the Cholesky factor.
    private var precisions: [[[Double]]] {
        covariances.map { covariance in
            let factor = Cholesky(covariance)
            let columns = (0..<dimension).map { j -> [Double] in
                let unit = (0..<dimension).map { $0 == j ? 1.0 : 0.0 }
                let y = factor.solveLower(unit)
                // Back-substitution with Lᵀ: Σ⁻¹ e_j = L⁻ᵀ L⁻¹ e_j.
                var z = [Double](repeating: 0, count: dimension)
                for i in stride(from: dimension - 1, through: 0, by: -1) {
                    var sum = y[i]
                    for m in (i + 1)..<dimension { sum -= factor.lower[m][i] * z[m] }
                    z[i] = sum / factor.lower[i][i]
                }
                return z
            }
            return (0..<dimension).map { i in columns.map { $0[i] } }
        }
    }

    private func rows(of points: Tensor) -> [[Double]] {
        precondition(points.rank == 2 && points.shape[1] == dimension,
                     "GaussianMixture: points \(points.shape) are not [N, \(dimension)]")
        let values = points.scalars, d = dimension
        return (0..<points.shape[0]).map { row in (0..<d).map { Double(values[row * d + $0]) } }
    }
}

private extension Array where Element == [Double] {
    /// The matrix-vector product of a row-major matrix.
    func times(_ vector: [Double]) -> [Double] {
        map { row in zip(row, vector).reduce(0) { $0 + $1.0 * $1.1 } }
    }
}

private extension Array where Element == Double {
    /// `exp(v_i - logSumExp(v))`.
    func softmaxed() -> [Double] {
        let normaliser = logSumExp(self)
        return map { exp($0 - normaliser) }
    }
}

extension GaussianMixture {
    /// The share of `points` assigned to each component, each point to the component of largest
    /// responsibility `r_k(x)`: a sampler that covers the modes in the right proportions returns the weights.
    public func componentShares(_ points: [[Double]]) -> [Double] {
        var counts = [Double](repeating: 0, count: componentCount)
        for point in points {
            let logs = componentLogProbs(point)
            counts[logs.indices.max { logs[$0] < logs[$1] } ?? 0] += 1
        }
        return counts.map { $0 / Double(max(points.count, 1)) }
    }
}
