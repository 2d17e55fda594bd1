import GenerativeModels
import Tensors
import Testing

/// The least total cost over all permutations, by enumeration.
private func bruteForceMinimum(_ costs: [[Double]]) -> Double {
    func best(_ row: Int, _ free: [Int]) -> Double {
        guard row < costs.count else { return 0 }
        return free.map { column in costs[row][column] + best(row + 1, free.filter { $0 != column }) }.min() ?? 0
    }
    return best(0, Array(costs.indices))
}

@Test func optimalAssignmentMatchesBruteForceOnSmallMatrices() {
    var rng = RandomGenerator(seed: 1)
    for n in 1...7 {
        for _ in 0..<20 {
            let costs = (0..<n).map { _ in (0..<n).map { _ in (rng.nextUniform() * 10).rounded() } }
            let assignment = optimalAssignment(costs: costs)
            #expect(Set(assignment) == Set(0..<n), "not a permutation: \(assignment)")
            let total = assignment.enumerated().map { costs[$0.offset][$0.element] }.reduce(0, +)
            #expect(abs(total - bruteForceMinimum(costs)) < 1e-9, "n = \(n): cost \(total) for \(costs)")
        }
    }
}

@Test func optimalTransportPairingUndoesAShuffle() {
    // Data far apart from each other, noise a small perturbation of a shuffled copy: the pairing must unshuffle.
    let data = Tensor(shape: [4, 2], scalars: [0, 0, 10, 0, 0, 10, 10, 10])
    let noise = Tensor(shape: [4, 2], scalars: [10.1, 10, 0, 0.2, 9.9, 0, 0, 10.1])
    #expect(optimalTransportPairing(noise: noise, data: data) == [1, 2, 3, 0])
}
