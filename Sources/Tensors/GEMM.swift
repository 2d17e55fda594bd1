internal import CGEMM
import COpenBLAS
import Foundation

/// `C = op(A) op(B)` for row-major matrices, accumulating `beta * C` when `beta` is non-zero
/// (then `c` must hold initialised values): with the library's AVX-512 kernels (`CGEMM`) where
/// the processor has them, through OpenBLAS elsewhere (see `usesAVX512Kernels`).
///
/// Large products are split into blocks of rows (or of columns, when there are more columns)
/// that `parallelForEach` computes with single-threaded calls: one pool of threads serves the
/// whole library, and OpenBLAS's own workers no longer spin between calls. The blocks depend on
/// the shape alone (`GEMMBlocks`), and so does the order of each scalar's sums within a block, so
/// results are bit-identical on any core count.
@usableFromInline
package func sgemm(_ a: UnsafePointer<Float>, rows aRows: Int, columns aColumns: Int, transposed transposeA: Bool,
           _ b: UnsafePointer<Float>, rows bRows: Int, columns bColumns: Int, transposed transposeB: Bool,
           into c: UnsafeMutablePointer<Float>, beta: Float = 0) {
    let m = transposeA ? aColumns : aRows
    let k = transposeA ? aRows : aColumns
    let n = transposeB ? bRows : bColumns
    guard m > 0, n > 0 else { return }
    if OperationCounter.shared.isCounting { OperationCounter.shared.add(2 * m * n * k) }
    if k == 0 {
        if beta == 0 { c.update(repeating: 0, count: m * n) }
        return
    }
    let avx512 = usesAVX512Kernels
    if !avx512 { prepareBLAS() }
    let blocks = GEMMBlocks(m: m, n: n, k: k)
    let (lda, ldb) = (aColumns, bColumns)
    parallelForEach(blocks.count) { range in
        for block in range {
            let part = blocks.range(of: block)
            // Row `i` of op(A) starts at `i * lda` (or column `i` of a transposed A at `i`);
            // column `j` of op(B) starts at `j` (or row `j` of a transposed B at `j * ldb`).
            let (blockA, blockB, blockC, rows, columns) = blocks.alongRows
                ? (a + part.lowerBound * (transposeA ? 1 : lda), b, c + part.lowerBound * n, part.count, n)
                : (a, b + part.lowerBound * (transposeB ? ldb : 1), c + part.lowerBound, m, part.count)
            if avx512 {
                cgemm_sgemm(Int32(rows), Int32(columns), Int32(k), blockA, Int32(lda), transposeA,
                            blockB, Int32(ldb), transposeB, blockC, Int32(n), beta)
            } else {
                cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                            Int32(rows), Int32(columns), Int32(k), 1, blockA, Int32(lda), blockB, Int32(ldb),
                            beta, blockC, Int32(n))
            }
        }
    }
}

/// Whether `sgemm` runs the library's AVX-512 kernels (`CGEMM`, on processors with AVX-512F)
/// rather than OpenBLAS's.
///
/// Debian 12's OpenBLAS (0.3.21) gives AMD's Zen 4 and 5 its AVX2 `Haswell` kernels, and some
/// environments pin `OPENBLAS_CORETYPE=Haswell` because older OpenBLAS builds misbehave on these
/// processors; the library's own kernels use the full vector width instead, 1.4 to 2 times as
/// fast on the course's shapes (scripts/PROFILE.md).
package let usesAVX512Kernels: Bool = cgemm_available()

/// The matrix kernels `sgemm` runs: `AVX-512 (CGEMM)` or OpenBLAS's family, e.g. `OpenBLAS Haswell`.
package var gemmKernelName: String {
    usesAVX512Kernels ? "AVX-512 (CGEMM)" : "OpenBLAS \(openBLASCoreName)"
}

/// How `sgemm` splits an `[m, k] • [k, n]` product: into `count` blocks of consecutive rows of
/// the result (`alongRows`) or of consecutive columns, whichever axis is longer.
///
/// A function of the shape alone, never of the machine, so that every scalar of a product is
/// computed by the same kernel call on any number of cores.
package struct GEMMBlocks {
    /// Products of fewer multiply-adds than this run as one call: about 20 µs with OpenBLAS's AVX2
    /// kernels, about 3 µs with `CGEMM`'s (a threshold not tuned for the faster kernels).
    package static let minimumWork = 1 << 18
    /// The most blocks: enough for four cores; each block repacks the other operand.
    package static let maximumCount = 4
    /// No block is thinner than this many rows or columns, so the kernels stay efficient.
    package static let minimumExtent = 16

    package let count: Int
    package let alongRows: Bool
    private let extent: Int

    package init(m: Int, n: Int, k: Int) {
        alongRows = m >= n
        extent = alongRows ? m : n
        count = m * n * k < Self.minimumWork
            ? 1 : Swift.max(1, Swift.min(Self.maximumCount, extent / Self.minimumExtent))
    }

    /// The rows (or columns) of the result that block `index` computes.
    package func range(of index: Int) -> Range<Int> {
        (index * extent / count)..<((index + 1) * extent / count)
    }
}

// MARK: - OpenBLAS set-up

/// Configures OpenBLAS once, before its first product: see `configureOpenBLAS()`.
private let openBLASConfiguration: Void = configureOpenBLAS()

/// Makes sure OpenBLAS is configured for this library; called before every product.
@inline(__always)
func prepareBLAS() { openBLASConfiguration }

/// The kernel family OpenBLAS uses, e.g. `SkylakeX` (after `prepareBLAS()`).
package var openBLASCoreName: String {
    prepareBLAS()
    return openblas_get_corename().map { String(cString: $0) } ?? "unknown"
}

/// Runs OpenBLAS single-threaded (`sgemm` parallelises by blocks itself) and, when OpenBLAS chose
/// kernels weaker than the processor supports, selects them from the processor's features.
///
/// OpenBLAS 0.3.21 (Debian 12) falls back to its SSE3 `Prescott` kernels on Intel processors newer
/// than it knows (CPUID model 207), five times slower there, and gives AMD's Zen 4 and 5, which
/// have AVX-512, the AVX2 `Haswell` kernels, a quarter slower on the convolutions
/// (scripts/PROFILE.md). It reads `OPENBLAS_CORETYPE` only when it selects its kernels, so the
/// selection is run again with the variable set; a variable set by the user wins.
private func configureOpenBLAS() {
    openblas_set_num_threads(1)
    guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil,
          let detected = openblas_get_corename().map({ String(cString: $0) }),
          let coreType = openBLASUpgrade(detected: detected, features: processorFeatures()) else { return }
    setenv("OPENBLAS_CORETYPE", coreType, 1)
    openblas_select_kernels()
    unsetenv("OPENBLAS_CORETYPE")
}

/// The kernel family to select instead of the `detected` one, or nil to keep it: the family of
/// `openBLASCoreType(features:)` when the detected one is a generic x86-64 family below it
/// (`Prescott` < `Sandybridge` < `Haswell`, `Zen` < `SkylakeX`). Families OpenBLAS picked for
/// a processor it knows better (`Cooperlake`, `SapphireRapids`, ...) are kept.
package func openBLASUpgrade(detected: String, features: Set<String>) -> String? {
    let rank = ["Prescott": 0, "Sandybridge": 1, "Haswell": 2, "Zen": 2, "SkylakeX": 3]
    guard let detectedRank = rank[detected], let preferred = openBLASCoreType(features: features),
          let preferredRank = rank[preferred], preferredRank > detectedRank else { return nil }
    return preferred
}

/// The OpenBLAS kernel family for a processor with these features (`/proc/cpuinfo` flags):
/// AVX-512 (`SkylakeX`), AVX2 with FMA (`Haswell`), AVX (`Sandybridge`), or nil for older ones.
package func openBLASCoreType(features: Set<String>) -> String? {
    if features.isSuperset(of: ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]) { return "SkylakeX" }
    if features.isSuperset(of: ["avx2", "fma"]) { return "Haswell" }
    if features.contains("avx") { return "Sandybridge" }
    return nil
}

/// The flags of the first processor in `/proc/cpuinfo`; empty where there is no such file.
package func processorFeatures() -> Set<String> {
    guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
          let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
          let colon = line.firstIndex(of: ":") else { return [] }
    return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
}
