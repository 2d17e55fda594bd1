import Foundation
import Metrics
import Tensors
import Testing

@Test func principalAnglesBetweenTwoPlanesInSpaceAreZeroAndTheirDihedralAngle() {
    // span(e1, e2) and span(e1, cos 30° e2 + sin 30° e3) share e1 and meet at 30° otherwise.
    let angle = Double.pi / 6
    let a = Tensor(points: [[1, 0], [0, 1], [0, 0]])
    let b = Tensor(points: [[2, 1], [0, cos(angle)], [0, sin(angle)]])   // columns 2 e1 and e1 + cos e2 + sin e3
    let angles = principalAngles(between: a, and: b)
    #expect(abs(angles[0]) < 1e-3 && abs(angles[1] - angle) < 1e-4, "angles \(angles)")
}

@Test func principalAnglesDoNotDependOnTheBasisChosen() {
    var rng = RandomGenerator(seed: 1)
    let a = Tensor(randomNormal: [6, 3], using: &rng)
    let mixed = matmul(a, Tensor(points: [[1, 2, 0], [0, 1, 0], [3, 0, 1]]))   // same span, another basis
    #expect(principalAngles(between: a, and: mixed).allSatisfy { $0 < 3e-3 })
}

@Test func orthonormalBasisHasOrthonormalColumns() {
    var rng = RandomGenerator(seed: 2)
    let q = orthonormalBasis(of: Tensor(randomNormal: [10, 4], using: &rng))
    let gram = matmul(q, q, transposeA: true).points
    for i in 0..<4 { for j in 0..<4 { #expect(abs(gram[i][j] - (i == j ? 1 : 0)) < 1e-5) } }
}

@Test func principalSubspaceFindsTheAxesOfLargestVariance() {
    // Independent coordinates with standard deviations 5, 0.3, 3, 0.2, 0.1: by construction the top
    // two principal directions are e1 and e3.
    var rng = RandomGenerator(seed: 3)
    let scales: [Float] = [5, 0.3, 3, 0.2, 0.1]
    let data = Tensor(randomNormal: [2000, 5], using: &rng) * Tensor(scales) + Tensor([1, 2, 3, 4, 5])
    let basis = principalSubspace(of: data, dimension: 2, using: &rng)
    let expected = Tensor(points: [[1, 0], [0, 0], [0, 1], [0, 0], [0, 0]])
    #expect(principalAngles(between: basis, and: expected).allSatisfy { $0 < 0.02 })
}
