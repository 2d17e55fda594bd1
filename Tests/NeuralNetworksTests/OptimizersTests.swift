import Testing
import NeuralNetworks
import TestSupport

/// Two parameters with the loss `L = w₀² + 3 w₁` (gradient `[2 w₀, 3]`).
struct TwoParameters: Differentiable {
    var weight: Tensor

    @differentiable(reverse)
    func loss() -> Tensor {
        (weight * weight * Tensor([1, 0]) + weight * Tensor([0, 3])).sum()
    }
}

@Test func adamTwoStepsMatchHandComputation() {
    // Step 1: m̂ = g, v̂ = g², so each weight moves by -lr sign(g) = -0.1: [0.9, 1.9].
    // Step 2 for w₀ (g = 1.8): m = 0.9·0.2 + 0.1·1.8 = 0.36, v = 0.999·0.004 + 0.001·3.24 = 0.007236,
    // m̂ = 0.36 / 0.19, v̂ = 0.007236 / 0.001999, w₀ = 0.9 - 0.1 m̂ / sqrt(v̂) = 0.80041223.
    // Step 2 for w₁ (g = 3 both times): m̂ = 3, v̂ = 9, so w₁ = 1.9 - 0.1 = 1.8.
    var model = TwoParameters(weight: Tensor([1, 2]))
    let optimizer = Adam(learningRate: 0.1)
    for _ in 0..<2 {
        let grad = gradient(at: model) { $0.loss() }
        optimizer.update(&model, along: grad)
    }
    expectClose(model.weight, [0.80041223, 1.8], tolerance: 1e-6)
}

@Test func sgdWithMomentumMatchesHandComputation() {
    // b₁ = g₁ = [2, 3], w = [1, 2] - 0.1 b₁ = [0.8, 1.7];
    // g₂ = [1.6, 3], b₂ = 0.9 b₁ + g₂ = [3.4, 5.7], w = [0.8, 1.7] - 0.1 b₂ = [0.46, 1.13].
    var model = TwoParameters(weight: Tensor([1, 2]))
    let optimizer = SGD(learningRate: 0.1, momentum: 0.9)
    for _ in 0..<2 {
        let grad = gradient(at: model) { $0.loss() }
        optimizer.update(&model, along: grad)
    }
    expectClose(model.weight, [0.46, 1.13], tolerance: 1e-6)
}

@Test func adamWDecaysWeightsDecoupledFromTheGradient() {
    // First step: -lr sign(g) - lr λ θ = -0.1 - 0.1·0.5·[1, 2] = [-0.15, -0.2].
    var model = TwoParameters(weight: Tensor([1, 2]))
    let optimizer = AdamW(learningRate: 0.1, weightDecay: 0.5)
    optimizer.update(&model, along: gradient(at: model) { $0.loss() })
    expectClose(model.weight, [0.85, 1.8], tolerance: 1e-6)
}

@Test func clippingScalesTheGradientToTheMaximumNorm() {
    // g = [2, 3] has norm sqrt(13); clipped to norm 1 and applied with lr 1: w - g / sqrt(13).
    var model = TwoParameters(weight: Tensor([1, 2]))
    let grad = gradient(at: model) { $0.loss() }
    #expect(Swift.abs(globalNorm(of: grad) - Float(13).squareRoot()) < 1e-6)
    let optimizer = SGD(learningRate: 1, maxGradientNorm: 1)
    optimizer.update(&model, along: grad)
    let root13 = Float(13).squareRoot()
    expectClose(model.weight, [1 - 2 / root13, 2 - 3 / root13], tolerance: 1e-6)
}

@Test func updateLeavesEarlierCopiesOfTheModelUnchanged() {
    var model = TwoParameters(weight: Tensor([1, 2]))
    let before = model
    let grad = gradient(at: model) { $0.loss() }
    Adam(learningRate: 0.1).update(&model, along: grad)
    #expect(before.weight.scalars == [1, 2])
    #expect(model.weight.scalars != [1, 2])
    #expect(grad.weight.scalars == [2, 3])
}

@Test func optimizerFindsParametersInsideArraysOfLayers() {
    var rng = RandomGenerator(seed: 3)
    var model = Sequential(layerSizes: [2, 3, 1], activation: tanh, rng: &rng)
    let before = model
    let x = Tensor([[1, 2]])
    let grad = gradient(at: model) { $0(x).sum() }
    #expect(namedTensors(in: grad).map(\.name) == ["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"])
    SGD(learningRate: 0.5).update(&model, along: grad)
    let (after, original, g) = (namedTensors(in: model), namedTensors(in: before), namedTensors(in: grad))
    for index in g.indices {
        #expect(after[index].name == g[index].name)
        expectClose(after[index].tensor, (original[index].tensor - 0.5 * g[index].tensor).scalars, tolerance: 1e-6)
    }
}

@Test func schedulesGiveTheirClosedForms() {
    #expect(ConstantSchedule(0.1)(1000) == 0.1)
    let cosine = CosineDecay(initial: 1, final: 0.1, steps: 100)
    #expect(cosine(0) == 1)
    #expect(Swift.abs(cosine(50) - 0.55) < 1e-6)
    #expect(Swift.abs(cosine(100) - 0.1) < 1e-6)
    #expect(Swift.abs(cosine(200) - 0.1) < 1e-6)
    let warmup = LinearWarmup(steps: 10, then: ConstantSchedule(2))
    #expect(warmup(0) == 0.2)
    #expect(warmup(4) == 1)
    #expect(warmup(10) == 2)
}

/// One parameter tensor of any size with the loss `L = Σ w²` (gradient `2w`).
struct SquaredNorm: Differentiable {
    var weight: Tensor

    @differentiable(reverse)
    func loss() -> Tensor { (weight * weight).sum() }
}

@Test func adamOnALargeParameterMatchesTheFormulaInEveryPart() {
    // 200,003 weights: enough for the update to be split across the cores, and a count that does
    // not divide evenly. Two steps with the gradient 2w (loss Σ w²), checked scalar by scalar
    // against Adam's formula evaluated here in Double.
    let count = 200_003
    let start = (0..<count).map { Float($0 % 97) / 10 - 4.8 }
    var model = SquaredNorm(weight: Tensor(shape: [count], scalars: start))
    let optimizer = Adam(learningRate: 0.01)
    for _ in 0..<2 {
        optimizer.update(&model, along: gradient(at: model) { $0.loss() })
    }
    let (beta1, beta2, rate, epsilon) = (0.9, 0.999, 0.01, 1e-8)
    var worst = 0.0
    let updated = model.weight.scalars
    for (index, w0) in start.enumerated() {
        var w = Double(w0), m = 0.0, v = 0.0
        for step in 1...2 {
            let g = 2 * w
            m = beta1 * m + (1 - beta1) * g
            v = beta2 * v + (1 - beta2) * g * g
            let mHat = m / (1 - [beta1, beta1 * beta1][step - 1]), vHat = v / (1 - [beta2, beta2 * beta2][step - 1])
            w -= rate * mHat / (vHat.squareRoot() + epsilon)
        }
        worst = max(worst, abs(w - Double(updated[index])))
    }
    #expect(worst < 1e-5)
}
