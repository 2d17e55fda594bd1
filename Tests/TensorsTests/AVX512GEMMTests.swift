import CGEMM
import Testing
import Tensors

/// The library's AVX-512 kernels (`Sources/CGEMM`) against products summed in double precision,
/// on shapes that cross every edge of their blocking: 12 rows, 16 and 32 columns, 384 products
/// per sum, 512 columns per packing.
@Suite(.enabled(if: cgemm_available(), "the processor has no AVX-512F"))
struct AVX512GEMMTests {
    /// One product's operands, stored with leading dimensions wider than the matrices.
    struct Case {
        let m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool
        var lda: Int { (transposeA ? m : k) + 3 }
        var ldb: Int { (transposeB ? k : n) + 5 }
        var ldc: Int { n + 2 }
        let a: [Float], b: [Float]

        init(m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, rng: inout RandomGenerator) {
            (self.m, self.n, self.k, self.transposeA, self.transposeB) = (m, n, k, transposeA, transposeB)
            let (aRows, bRows) = (transposeA ? k : m, transposeB ? n : k)
            a = (0..<(aRows * ((transposeA ? m : k) + 3))).map { _ in Float(rng.nextNormal()) }
            b = (0..<(bRows * ((transposeB ? k : n) + 5))).map { _ in Float(rng.nextNormal()) }
        }

        func aValue(_ i: Int, _ p: Int) -> Double { Double(transposeA ? a[p * lda + i] : a[i * lda + p]) }
        func bValue(_ p: Int, _ j: Int) -> Double { Double(transposeB ? b[j * ldb + p] : b[p * ldb + j]) }

        /// `C = op(A) op(B) + beta C` by the kernels, on a copy of `c`.
        func product(beta: Float, c: [Float]) -> [Float] {
            var result = c
            cgemm_sgemm(Int32(m), Int32(n), Int32(k), a, Int32(lda), transposeA, b, Int32(ldb), transposeB,
                        &result, Int32(ldc), beta)
            return result
        }
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func productsMatchTheDoublePrecisionSumAcrossEveryBlockEdge(transposeA: Bool, transposeB: Bool) {
        var rng = RandomGenerator(seed: 2026)
        let shapes = [(1, 1, 1), (5, 7, 3), (12, 32, 384), (13, 33, 385), (11, 15, 17), (25, 48, 800),
                      (24, 16, 383), (3, 70, 40), (40, 520, 9), (7, 1030, 20)]
        for (m, n, k) in shapes {
            let product = Case(m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB, rng: &rng)
            let start = (0..<(m * product.ldc)).map { _ in Float(rng.nextNormal()) }
            for beta: Float in [0, 1, 0.5] {
                let result = product.product(beta: beta, c: beta == 0 ? [Float](repeating: .nan, count: start.count) : start)
                for i in 0..<m {
                    for j in 0..<product.ldc {
                        let index = i * product.ldc + j
                        guard j < n else {
                            // Past column n, C is the caller's: untouched.
                            #expect(result[index].bitPattern == (beta == 0 ? Float.nan : start[index]).bitPattern)
                            continue
                        }
                        var sum = Double(beta) * (beta == 0 ? 0 : Double(start[index])), size = abs(sum)
                        for p in 0..<k {
                            sum += product.aValue(i, p) * product.bValue(p, j)
                            size += abs(product.aValue(i, p) * product.bValue(p, j))
                        }
                        // The rounding bound of a sum of k + 1 float terms (Higham's γ).
                        #expect(abs(Double(result[index]) - sum) <= Double(k + 2) * 0x1p-24 * size,
                                "C[\(i), \(j)] of \(m)x\(k) • \(k)x\(n), beta \(beta): \(result[index]) against \(sum)")
                    }
                }
            }
        }
    }

    /// `sgemm` splits a product into blocks of rows; each row must come out with the same bits
    /// wherever the block it falls in starts.
    @Test func aRowHasTheSameBitsWhereverItsBlockStarts() {
        var rng = RandomGenerator(seed: 7)
        let product = Case(m: 50, n: 45, k: 400, transposeA: false, transposeB: true, rng: &rng)
        let whole = product.product(beta: 0, c: [Float](repeating: 0, count: 50 * product.ldc))
        for start in [1, 5, 13, 37] {
            var part = [Float](repeating: 0, count: (50 - start) * product.ldc)
            product.a.withUnsafeBufferPointer { a in
                cgemm_sgemm(Int32(50 - start), 45, 400, a.baseAddress! + start * product.lda, Int32(product.lda), false,
                            product.b, Int32(product.ldb), true, &part, Int32(product.ldc), 0)
            }
            #expect(part.map(\.bitPattern) == whole[(start * product.ldc)...].map(\.bitPattern), "rows from \(start)")
        }
    }
}
