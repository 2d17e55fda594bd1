import Tensors
import Testing

/// The library is built with `-O`, where the standard `precondition` would drop its message.
@Test func shapeErrorsKeepTheirMessageInOptimizedBuilds() async {
    await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
        _ = matmul(Tensor(zeros: [2, 3]), Tensor(zeros: [4, 5]))
    }.map { result in
        let message = String(decoding: result.standardErrorContent, as: UTF8.self)
        #expect(message.contains("matmul: shapes [2, 3] and [4, 5] do not align"), "stderr: \(message)")
    }
}

/// The fast paths (whole-plane im2col for a 3×3 convolution with padding 1 or with separate
/// paddings, the fused bias, group normalization fused with SiLU) stop with the same messages as
/// the general ones.
@Test func fastPathsKeepTheShapeMessages() async {
    await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
        _ = conv2D(Tensor(zeros: [1, 3, 4, 4]), filter: Tensor(zeros: [2, 1, 3, 3]), padding: 1)
    }.map { result in
        let message = String(decoding: result.standardErrorContent, as: UTF8.self)
        #expect(message.contains("conv2D: input [1, 3, 4, 4] and filter [2, 1, 3, 3] do not fit (NCHW, OIHW)"),
                "stderr: \(message)")
    }
    await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
        _ = conv2D(Tensor(zeros: [1, 3, 4, 4]), filter: Tensor(zeros: [2, 1, 2, 3]), bias: Tensor(zeros: [2]),
                   padding: ConvolutionPadding(top: 1, bottom: 0, left: 1, right: 1))
    }.map { result in
        let message = String(decoding: result.standardErrorContent, as: UTF8.self)
        #expect(message.contains("conv2D: input [1, 3, 4, 4] and filter [2, 1, 2, 3] do not fit (NCHW, OIHW)"),
                "stderr: \(message)")
    }
    await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
        _ = conv2D(Tensor(zeros: [1, 1, 4, 4]), filter: Tensor(zeros: [2, 1, 3, 3]), bias: Tensor(zeros: [3]),
                   padding: ConvolutionPadding(1))
    }.map { result in
        let message = String(decoding: result.standardErrorContent, as: UTF8.self)
        #expect(message.contains("conv2D: bias [3] does not fit filter [2, 1, 3, 3]"), "stderr: \(message)")
    }
    await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
        _ = groupNormalizedSiLU(Tensor(zeros: [1, 4, 2, 2]), weight: Tensor(ones: [3]), bias: Tensor(zeros: [3]),
                                groupCount: 1, epsilon: 1e-5)
    }.map { result in
        let message = String(decoding: result.standardErrorContent, as: UTF8.self)
        #expect(message.contains("groupNormalized: input [1, 4, 2, 2] and weight [3] do not fit ([N, C, ...] and [C])"),
                "stderr: \(message)")
    }
}
