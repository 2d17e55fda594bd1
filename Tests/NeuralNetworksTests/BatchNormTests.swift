import Testing
import NeuralNetworks
import TestSupport

@Test func batchNormInTrainingUsesBatchStatisticsPerChannel() {
    // Channel 0 = [1, 3], channel 1 = [10, 30]: both normalize to [-1, 1] (ε = 0).
    let norm = BatchNorm(channelCount: 2, epsilon: 0)
    expectClose(norm(Tensor([[1, 10], [3, 30]])), [-1, -1, 1, 1])
}

@Test func batchNormUpdatesRunningEstimatesLikePyTorch() {
    // Batch means [2, 20], unbiased variances [2, 200]:
    // running mean 0.1 · [2, 20] = [0.2, 2]; running variance 0.9 + 0.1 · [2, 200] = [1.1, 20.9].
    let norm = BatchNorm(channelCount: 2)
    _ = norm(Tensor([[1, 10], [3, 30]]))
    expectClose(norm.runningMean, [0.2, 2])
    expectClose(norm.runningVariance, [1.1, 20.9], tolerance: 1e-5)
}

@Test func batchNormAtInferenceUsesRunningEstimates() {
    var norm = BatchNorm(channelCount: 2, epsilon: 0)
    _ = norm(Tensor([[1, 10], [3, 30]]))
    norm.isTraining = false
    // (x - [0.2, 2]) / sqrt([1.1, 20.9]) for x = [[1.2, 2]].
    expectClose(norm(Tensor([[1.2, 2]])), [1 / Float(1.1).squareRoot(), 0])
}

@Test func batchNormGradientsMatchFiniteDifferences() {
    var rng = RandomGenerator(seed: 141)
    var norm = BatchNorm(channelCount: 3)
    norm.weight = Tensor(randomNormal: [3], using: &rng)
    norm.bias = Tensor(randomNormal: [3], using: &rng)
    let x = Tensor(randomNormal: [2, 3, 2, 2], using: &rng)
    let w = Tensor(randomNormal: [2, 3, 2, 2], using: &rng)
    assertModelGradientMatchesFiniteDifferences(at: norm) { ($0(x) * w).sum() }
    assertGradientMatchesFiniteDifferences(at: x) { norm($0) }
    var inference = norm
    inference.isTraining = false
    assertGradientMatchesFiniteDifferences(at: x) { inference($0) }
}
