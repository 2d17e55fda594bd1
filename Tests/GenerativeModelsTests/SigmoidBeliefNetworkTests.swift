import Foundation
import GenerativeModels
import NeuralNetworks
import Testing

/// A network with 3 latent and 4 visible units and weights large enough to make the posterior far
/// from the recognition model.
private func tinyNetwork(seed: UInt64) -> SigmoidBeliefNetwork {
    var rng = RandomGenerator(seed: seed)
    return SigmoidBeliefNetwork(
        priorLogits: Tensor(randomNormal: [3], using: &rng),
        generative: Dense(weight: Tensor(randomNormal: [3, 4], standardDeviation: 2, using: &rng), bias: Tensor(randomNormal: [4], using: &rng)),
        recognition: Dense(weight: Tensor(randomNormal: [4, 3], using: &rng), bias: Tensor(randomNormal: [3], using: &rng)))
}

private let probes = Tensor([[1, 0, 1, 1], [0, 0, 0, 0], [1, 1, 0, 1]])

/// `p(x) = Σ_h Π_j p(h_j) Π_i p(x_i | h)`, summed by hand in double precision.
private func bruteForceLikelihood(_ model: SigmoidBeliefNetwork, _ x: [Float]) -> Double {
    let a = model.priorLogits.scalars.map(Double.init), w = model.generative.weight.points, c = model.generative.bias.scalars.map(Double.init)
    func bernoulli(_ value: Float, _ logit: Double) -> Double { value == 1 ? 1 / (1 + exp(-logit)) : 1 / (1 + exp(logit)) }
    var total = 0.0
    for code in 0..<8 {
        let h = (0..<3).map { Float((code >> $0) & 1) }
        var p = 1.0
        for j in 0..<3 { p *= bernoulli(h[j], a[j]) }
        for i in 0..<4 { p *= bernoulli(x[i], c[i] + (0..<3).reduce(0) { $0 + Double(h[$1]) * w[$1][i] }) }
        total += p
    }
    return total
}

@Test func exactLogLikelihoodMatchesASumOverAllLatentsByHand() {
    let model = tinyNetwork(seed: 1)
    let exact = model.exactLogLikelihood(probes)
    for (row, x) in probes.points.enumerated() {
        #expect(abs(Double(exact[row]) - log(bruteForceLikelihood(model, x.map(Float.init)))) < 1e-4)
    }
}

@Test func importanceSampledLikelihoodIsUnbiasedForTheLikelihoodItself() {
    // p̂(x) = (1/K) Σ_k w_k is unbiased for p(x): its mean over 20,000 independent estimates with
    // K = 2 lies within 4 standard errors of the enumerated p(x).
    let model = tinyNetwork(seed: 2)
    var rng = RandomGenerator(seed: 3)
    let x = probes.sliced(alongAxis: 0, range: 0..<1)
    let repeated = x.gathering(rows: [Int](repeating: 0, count: 20_000))
    let estimates = model.importanceSampledLogLikelihood(repeated, samples: 2, batchSize: 20_000, using: &rng).map { exp(Double($0)) }
    let mean = estimates.reduce(0, +) / Double(estimates.count)
    let standardError = (estimates.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(estimates.count - 1) / Double(estimates.count)).squareRoot()
    let exact = bruteForceLikelihood(model, x.scalars)
    #expect(abs(mean - exact) < 4 * standardError, "mean \(mean), exact \(exact), standard error \(standardError)")
    #expect(standardError < 0.1 * exact)
}

@Test func importanceSampledLogLikelihoodIsBelowAndTendsToTheExactValue() {
    let model = tinyNetwork(seed: 4)
    var rng = RandomGenerator(seed: 5)
    let exact = model.exactLogLikelihood(probes)
    let few = model.importanceSampledLogLikelihood(probes.gathering(rows: [Int](repeating: 0, count: 4000)), samples: 1, using: &rng)
    #expect(few.reduce(0, +) / 4000 < exact[0])   // Jensen: E log p̂ <= log p
    // log p̂ is biased low by about Var(w) / (2 K p(x)²): the error shrinks as K grows.
    let ten = model.importanceSampledLogLikelihood(probes, samples: 10, using: &rng)
    let many = model.importanceSampledLogLikelihood(probes, samples: 20_000, using: &rng)
    let errorWithTen = (0..<3).map { abs(ten[$0] - exact[$0]) }.reduce(0, +)
    let errorWithMany = (0..<3).map { abs(many[$0] - exact[$0]) }.reduce(0, +)
    #expect(errorWithMany < 0.1 && errorWithMany < errorWithTen / 3, "errors \(errorWithTen) with K = 10, \(errorWithMany) with K = 20,000")
}

@Test func normalizedWeightsOfTheReweightedWakeSleepLossGiveTheExactGradientForLargeK() {
    // With many samples, the RWS gradient for the prior logits is Σ_k w̃_k ∇ log p(x, h_k) ≈ ∇ log p(x),
    // here the gradient of the enumerated log-likelihood by central differences.
    let model = tinyNetwork(seed: 6)
    var rng = RandomGenerator(seed: 7)
    let x = probes.sliced(alongAxis: 0, range: 2..<3)
    let latents = model.inferLatents(x, samples: 100_000, using: &rng)
    let rwsGradient = gradient(at: model) { $0.reweightedWakeSleepLoss(x, latents: latents) }.priorLogits.scalars
    for j in 0..<3 {
        var plus = model, minus = model
        plus.priorLogits = plus.priorLogits + Tensor(oneHotAtIndices: [j], depth: 3).reshaped(to: [3]) * 1e-2
        minus.priorLogits = minus.priorLogits - Tensor(oneHotAtIndices: [j], depth: 3).reshaped(to: [3]) * 1e-2
        let finiteDifference = Double(plus.exactLogLikelihood(x)[0] - minus.exactLogLikelihood(x)[0]) / 2e-2
        #expect(abs(Double(-rwsGradient[j]) - finiteDifference) < 0.02, "latent \(j): RWS \(-rwsGradient[j]), exact \(finiteDifference)")
    }
}

@Test func wakeSleepLossTrainsTheGenerativeAndTheRecognitionParameters() {
    let model = tinyNetwork(seed: 8)
    var rng = RandomGenerator(seed: 9)
    let latents = model.inferLatents(probes, using: &rng)
    let dream = model.dream(count: 16, using: &rng)
    let direction = gradient(at: model) { $0.wakeSleepLoss(probes, latents: latents, dream: dream) }
    // The wake term alone reaches the generative weights, the sleep term alone the recognition ones.
    let wakeOnly = gradient(at: model) { -$0.logJoint(probes, latents).mean() }
    #expect(direction.generative.weight.scalars == wakeOnly.generative.weight.scalars)
    let sleepOnly = gradient(at: model) { -$0.logRecognition(dream.latents, given: dream.visibles).mean() }
    #expect(direction.recognition.weight.scalars == sleepOnly.recognition.weight.scalars)
    #expect(dream.visibles.shape == [16, 4] && dream.latents.shape == [16, 3])
}
