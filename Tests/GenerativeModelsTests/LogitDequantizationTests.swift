import Foundation
import GenerativeModels
import Tensors
import Testing

@Test func dequantizedPixelsStayInsideTheirGreyLevelsBin() {
    var rng = RandomGenerator(seed: 1)
    let levels = [0, 1, 17, 128, 254, 255]
    let pixels = Tensor(shape: [1, levels.count], scalars: levels.map { Float($0) / 255 })
    for _ in 0..<20 {
        let x = LogitDequantization().dequantized(pixels, using: &rng).scalars
        for (value, level) in zip(x, levels) {
            #expect(value >= Float(level) / 256 && value < Float(level + 1) / 256)
        }
    }
}

@Test func logitsMatchTheClosedFormAndTheirInverse() {
    let preprocessing = LogitDequantization(boundary: 0.05)
    let x: [Float] = [0, 0.25, 0.5, 0.9, 1]
    let state = preprocessing.logits(of: Tensor(shape: [1, 5], scalars: x))
    // logit(0.05) = log(0.05 / 0.95), logit(0.5) = 0, logit(0.95) = -logit(0.05).
    let expected = x.map { value -> Double in
        let p = 0.05 + 0.9 * Double(value)
        return log(p) - log(1 - p)
    }
    #expect(zip(state.values.scalars, expected).allSatisfy { abs(Double($0) - $1) < 1e-5 })
    #expect(abs(Double(state.values.scalars[0]) - log(0.05 / 0.95)) < 1e-5)
    let back = preprocessing.pixels(fromLogits: state.values).scalars
    #expect(zip(back, x).allSatisfy { abs($0 - $1) < 1e-5 })
}

@Test func logitLogDeterminantMatchesFiniteDifferences() {
    let preprocessing = LogitDequantization(boundary: 0.05)
    let x: [Double] = [0.01, 0.3, 0.5, 0.77, 0.99]
    let step = 1e-4
    // The map acts on each pixel alone, so the Jacobian is diagonal: its log-determinant is the sum
    // of the log-slopes, each measured by a central difference of the logit.
    let finiteDifference = x.reduce(0.0) { sum, value in
        func y(_ v: Double) -> Double { let p = 0.05 + 0.9 * v; return log(p / (1 - p)) }
        return sum + log((y(value + step) - y(value - step)) / (2 * step))
    }
    let analytic = preprocessing.logits(of: Tensor(shape: [1, 5], scalars: x.map(Float.init))).logDeterminant.scalar
    #expect(abs(Double(analytic) - finiteDifference) < 1e-3)
}

@Test func uniformDensityOnTheUnitCubeScoresEightBitsPerDimension() {
    // p_X(x) = 1 on [0, 1]^D is the density of uniformly random 8-bit images, P(k) = 256^-D, whose
    // cost is exactly 8 bits per pixel. In logit space its density is p_Y(y) = |det ∂y/∂x|^-1.
    var rng = RandomGenerator(seed: 2)
    let preprocessing = LogitDequantization()
    let x = Tensor(randomUniform: [16, 10], using: &rng)
    let state = preprocessing.logits(of: x)
    let bits = preprocessing.bitsPerDimension(flowLogLikelihood: -state.logDeterminant,
                                              logDeterminant: state.logDeterminant, dimension: 10)
    #expect(abs(bits - 8) < 1e-6)
    // A density twice as high everywhere saves one bit per image: 1/D bits per dimension.
    let doubled = preprocessing.bitsPerDimension(flowLogLikelihood: -state.logDeterminant + Float(log(2.0)),
                                                 logDeterminant: state.logDeterminant, dimension: 10)
    #expect(abs(doubled - (8 - 0.1)) < 1e-5)
}

@Test func perImageBitsKeepEachImageAndTheStandardErrorOfTheirMean() {
    // The uniform density of the test above on eight images and twice it on the other eight: 8 and
    // 7.9 bits per dimension, mean 7.95, sample standard deviation 0.05 √(16/15), standard error that / 4.
    var rng = RandomGenerator(seed: 3)
    let preprocessing = LogitDequantization()
    let state = preprocessing.logits(of: Tensor(randomUniform: [16, 10], using: &rng))
    let saving = Tensor(shape: [16], scalars: (0..<16).map { $0 < 8 ? 0 : Float(log(2.0)) })
    let bits = preprocessing.perImageBits(flowLogLikelihood: -state.logDeterminant + saving, logDeterminant: state.logDeterminant,
                                          dimension: 10)
    #expect(bits.perImage.enumerated().allSatisfy { abs($1 - ($0 < 8 ? 8 : 7.9)) < 1e-5 })
    #expect(abs(bits.mean - 7.95) < 1e-5)
    #expect(abs(bits.standardError - 0.05 * (16.0 / 15).squareRoot() / 4) < 1e-5)
}
