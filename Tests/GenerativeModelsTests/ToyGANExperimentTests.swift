import Testing
import Datasets
import Tensors
import GenerativeModels

/// A one-mode "mixture" at (1, 1): any GAN that learns anything must land on it.
private func singleModeExperiment() -> ToyGANExperiment {
    var experiment = ToyGANExperiment(data: GaussianModes(centres: [[1, 1]], standardDeviation: 0.2),
                                      steps: 400, snapshotSteps: [0, 400])
    experiment.batchSize = 64
    experiment.hiddenSizes = [32, 32]
    experiment.generatorLearningRate = 3e-3
    experiment.discriminatorLearningRate = 3e-3
    experiment.snapshotSampleCount = 10
    experiment.coverageSampleCount = 500
    return experiment
}

@Test func toyRunRecordsEveryStepSnapshotAndCoverageMeasurement() {
    let run = singleModeExperiment().run(.nonSaturating, seed: 0)
    #expect(run.losses.count == 400)
    #expect(run.snapshots.map(\.count) == [10, 10])
    #expect(run.modesOverTraining.count == 5)
    #expect(run.coverage.sampleCount == 500)
}

@Test func plainAndPackedGANsBothMoveTheirSamplesOntoASingleMode() {
    let experiment = singleModeExperiment()
    for variant in [ToyGANVariant.nonSaturating, .packed(packSize: 4)] {
        let run = experiment.run(variant, seed: 1)
        // At the start the samples sit near the origin, 1.4 from the mode (high quality within 0.6).
        let start = experiment.coverage(of: Tensor(points: run.snapshots[0]))
        #expect(start.highQualityFraction < 0.2, "\(variant.name) starts with \(start.highQualityFraction)")
        #expect(run.coverage.highQualityFraction > 0.8, "\(variant.name) ends with \(run.coverage.highQualityFraction)")
    }
}

@Test func runsWithTheSameSeedAreIdentical() {
    let experiment = singleModeExperiment()
    let first = experiment.run(.spectralNorm, seed: 2), second = experiment.run(.spectralNorm, seed: 2)
    #expect(first.snapshots == second.snapshots)
    #expect(first.losses.map(\.generator) == second.losses.map(\.generator))
}
