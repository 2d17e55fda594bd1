import Foundation
import Testing
import Tensors
import TestSupport

/// `op(a) • op(b)` summed in double precision, one scalar at a time: the reference for `matmul`.
private func naiveProduct(_ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool) -> [Float] {
    let (m, k) = transposeA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
    let n = transposeB ? b.shape[0] : b.shape[1]
    let (x, y) = (a.scalars, b.scalars)
    var result = [Float](repeating: 0, count: m * n)
    for i in 0..<m {
        for j in 0..<n {
            var sum = 0.0
            for l in 0..<k {
                let left = transposeA ? x[l * m + i] : x[i * k + l]
                let right = transposeB ? y[j * k + l] : y[l * n + j]
                sum += Double(left) * Double(right)
            }
            result[i * n + j] = Float(sum)
        }
    }
    return result
}

@Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
func largeProductsSplitIntoBlocksMatchTheNaiveSum(transposeA: Bool, transposeB: Bool) {
    var generator = RandomGenerator(seed: 81)
    // Tall (split along rows) and wide (split along columns), both above the blocking threshold.
    for (m, k, n) in [(203, 67, 45), (37, 71, 301)] {
        #expect(GEMMBlocks(m: m, n: n, k: k).count > 1)
        let a = Tensor(randomNormal: transposeA ? [k, m] : [m, k], using: &generator)
        let b = Tensor(randomNormal: transposeB ? [n, k] : [k, n], using: &generator)
        let product = matmul(a, b, transposeA: transposeA, transposeB: transposeB)
        expectClose(product, naiveProduct(a, b, transposeA: transposeA, transposeB: transposeB),
                    shape: [m, n], tolerance: 1e-4)
    }
}

@Test func affineSplitIntoBlocksAddsTheBiasOnce() {
    var generator = RandomGenerator(seed: 82)
    let x = Tensor(randomNormal: [128, 96], using: &generator)
    let w = Tensor(randomNormal: [96, 64], using: &generator)
    let bias = Tensor(randomNormal: [64], using: &generator)
    let expected = zip(naiveProduct(x, w, transposeA: false, transposeB: false), (0..<(128 * 64)).map { $0 % 64 })
        .map { $0 + bias.scalars[$1] }
    expectClose(affine(x, w, bias), expected, shape: [128, 64], tolerance: 1e-4)
}

@Test func blocksTileTheLongerAxisExactlyAndDependOnTheShapeOnly() {
    for (m, n, k) in [(128, 512, 784), (784, 512, 128), (32, 7840, 288), (1000, 3, 1000), (8, 8, 8)] {
        let blocks = GEMMBlocks(m: m, n: n, k: k)
        #expect(blocks.alongRows == (m >= n))
        let ranges = (0..<blocks.count).map(blocks.range(of:))
        #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == max(m, n))
        #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        #expect(ranges.allSatisfy { $0.count >= GEMMBlocks.minimumExtent } || blocks.count == 1)
    }
    #expect(GEMMBlocks(m: 8, n: 8, k: 8).count == 1)
    #expect(GEMMBlocks(m: 128, n: 512, k: 784).count == GEMMBlocks.maximumCount)
}

@Test func openBLASKernelsFollowTheProcessorFeatures() {
    #expect(openBLASCoreType(features: ["sse3", "avx", "avx2", "fma", "avx512f", "avx512cd", "avx512bw",
                                        "avx512dq", "avx512vl"]) == "SkylakeX")
    #expect(openBLASCoreType(features: ["avx", "avx2", "fma", "avx512f"]) == "Haswell")
    #expect(openBLASCoreType(features: ["sse3", "avx"]) == "Sandybridge")
    #expect(openBLASCoreType(features: ["sse3"]) == nil)
}

@Test func openBLASKernelsAreUpgradedOnlyFromAWeakerGenericFamily() {
    let avx512: Set<String> = ["avx", "avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]
    #expect(openBLASUpgrade(detected: "Prescott", features: avx512) == "SkylakeX")
    #expect(openBLASUpgrade(detected: "Zen", features: avx512) == "SkylakeX")
    #expect(openBLASUpgrade(detected: "Haswell", features: avx512) == "SkylakeX")
    #expect(openBLASUpgrade(detected: "Haswell", features: ["avx", "avx2", "fma"]) == nil)
    #expect(openBLASUpgrade(detected: "Prescott", features: ["avx", "avx2", "fma"]) == "Haswell")
    #expect(openBLASUpgrade(detected: "SkylakeX", features: avx512) == nil)
    #expect(openBLASUpgrade(detected: "Cooperlake", features: avx512) == nil)
    #expect(openBLASUpgrade(detected: "Prescott", features: ["sse3"]) == nil)
}

@Test func openBLASRunsTheStrongestKernelsTheProcessorSupports() {
    // OpenBLAS 0.3.21 falls back to `Prescott` on processors it does not know, and to `Haswell`
    // on AMD processors with AVX-512; the library selects the kernels itself then.
    guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil,
          let best = openBLASCoreType(features: processorFeatures()) else { return }
    #expect(openBLASUpgrade(detected: openBLASCoreName, features: processorFeatures()) == nil,
            "OpenBLAS runs \(openBLASCoreName) kernels, the processor supports \(best)")
}

@Test func openBLASDoesNotFallBackToSSE3KernelsOnAProcessorWithAVX() {
    // OpenBLAS 0.3.21 falls back to `Prescott` on processors it does not know; the library
    // selects the kernels itself then.
    if openBLASCoreType(features: processorFeatures()) != nil {
        #expect(openBLASCoreName != "Prescott")
    }
}
