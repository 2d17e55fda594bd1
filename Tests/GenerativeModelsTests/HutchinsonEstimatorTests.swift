import Foundation
import Datasets
import GenerativeModels
import NeuralNetworks
import Probability
import Tensors
import Testing

/// The mean and the standard error of the mean of `values`.
private func meanAndStandardError(_ values: [Double]) -> (mean: Double, standardError: Double) {
    (mean(values), (variance(values, ddof: 1) / Double(values.count)).squareRoot())
}

@Test func rademacherProbesGiveTheTraceOfADiagonalJacobianExactly() {
    // v(x) = d ⊙ x has the Jacobian diag(d), trace 1 - 2 + 0.5 = -0.5: εᵀ diag(d) ε = Σ d_j ε_j² is the
    // trace for every ±1 probe, while Gaussian probes scatter around it.
    var rng = RandomGenerator(seed: 1)
    let diagonal = Tensor(shape: [1, 3], scalars: [1, -2, 0.5])
    let estimates = { (probe: HutchinsonProbe) in
        hutchinsonDivergence(probes: (0..<20).map { _ in probe.drawn(shape: [4, 3], using: &rng) }) { $0 * diagonal }.scalars
    }
    #expect(estimates(.rademacher).allSatisfy { abs($0 + 0.5) < 1e-6 })
    #expect(estimates(.gaussian).contains { abs($0 + 0.5) > 0.1 })
}

@Test(arguments: HutchinsonProbe.allCases)
func hutchinsonDivergenceIsUnbiasedOnASmallNetwork(probe: HutchinsonProbe) {
    var rng = RandomGenerator(seed: 2)
    let model = DiffusionMLP(dataDimension: 4, depth: 2, width: 16, timeEmbeddingSize: 8, rng: &rng)
    let points = Tensor(randomNormal: [3, 4], using: &rng), times = Tensor(repeating: 300, shape: [3])
    let exact = model.velocityAndDivergence(points, timesteps: times).divergence.scalars
    let pullback = model.predictionWithPullback(points, timesteps: times, labels: []).pullback
    let estimates = hutchinsonDivergence(probes: (0..<4000).map { _ in probe.drawn(shape: [3, 4], using: &rng) }, pullback: pullback).scalars
    for n in 0..<3 {
        let row = (0..<4000).map { Double(estimates[n * 4000 + $0]) }
        let (average, standardError) = meanAndStandardError(row)
        #expect(standardError > 1e-4, "point \(n): the estimates do not vary")
        #expect(abs(average - Double(exact[n])) < 4 * standardError,
                "point \(n): mean \(average) ± \(standardError) against the exact divergence \(exact[n])")
    }
}

@Test func hutchinsonLikelihoodOfALinearFieldMatchesTheClosedForm() {
    // v(x, t) = A x with A = [[a, b], [b, c]] carries N(0, I) to N(0, e^A e^A), so
    // log p_1(x) = log N(e^{-A} x; 0, I) - tr A. A Rademacher probe estimates tr A by εᵀ A ε = a + c + 2b ε_1 ε_2,
    // so each probe's estimate is the exact value minus 2b ε_1 ε_2.
    let (a, b, c) = (0.3, -0.4, -0.2)
    let matrix = Tensor(shape: [2, 2], scalars: [a, b, b, c].map(Float.init))
    let points = Tensor(shape: [3, 2], scalars: [0, 0, 1, -1, 2.5, 0.5])
    var rng = RandomGenerator(seed: 3)
    let probes = (0..<200).map { _ in HutchinsonProbe.rademacher.drawn(shape: [3, 2], using: &rng) }
    let estimates = continuousFlowLogLikelihood(points, stepCount: 200, method: .midpoint, probes: probes) { x, _ in
        (matmul(x, matrix), { matmul($0, matrix) })
    }.scalars
    // e^M for a symmetric 2 × 2 M, with s = tr M / 2 and q = √(((M11 - M22)/2)² + M12²):
    // e^M = e^s (cosh q I + sinh q / q (M - s I)); here M = -A.
    let s = -(a + c) / 2, q = (pow((c - a) / 2, 2) + b * b).squareRoot()
    let exponential = [exp(s) * (cosh(q) + sinh(q) / q * (-a - s)), exp(s) * sinh(q) / q * -b,
                       exp(s) * sinh(q) / q * -b, exp(s) * (cosh(q) + sinh(q) / q * (-c - s))]
    for n in 0..<3 {
        let (x, y) = (Double(points.scalars[2 * n]), Double(points.scalars[2 * n + 1]))
        let (u, v) = (exponential[0] * x + exponential[1] * y, exponential[2] * x + exponential[3] * y)
        let exact = -(u * u + v * v) / 2 - log(2 * Double.pi) - (a + c)
        for k in 0..<200 {
            let (e1, e2) = (Double(probes[k].scalars[2 * n]), Double(probes[k].scalars[2 * n + 1]))
            #expect(abs(Double(estimates[n * 200 + k]) - (exact - 2 * b * e1 * e2)) < 1e-3, "point \(n), probe \(k)")
        }
        let (average, standardError) = meanAndStandardError((0..<200).map { Double(estimates[n * 200 + $0]) })
        #expect(abs(average - exact) < 4 * standardError, "point \(n): \(average) ± \(standardError) against \(exact)")
    }
}

@Test func exactAndHutchinsonLikelihoodsAgreeOnATrainedTwoDimensionalField() {
    var rng = RandomGenerator(seed: 4)
    let moons = Tensor(points: ToyDatasets.standardized(ToyDatasets.twoMoons(512, using: &rng)))
    var trainer = FlowMatchingTrainer(model: DiffusionMLP(depth: 2, width: 32, timeEmbeddingSize: 8, rng: &rng),
                                      optimizer: Adam(learningRate: 3e-3))
    for _ in 0..<300 { trainer.step(on: moons, using: &rng) }
    let sampler = FlowMatchingSampler(model: trainer.model)
    let points = moons.sliced(alongAxis: 0, range: 0..<4)
    let exact = sampler.logLikelihood(points, stepCount: 20).scalars
    let probes = (0..<300).map { _ in HutchinsonProbe.gaussian.drawn(shape: [4, 2], using: &rng) }
    let estimates = sampler.logLikelihood(points, stepCount: 20, probes: probes).scalars
    for n in 0..<4 {
        let (average, standardError) = meanAndStandardError((0..<300).map { Double(estimates[n * 300 + $0]) })
        #expect(standardError > 1e-4, "point \(n): the estimates do not vary")
        #expect(abs(average - Double(exact[n])) < 4 * standardError, "point \(n): \(average) ± \(standardError) against \(exact[n])")
    }
}

@Test func unetPullbackMatchesFiniteDifferences() {
    var rng = RandomGenerator(seed: 5)
    let unet = UNet(classCount: 10, baseChannels: 8, rng: &rng)
    let x = Tensor(randomNormal: [2, 1, 28, 28], using: &rng), direction = Tensor(randomNormal: [2, 1, 28, 28], using: &rng)
    let cotangent = Tensor(randomNormal: [2, 1, 28, 28], using: &rng)
    let (times, labels) = (Tensor([250, 700]), [3, 10])
    let pullback = unet.predictionWithPullback(x, timesteps: times, labels: labels).pullback
    let analytic = Double((pullback(cotangent) * direction).sum().scalar)
    let step: Float = 1e-2
    let forward = unet.predictedNoise(x + step * direction, timesteps: times, labels: labels)
    let backward = unet.predictedNoise(x - step * direction, timesteps: times, labels: labels)
    let finiteDifference = Double((cotangent * (forward - backward)).sum().scalar) / Double(2 * step)
    #expect(abs(analytic - finiteDifference) < 2e-2 * max(1, abs(finiteDifference)), "\(analytic) against \(finiteDifference)")
}

/// `v(x, t) = a x`: carries `N(0, I)` at `t = 0` to `N(0, e^{2a} I)` at `t = 1`; divergence `D a`.
struct LinearVelocity: InputDifferentiablePredictor {
    var rate: Tensor
    var classCount: Int { 0 }

    @differentiable(reverse, wrt: self)
    func predictedNoise(_ noisy: Tensor, timesteps: Tensor, labels: [Int]) -> Tensor { noisy * rate }

    func predictionWithPullback(_ noisy: Tensor, timesteps: Tensor, labels: [Int])
        -> (prediction: Tensor, pullback: (Tensor) -> Tensor) {
        (noisy * rate, { $0 * rate })
    }
}

@Test func dequantisedBitsOfAGaussianFlowMatchItsExactDiscreteBits() {
    // Under N(0, σ² I), σ = e^a, grey level k (x = 2k/255 - 1) has probability
    // P(k) = Φ((x + Δ/2)/σ) - Φ((x - Δ/2)/σ) with Δ = 2/255; the dequantised estimate of -log2 P / D
    // must agree with it to well within 10⁻³ bits (the density hardly changes across one bin).
    let a = 0.5, sigma = exp(0.5), binWidth = 2.0 / 255
    let levels = (0..<(2 * 784)).map { ($0 * 37 + 11) % 256 }
    let images = Tensor(shape: [2, 1, 28, 28], scalars: levels.map { Float(2 * Double($0) / 255 - 1) })
    var rng = RandomGenerator(seed: 6)
    let sampler = FlowMatchingSampler(model: LinearVelocity(rate: Tensor(Float(a))))
    let bits = sampler.bitsPerDimension(of: images, stepCount: 20, batchSize: 1, using: &rng).perImage
    func cdf(_ z: Double) -> Double { 0.5 * erfc(-z / 2.squareRoot()) }
    for n in 0..<2 {
        let exact = levels[(n * 784)..<((n + 1) * 784)].reduce(0.0) { sum, k in
            let x = 2 * Double(k) / 255 - 1
            return sum - log2(cdf((x + binWidth / 2) / sigma) - cdf((x - binWidth / 2) / sigma))
        } / 784
        #expect(abs(bits[n] - exact) < 1e-3, "image \(n): \(bits[n]) bits against \(exact)")
    }
}
