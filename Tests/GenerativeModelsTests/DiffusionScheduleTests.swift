import Foundation
import GenerativeModels
import Tensors
import Testing

@Test func linearScheduleAlphaBarIsTheProductOfAlphas() {
    let schedule = DiffusionSchedule.linear(stepCount: 1000)
    #expect(abs(schedule.betas[0] - 1e-4) < 1e-15 && abs(schedule.betas[999] - 0.02) < 1e-15)
    var product = 1.0
    for t in 0..<1000 {
        product *= 1 - schedule.betas[t]
        #expect(abs(schedule.alphaBars[t] - product) <= 1e-12 * product)
    }
    // ᾱ_T of the DDPM schedule, exp(Σ log(1 - β_t)), is about 4.0e-5.
    var logSum = 0.0
    for t in 0..<1000 {
        let beta: Double = 1e-4 + (0.02 - 1e-4) * Double(t) / 999
        logSum += log(1 - beta)
    }
    let expected = exp(logSum)
    #expect(abs(schedule.alphaBars[999] - expected) < 1e-12)
    #expect(schedule.alphaBars[999] > 3e-5 && schedule.alphaBars[999] < 5e-5)
}

@Test func cosineScheduleFollowsItsClosedForm() {
    let schedule = DiffusionSchedule.cosine(stepCount: 1000)
    func f(_ t: Double) -> Double { pow(cos((t / 1000 + 0.008) / 1.008 * Double.pi / 2), 2) }
    for t in [0, 10, 250, 500, 900] {
        #expect(abs(schedule.alphaBars[t] - f(Double(t + 1)) / f(0)) < 1e-9)
    }
    #expect(schedule.betas.max() ?? 0 <= 0.999)
}

@Test func signalToNoiseRatioIsAlphaBarOverItsComplement() {
    let schedule = DiffusionSchedule.linear(stepCount: 100, betaStart: 1e-3, betaEnd: 0.05)
    for t in [0, 37, 99] {
        let alphaBar = schedule.alphaBars[t]
        #expect(abs(schedule.signalToNoiseRatio(at: t) - alphaBar / (1 - alphaBar)) < 1e-9 * (1 + alphaBar / (1 - alphaBar)))
    }
    let ratios = (0..<100).map(schedule.signalToNoiseRatio)
    #expect(zip(ratios, ratios.dropFirst()).allSatisfy { $0 > $1 })
}

@Test func noisedMatchesTheClosedFormPerExample() {
    let schedule = DiffusionSchedule.linear(stepCount: 10, betaStart: 0.1, betaEnd: 0.5)
    let clean = Tensor([[1, 2], [3, 4]])
    let noise = Tensor([[0.5, -1], [2, 0]])
    let noisy = schedule.noised(clean, timesteps: [0, 9], noise: noise).scalars
    let a0 = schedule.alphaBars[0], a9 = schedule.alphaBars[9]
    let expected = [a0.squareRoot() * 1 + (1 - a0).squareRoot() * 0.5, a0.squareRoot() * 2 - (1 - a0).squareRoot(),
                    a9.squareRoot() * 3 + (1 - a9).squareRoot() * 2, a9.squareRoot() * 4]
    for (value, reference) in zip(noisy, expected) { #expect(abs(Double(value) - reference) < 1e-5) }
}

@Test func posteriorMeanAtTheFirstStepIsTheCleanSample() {
    // With ᾱ_{-1} = 1 the posterior q(x_0 | x_1, x_0) is a point mass at x_0.
    let schedule = DiffusionSchedule.linear(stepCount: 10)
    let clean = Tensor([0.3, -0.7]), noisy = Tensor([1.5, 2.0])
    let mean = schedule.posteriorMean(clean: clean, noisy: noisy, timestep: 0).scalars
    #expect(abs(mean[0] - 0.3) < 1e-6 && abs(mean[1] + 0.7) < 1e-6)
    #expect(schedule.posteriorVariance(at: 0) == 0)
}

@Test func ddimTimestepsRunFromTheLastStepToZero() {
    let steps = DiffusionSampler<DiffusionMLP>.ddimTimesteps(5, of: 1000)
    #expect(steps == [999, 749, 500, 250, 0])
    #expect(DiffusionSampler<DiffusionMLP>.ddimTimesteps(1000, of: 1000) == Array((0..<1000).reversed()))
}
