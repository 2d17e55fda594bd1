import Testing
import NeuralNetworks
import TestSupport

/// A two-layer perceptron for XOR.
struct XORModel: Differentiable {
    var hidden: Dense
    var output: Dense

    init(rng: inout RandomGenerator) {
        hidden = Dense(inputSize: 2, outputSize: 8, activation: tanh, rng: &rng)
        output = Dense(inputSize: 8, outputSize: 1, rng: &rng)
    }

    @differentiable(reverse)
    func logits(_ x: Tensor) -> Tensor { output(hidden(x)) }

    @differentiable(reverse)
    func loss(_ x: Tensor, _ labels: Tensor) -> Tensor {
        binaryCrossEntropy(logits: logits(x), labels: labels)
    }
}

@Test func twoLayerPerceptronLearnsXOR() {
    var rng = RandomGenerator(seed: 0)
    var model = XORModel(rng: &rng)
    let x = Tensor([[0, 0], [0, 1], [1, 0], [1, 1]])
    let labels = Tensor(shape: [4, 1], scalars: [0, 1, 1, 0])
    let optimizer = Adam(learningRate: 0.05)
    var lastLoss: Float = .infinity
    for _ in 0..<300 {
        let (loss, grad) = valueWithGradient(at: model) { $0.loss(x, labels) }
        optimizer.update(&model, along: grad)
        lastLoss = loss.scalar
    }
    #expect(lastLoss < 0.05)
    let predictions = sigmoid(model.logits(x)).scalars.map { $0 > 0.5 ? 1 : 0 }
    #expect(predictions == [0, 1, 1, 0])
}
