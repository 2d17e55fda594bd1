import Foundation
import Probability
import Tensors

extension RBM {
    /// `logPartitionLowerBound(ascendingFrom:)` from two kinds of start: the hidden states the
    /// rows of `data` switch on (`p(h | v) > 1/2`), and `randomStartCount` uniformly random states,
    /// which reach modes the data never visit.
    public func logPartitionLowerBound(data: Tensor, randomStartCount: Int, using rng: inout RandomGenerator) -> Double {
        let random = Tensor(randomBernoulli: Tensor(repeating: 0.5, shape: [randomStartCount, hiddenCount]), using: &rng)
        return logPartitionLowerBound(ascendingFrom: Tensor(concatenating: [hiddenProbabilities(data) .> 0.5, random], alongAxis: 0))
    }

    /// A certain lower bound on `log Z`, from the hidden configurations that hold the most mass.
    ///
    /// `Z = Σ_h f(h)` over all `2^H` hidden configurations (see `hiddenLogWeight`), and every term
    /// is positive, so any set `S` of distinct configurations gives `log Z ≥ log Σ_{h ∈ S} f(h)`.
    /// The set is found by coordinate ascent on `log f(h)`: from each start, flip any single unit
    /// that raises `log f` until none does (or `maxSweeps` sweeps over the units), and keep the
    /// distinct end points. Unlike an AIS estimate, the bound cannot be too high, so an AIS `log Ẑ`
    /// below it is certainly too low: a check of AIS that needs no enumeration of `Z`.
    /// - Parameters:
    ///   - starts: Binary hidden states `[N, H]` to climb from, for example rounded `p(h | v)` of
    ///     data and uniformly random states.
    ///   - maxSweeps: The most sweeps over the hidden units.
    public func logPartitionLowerBound(ascendingFrom starts: Tensor, maxSweeps: Int = 50) -> Double {
        precondition(starts.rank == 2 && starts.shape[1] == hiddenCount,
                     "RBM.logPartitionLowerBound: starts \(starts.shape), expected [N, \(hiddenCount)]")
        let count = starts.shape[0]
        var hidden = starts.scalars
        var preactivations = matmul(starts, weight, transposeB: true) + visibleBias
        let biases = hiddenBias.scalars
        for _ in 0..<maxSweeps {
            var improved = false
            for unit in 0..<hiddenCount {
                let column = weight.sliced(alongAxis: 1, range: unit..<(unit + 1)).reshaped(to: [1, visibleCount])
                // +1 to switch the unit on, -1 to switch it off.
                let flips = (0..<count).map { 1 - 2 * hidden[$0 * hiddenCount + unit] }
                let flipped = preactivations + Tensor(shape: [count, 1], scalars: flips) * column
                let flippedSums = softplus(flipped).sum(axis: 1).scalars
                let currentSums = softplus(preactivations).sum(axis: 1).scalars
                var accepted = [Float](repeating: 0, count: count)
                for row in 0..<count {
                    let gain = flippedSums[row] - currentSums[row] + flips[row] * biases[unit]
                    guard gain > 1e-6 else { continue }
                    accepted[row] = flips[row]
                    hidden[row * hiddenCount + unit] += flips[row]
                    improved = true
                }
                preactivations = preactivations + Tensor(shape: [count, 1], scalars: accepted) * column
            }
            if !improved { break }
        }
        var distinct = Set<[Float]>()
        for row in 0..<count { distinct.insert(Array(hidden[(row * hiddenCount)..<((row + 1) * hiddenCount)])) }
        let ends = Tensor(shape: [distinct.count, hiddenCount], scalars: distinct.sorted { $0.lexicographicallyPrecedes($1) }.flatMap { $0 })
        return logSumExp(hiddenLogWeight(ends).scalars.map(Double.init))
    }
}
