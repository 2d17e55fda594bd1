import Foundation
import GenerativeModels
import NeuralNetworks
import Testing

@Test func optimizingTheExactPosteriorLeavesTheELBOAtTheLogLikelihood() {
    // linearGaussianVAE's encoder is the exact posterior: the ELBO equals log p(x) = log N(x; 0, w² + s²),
    // and per-example optimisation cannot improve it (no amortisation gap).
    let model = linearGaussianVAE(w: 2, s: 0.5)
    var rng = RandomGenerator(seed: 12)
    let x = Tensor([[0.7], [-1.5]])
    let fitted = model.optimizedPosterior(x, steps: 100, using: &rng)
    let bound = model.elbo(x, posterior: fitted, samples: 20_000, using: &rng)
    for (row, value) in [0.7, -1.5].enumerated() {
        #expect(abs(Double(bound[row]) - logNormal(value, variance: 4.25)) < 0.02, "row \(row): \(bound[row])")
    }
}

@Test func optimizedPosteriorRaisesTheELBOOfAnUntrainedEncoderButStaysBelowLogLikelihood() {
    var rng = RandomGenerator(seed: 13)
    let model = VAE(inputSize: 6, hiddenSizes: [8], latentSize: 2, rng: &rng)
    let x = Tensor(randomBernoulli: Tensor(repeating: 0.5, shape: [3, 6]), using: &rng)
    let encoderBound = model.elbo(x, posterior: model.encode(x), samples: 2000, using: &rng)
    let fittedBound = model.elbo(x, posterior: model.optimizedPosterior(x, steps: 300, using: &rng), samples: 2000, using: &rng)
    let logLikelihood = model.importanceWeightedBound(x, samples: 20_000, using: &rng)
    for row in 0..<3 {
        #expect(fittedBound[row] > encoderBound[row])
        #expect(fittedBound[row] < logLikelihood[row] + 0.01)
    }
}
