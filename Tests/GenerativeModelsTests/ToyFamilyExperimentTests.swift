import Testing
import Datasets
import Metrics
import Tensors
import GenerativeModels

/// A one-mode "mixture" at (1, 1), 1.4 from where every untrained family puts its samples: any
/// family that learns anything must land on it.
private func singleModeExperiment() -> ToyFamilyExperiment {
    var experiment = ToyFamilyExperiment(data: GaussianModes(centres: [[1, 1]], standardDeviation: 0.2), steps: 300)
    experiment.batchSize = 64
    experiment.hiddenSizes = [32, 32]
    experiment.learningRate = 3e-3
    experiment.samplingSteps = 20
    experiment.couplingLayers = 4
    experiment.progressSampleCount = 200
    experiment.coverageSampleCount = 500
    return experiment
}

@Test func familyRunRecordsEveryStepLossAndCoverageMeasurement() {
    let experiment = singleModeExperiment()
    for family in ToyFamily.allCases {
        let run = experiment.run(family, seed: 0)
        #expect(run.losses.map(\.values.count) == Array(repeating: 300, count: family == .gan ? 2 : 1), "\(family.name)")
        #expect(run.coverageOverTraining.count == 4, "\(family.name)")
        #expect(run.coverageOverTraining.map(\.sampleCount).allSatisfy { $0 == 200 }, "\(family.name)")
        #expect(run.samples.count == 500 && run.coverage.sampleCount == 500, "\(family.name)")
    }
}

@Test func everyFamilyMovesItsSamplesOntoASingleMode() {
    let experiment = singleModeExperiment()
    for family in ToyFamily.allCases {
        let run = experiment.run(family, seed: 1)
        // High quality means within 3σ = 0.6 of (1, 1); no family starts there.
        let start = run.coverageOverTraining[0].highQualityFraction
        #expect(start < 0.2, "\(family.name) starts with \(start)")
        #expect(run.coverage.highQualityFraction > 0.8, "\(family.name) ends with \(run.coverage.highQualityFraction)")
    }
}

@Test func familyRunsWithTheSameSeedAreIdentical() {
    let experiment = singleModeExperiment()
    for family in [ToyFamily.vae, .diffusion] {
        let first = experiment.run(family, seed: 2), second = experiment.run(family, seed: 2)
        #expect(first.samples == second.samples, "\(family.name)")
        #expect(first.losses[0].values == second.losses[0].values, "\(family.name)")
    }
}

@Test func meanOverTrainingAveragesEachMeasurementOverTheRuns() {
    let centres = [[0.0, 0.0], [10.0, 0.0]]
    // Run A: 1 of 2 samples high quality, then 2 of 2; run B: 0 of 2, then 1 of 2.
    func coverage(_ samples: [[Double]]) -> ModeCoverage { ModeCoverage(samples: samples, centres: centres, standardDeviation: 1) }
    let a = ToyFamilyRun(losses: [], coverageOverTraining: [coverage([[0, 0], [5, 0]]), coverage([[0, 0], [10, 0]])],
                         samples: [], coverage: coverage([[0, 0]]))
    let b = ToyFamilyRun(losses: [], coverageOverTraining: [coverage([[5, 0], [5, 1]]), coverage([[0, 0], [5, 0]])],
                         samples: [], coverage: coverage([[0, 0]]))
    #expect(ToyFamilyRun.meanOverTraining([a, b], \.highQualityFraction) == [0.25, 0.75])
    #expect(ToyFamilyRun.meanOverTraining([a, b]) { Double($0.modesCaptured) } == [0.5, 1.5])
}
