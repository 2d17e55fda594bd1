import GenerativeModels
import NeuralNetworks
import Testing
import TestSupport

/// The Jacobian of the gated PixelCNN's logits with respect to its input, on a 5×5 canvas, one
/// row per output pixel `i`: zero for every input pixel `j >= i` in raster order (the pixel itself
/// and everything after it), and non-zero for every `j < i`. The second half is the blind-spot
/// check: a single stack of 3×3 masked convolutions never reaches the pixels above and to the
/// right of `i` beyond its first layer's window, while the vertical stack reaches every earlier row.
@Test func gatedPixelCNNJacobianIsStrictlyLowerTriangularWithNoBlindSpot() {
    var rng = RandomGenerator(seed: 140)
    // Eight channels, so that the head's ReLU is live at every pixel (with four, some draws leave
    // all of them negative at a pixel, and that logit's whole Jacobian row is zero by accident).
    var model = PixelCNN(height: 5, width: 5, channels: 8, layers: 2, classCount: 3, rng: &rng).conditioned(on: [2])
    model.pixelBiases.weight = Tensor(randomNormal: [4, 25], using: &rng)
    // Grey inputs, so that no gate sits at a point where the Jacobian vanishes by accident.
    let x = Tensor(randomUniform: [1, 25], using: &rng)
    for i in 0..<25 {
        let selector = Tensor(oneHotAtIndices: [i], depth: 25).reshaped(to: [1, 25])
        let row = gradient(at: x) { x in (model(x) * selector).sum() }.scalars
        for j in i..<25 { #expect(row[j] == 0, "logit \(i) depends on pixel \(j)") }
        for j in 0..<i { #expect(row[j] != 0, "logit \(i) does not see pixel \(j)") }
    }
}

/// With the width of the canvas beyond the first layer's window, a pixel far to the upper right
/// (three rows up, eight columns right, beyond the 7×7 first window) is still seen: the blind spot of stacked masks is gone.
@Test func gatedPixelCNNSeesFarToTheUpperRight() {
    var rng = RandomGenerator(seed: 141)
    let model = PixelCNN(height: 6, width: 16, channels: 4, layers: 5, rng: &rng)
    let x = Tensor(randomUniform: [1, 96], using: &rng)
    let (target, upperRight) = (5 * 16 + 2, 2 * 16 + 10)
    let selector = Tensor(oneHotAtIndices: [target], depth: 96).reshaped(to: [1, 96])
    let row = gradient(at: x) { x in (model(x) * selector).sum() }.scalars
    #expect(row[upperRight] != 0)
}

/// Every parameter gradient of one gated layer (both stacks, the class bias with its "no class"
/// row 3) against central finite differences.
@Test func gatedLayerGradientsMatchFiniteDifferences() {
    var rng = RandomGenerator(seed: 142)
    let layer = GatedPixelCNNLayer(channels: 2, classCount: 3, rng: &rng)
    let stacks = GatedStacks(vertical: Tensor(randomNormal: [2, 2, 3, 3], using: &rng),
                             horizontal: Tensor(randomNormal: [2, 2, 3, 3], using: &rng))
    let weights = Tensor(randomUniform: [2, 2, 3, 3], lowerBound: -1, upperBound: 1, using: &rng)
    assertModelGradientMatchesFiniteDifferences(at: layer) { layer in
        let next = layer(stacks, labels: [3, 0])
        return (next.vertical * weights).sum() + (next.horizontal * next.horizontal).sum()
    }
    // And with respect to the two incoming stacks.
    assertGradientMatchesFiniteDifferences(at: stacks.vertical, stacks.horizontal) { vertical, horizontal in
        let next = layer(GatedStacks(vertical: vertical, horizontal: horizontal), labels: [3, 0])
        return next.vertical + next.horizontal * next.horizontal
    }
}
