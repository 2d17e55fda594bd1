import Foundation
import GenerativeModels
import NeuralNetworks
import Tensors
import Testing

/// Data N(μ, s² I) with μ = (1.5, -1), s = 0.5: the noised marginal at time τ is
/// N(√ᾱ μ, (ᾱ s² + 1 - ᾱ) I), so its score is known in closed form.
private let dataMean: [Float] = [1.5, -1], dataSpread: Float = 0.5

private func gaussianScoreSampler(_ schedule: DiffusionSchedule) -> ScoreSDESampler {
    ScoreSDESampler(schedule: schedule) { x, time in
        let alphaBar = Float(schedule.alphaBar(at: time))
        let variance = alphaBar * dataSpread * dataSpread + 1 - alphaBar
        return (alphaBar.squareRoot() * Tensor(dataMean) - x) / variance
    }
}

private func columnMoments(_ samples: Tensor) -> [(mean: Double, deviation: Double)] {
    let scalars = samples.scalars
    return (0..<2).map { column in
        let values = stride(from: column, to: scalars.count, by: 2).map { Double(scalars[$0]) }
        let m = values.reduce(0, +) / Double(values.count)
        let v = values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count)
        return (m, v.squareRoot())
    }
}

@Test(arguments: [false, true])
func scoreSamplersReproduceAGaussianDataDistribution(deterministic: Bool) {
    let schedule = DiffusionSchedule.linear(stepCount: 1000)
    let sampler = gaussianScoreSampler(schedule)
    var rng = RandomGenerator(seed: 11)
    let noise = Tensor(randomNormal: [4000, 2], using: &rng)
    let samples = deterministic ? sampler.probabilityFlow(from: noise, stepCount: 500)
                                : sampler.reverseSDE(from: noise, stepCount: 500, using: &rng)
    // 4,000 samples: standard errors 0.008 (mean) and 0.006 (deviation).
    for (column, moments) in columnMoments(samples).enumerated() {
        #expect(abs(moments.mean - Double(dataMean[column])) < 0.04, "mean \(moments.mean)")
        #expect(abs(moments.deviation - Double(dataSpread)) < 0.03, "deviation \(moments.deviation)")
    }
}

/// The ideal noise predictor of data concentrated at one value `c`: `ε = (x - √ᾱ c) / √(1 - ᾱ)`.
private struct PointMassPredictor: NoisePredictor {
    @noDerivative let center: Float
    @noDerivative let schedule: DiffusionSchedule
    var classCount: Int { 0 }

    @differentiable(reverse, wrt: self)
    func predictedNoise(_ noisy: Tensor, timesteps: Tensor, labels: [Int]) -> Tensor {
        let alphaBar = Float(schedule.alphaBar(at: Double(timesteps.scalars[0])))
        return (noisy - alphaBar.squareRoot() * center) / (1 - alphaBar).squareRoot()
    }
}

/// Data at 3, outside the clip range: without clipping both samplers return 3; clipping the
/// predicted clean image to [-1, 1] makes the score that of data at 1, and both return 1.
@Test(arguments: [false, true])
func clippingTheCleanImageBoundsTheSamples(deterministic: Bool) {
    let schedule = DiffusionSchedule.linear(stepCount: 1000)
    let model = PointMassPredictor(center: 3, schedule: schedule)
    var rng = RandomGenerator(seed: 13)
    let noise = Tensor(randomNormal: [200, 1], using: &rng)
    for (clipRange, expected) in [(nil, Float(3)), (-1...1, Float(1))] as [(ClosedRange<Float>?, Float)] {
        let sampler = ScoreSDESampler(model: model, schedule: schedule, clipRange: clipRange)
        let samples = deterministic ? sampler.probabilityFlow(from: noise, stepCount: 50)
                                    : sampler.reverseSDE(from: noise, stepCount: 50, using: &rng)
        #expect(samples.scalars.allSatisfy { abs($0 - expected) < 0.05 }, "clip \(String(describing: clipRange)): \(samples.scalars.prefix(5))")
    }
}

@Test func probabilityFlowIsDeterministic() {
    let sampler = gaussianScoreSampler(.linear(stepCount: 100))
    var rng = RandomGenerator(seed: 12)
    let noise = Tensor(randomNormal: [5, 2], using: &rng)
    #expect(sampler.probabilityFlow(from: noise, stepCount: 20).scalars == sampler.probabilityFlow(from: noise, stepCount: 20).scalars)
}

@Test func scheduleInterpolationHitsTheGridValues() {
    let schedule = DiffusionSchedule.linear(stepCount: 10)
    #expect(abs(schedule.alphaBar(at: 4) - schedule.alphaBars[4]) < 1e-12)
    #expect(abs(schedule.beta(at: 2.5) - (schedule.betas[2] + schedule.betas[3]) / 2) < 1e-12)
}

@Test func denoisingScoreTargetIsTheKernelsScore() {
    // -(x̃ - x) / σ² for x = (1, 2), x̃ = (1.5, 1), σ = 0.5: (-2, 4).
    let target = denoisingScoreTarget(clean: Tensor([[1, 2]]), noisy: Tensor([[1.5, 1]]), noiseLevel: 0.5)
    #expect(target.scalars == [-2, 4])
}

@Test func annealedLangevinOnALearnedScoreFindsTheData() {
    var rng = RandomGenerator(seed: 13)
    let levels = NoiseConditionalScore<DiffusionMLP>.geometricLevels(from: 3, to: 0.1, count: 5)
    var ncsn = NoiseConditionalScore(model: DiffusionMLP(depth: 2, width: 64, rng: &rng), noiseLevels: levels,
                                     optimizer: Adam(learningRate: 3e-3))
    for _ in 0..<600 {
        ncsn.step(on: Tensor(randomNormal: [256, 2], standardDeviation: 0.5, using: &rng) + Tensor(dataMean), using: &rng)
    }
    let start = Tensor(randomUniform: [2000, 2], lowerBound: -4, upperBound: 4, using: &rng)
    let samples = ncsn.annealedLangevin(from: start, stepsPerLevel: 60, baseStepSize: 0.002, using: &rng)
    for (column, moments) in columnMoments(samples).enumerated() {
        #expect(abs(moments.mean - Double(dataMean[column])) < 0.15, "mean \(moments.mean)")
        #expect(abs(moments.deviation - Double(dataSpread)) < 0.15, "deviation \(moments.deviation)")
    }
}

@Test func energyModelScoreIsMinusTheEnergyGradient() {
    var rng = RandomGenerator(seed: 14)
    let model = EnergyModel(depth: 2, width: 16, optimizer: Adam(), box: -3...3, rng: &rng)
    let x = Tensor([[0.3, -0.7], [1.2, 0.4]])
    let score = model.score(x).scalars
    let h: Float = 1e-2
    for index in 0..<4 {
        var plus = x.scalars, minus = x.scalars
        plus[index] += h
        minus[index] -= h
        let difference = (model.energy(Tensor(shape: [2, 2], scalars: plus)).sum().scalar
            - model.energy(Tensor(shape: [2, 2], scalars: minus)).sum().scalar) / (2 * h)
        #expect(abs(score[index] + difference) < 2e-3, "index \(index): \(score[index]) vs \(-difference)")
    }
}

@Test func energyModelTrainingLowersTheDataEnergyBelowTheNoise() {
    var rng = RandomGenerator(seed: 15)
    var model = EnergyModel(depth: 2, width: 32, optimizer: Adam(learningRate: 1e-3), box: -3...3, langevinStepSize: 0.01,
                            langevinSteps: 20, rng: &rng)
    for _ in 0..<200 { model.step(on: Tensor(randomNormal: [128, 2], standardDeviation: 0.3, using: &rng) + 1, using: &rng) }
    let dataEnergy = model.energy(Tensor(randomNormal: [500, 2], standardDeviation: 0.3, using: &rng) + 1).mean().scalar
    let noiseEnergy = model.energy(model.noise(500, using: &rng)).mean().scalar
    #expect(dataEnergy < noiseEnergy - 0.5, "data \(dataEnergy), noise \(noiseEnergy)")
}
