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
