import Foundation
import Testing
import Probability
import Tensors

@Test func mixtureScoreMatchesFiniteDifferencesOfTheLogDensity() {
    let mixture = GaussianMixture(weights: [0.3, 0.7], means: [[-1, 0.5], [2, -1]],
                                  covariances: [[[0.5, 0.2], [0.2, 0.8]], [[1.2, -0.3], [-0.3, 0.4]]])
    let h = 1e-5
    for point in [[0.0, 0.0], [1.5, -0.5], [-2, 2]] {
        let score = mixture.score(point)
        for j in 0..<2 {
            var plus = point, minus = point
            plus[j] += h
            minus[j] -= h
            let difference = (mixture.logProb(plus) - mixture.logProb(minus)) / (2 * h)
            #expect(abs(score[j] - difference) < 1e-5, "point \(point), coordinate \(j): \(score[j]) vs \(difference)")
        }
    }
    let batched = mixture.scores(Tensor([[1.5, -0.5]])).scalars
    #expect(abs(Double(batched[0]) - mixture.score([1.5, -0.5])[0]) < 1e-5)
    #expect(abs(Double(mixture.logProbs(Tensor([[1.5, -0.5]])).scalars[0]) - mixture.logProb([1.5, -0.5])) < 1e-4)
}

@Test func componentSharesAssignEachPointToItsNearestComponent() {
    let mixture = GaussianMixture(weights: [0.5, 0.5], means: [[-3, 0], [3, 0]], covariances: [[[1, 0], [0, 1]], [[1, 0], [0, 1]]])
    #expect(mixture.componentShares([[-2.5, 0], [-3, 1], [2, 0], [-4, -1]]) == [0.75, 0.25])
}
