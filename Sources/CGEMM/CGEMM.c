// Single-precision matrix products with AVX-512, for the library's `sgemm` (Sources/Tensors/GEMM.swift).
//
// The loops follow BLIS's layout (Van Zee and van de Geijn, "BLIS: A Framework for Rapidly
// Instantiating BLAS Functionality", 2015), for row-major matrices:
// - B is copied, KC rows at a time, into panels of NR = 32 columns, each row of a panel 32
//   consecutive floats (two AVX-512 registers); columns past n are zeros;
// - A is read where it lies, through its row and column strides, a row of MR = 12 at a time;
// - the micro-kernel keeps a 12 x 32 block of C in 24 of the 32 registers and adds to it one
//   rank-one update per row of the panel: 12 broadcasts of A, two loads of B, 24 fused
//   multiply-adds.
// Every scalar of C sums its k products in order, KC at a time, so its bits depend only on the
// shape, never on timing or threads.

#include "CGEMM.h"

#include <immintrin.h>
#include <pthread.h>
#include <stdlib.h>

enum { MR = 12, NR = 32, KC = 384, NC = 512 };

#define AVX512 __attribute__((target("avx512f")))

bool cgemm_available(void) { return __builtin_cpu_supports("avx512f"); }

// MARK: - Packing B

/// Transposes the 16 x 16 block in `r`: afterwards r[c] holds what was column c.
AVX512 static inline void transpose16(__m512 r[16]) {
    __m512 t[16], u[16];
    for (int k = 0; k < 8; k++) {
        t[2 * k] = _mm512_unpacklo_ps(r[2 * k], r[2 * k + 1]);
        t[2 * k + 1] = _mm512_unpackhi_ps(r[2 * k], r[2 * k + 1]);
    }
    // u[4k + q] holds columns q, q + 4, q + 8, q + 12 (one per 128-bit lane) of rows 4k ... 4k + 3.
    for (int k = 0; k < 4; k++) {
        __m512d a = _mm512_castps_pd(t[4 * k]), b = _mm512_castps_pd(t[4 * k + 1]);
        __m512d c = _mm512_castps_pd(t[4 * k + 2]), d = _mm512_castps_pd(t[4 * k + 3]);
        u[4 * k + 0] = _mm512_castpd_ps(_mm512_unpacklo_pd(a, c));
        u[4 * k + 1] = _mm512_castpd_ps(_mm512_unpackhi_pd(a, c));
        u[4 * k + 2] = _mm512_castpd_ps(_mm512_unpacklo_pd(b, d));
        u[4 * k + 3] = _mm512_castpd_ps(_mm512_unpackhi_pd(b, d));
    }
    for (int q = 0; q < 4; q++) {
        __m512 s0 = _mm512_shuffle_f32x4(u[q], u[4 + q], 0x44), s1 = _mm512_shuffle_f32x4(u[q], u[4 + q], 0xEE);
        __m512 s2 = _mm512_shuffle_f32x4(u[8 + q], u[12 + q], 0x44), s3 = _mm512_shuffle_f32x4(u[8 + q], u[12 + q], 0xEE);
        r[q] = _mm512_shuffle_f32x4(s0, s2, 0x88);
        r[q + 4] = _mm512_shuffle_f32x4(s0, s2, 0xDD);
        r[q + 8] = _mm512_shuffle_f32x4(s1, s3, 0x88);
        r[q + 12] = _mm512_shuffle_f32x4(s1, s3, 0xDD);
    }
}

/// The mask of the first `count` (at most 16) lanes.
static inline __mmask16 firstLanes(int count) {
    return count >= 16 ? (__mmask16)0xFFFF : count <= 0 ? (__mmask16)0 : (__mmask16)((1u << count) - 1);
}

/// Copies rows 0 ..< kc, columns 0 ..< width of B (row p at b + p * ldb) into a panel.
AVX512 static void packRows(const float *b, long ldb, int kc, int width, float *panel) {
    __mmask16 low = firstLanes(width), high = firstLanes(width - 16);
    for (int p = 0; p < kc; p++, b += ldb, panel += NR) {
        _mm512_store_ps(panel, _mm512_maskz_loadu_ps(low, b));
        _mm512_store_ps(panel + 16, _mm512_maskz_loadu_ps(high, b + 16));
    }
}

/// Copies a B stored transposed (column j of B at b + j * ldb) into a panel, 16 x 16 at a time.
AVX512 static void packColumns(const float *b, long ldb, int kc, int width, float *panel) {
    __m512 r[16];
    for (int half = 0; half < NR / 16; half++) {
        for (int p = 0; p < kc; p += 16) {
            int count = kc - p < 16 ? kc - p : 16;
            __mmask16 mask = firstLanes(count);
            for (int i = 0; i < 16; i++) {
                int j = half * 16 + i;
                r[i] = j < width ? _mm512_maskz_loadu_ps(mask, b + j * ldb + p) : _mm512_setzero_ps();
            }
            transpose16(r);
            for (int c = 0; c < count; c++) _mm512_store_ps(panel + (p + c) * NR + half * 16, r[c]);
        }
    }
}

// MARK: - The micro-kernel

/// C[0 ..< rows, 0 ..< NR] = A[0 ..< rows, 0 ..< kc] • panel + beta C, with A's element (r, p) at
/// a[r * rs + p * cs] and the columns of C masked by `low` and `high`. Inlined with a constant
/// `rows`, so that the accumulators live in registers.
AVX512 static inline __attribute__((always_inline))
void microKernel(int rows, int kc, const float *a, long rs, long cs, const float *panel,
                 float *c, long ldc, __mmask16 low, __mmask16 high, float beta) {
    __m512 sum[MR][2];
    for (int r = 0; r < rows; r++) sum[r][0] = sum[r][1] = _mm512_setzero_ps();
    for (int p = 0; p < kc; p++, a += cs, panel += NR) {
        __m512 b0 = _mm512_load_ps(panel), b1 = _mm512_load_ps(panel + 16);
        for (int r = 0; r < rows; r++) {
            __m512 ar = _mm512_set1_ps(a[r * rs]);
            sum[r][0] = _mm512_fmadd_ps(ar, b0, sum[r][0]);
            sum[r][1] = _mm512_fmadd_ps(ar, b1, sum[r][1]);
        }
    }
    __m512 scale = _mm512_set1_ps(beta);
    for (int r = 0; r < rows; r++, c += ldc) {
        if (beta != 0) {
            sum[r][0] = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(low, c), scale, sum[r][0]);
            sum[r][1] = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(high, c + 16), scale, sum[r][1]);
        }
        _mm512_mask_storeu_ps(c, low, sum[r][0]);
        _mm512_mask_storeu_ps(c + 16, high, sum[r][1]);
    }
}

#define ROWS_CASE(n) case n: microKernel(n, kc, a, rs, cs, panel, c, ldc, low, high, beta); break;

/// `microKernel` for 1 to MR rows, each count compiled on its own.
AVX512 static void blockProduct(int rows, int kc, const float *a, long rs, long cs, const float *panel,
                                float *c, long ldc, int width, float beta) {
    __mmask16 low = firstLanes(width), high = firstLanes(width - 16);
    switch (rows) {
        ROWS_CASE(1) ROWS_CASE(2) ROWS_CASE(3) ROWS_CASE(4) ROWS_CASE(5) ROWS_CASE(6)
        ROWS_CASE(7) ROWS_CASE(8) ROWS_CASE(9) ROWS_CASE(10) ROWS_CASE(11) ROWS_CASE(12)
    }
}

// MARK: - The product

static pthread_key_t panelKey;
static pthread_once_t panelKeyOnce = PTHREAD_ONCE_INIT;
static void makePanelKey(void) { pthread_key_create(&panelKey, free); }

/// This thread's room for KC x NC packed floats, freed when the thread ends.
static float *threadPanels(void) {
    pthread_once(&panelKeyOnce, makePanelKey);
    float *panels = pthread_getspecific(panelKey);
    if (!panels) {
        panels = aligned_alloc(64, sizeof(float) * KC * NC);
        if (!panels) abort();
        pthread_setspecific(panelKey, panels);
    }
    return panels;
}

AVX512 void cgemm_sgemm(int m, int n, int k, const float *a, int lda, bool transpose_a,
                        const float *b, int ldb, bool transpose_b, float *c, int ldc, float beta) {
    if (m <= 0 || n <= 0 || k <= 0) return;
    float *panels = threadPanels();
    long rs = transpose_a ? 1 : lda, cs = transpose_a ? lda : 1;
    for (int jc = 0; jc < n; jc += NC) {
        int nc = n - jc < NC ? n - jc : NC, panelCount = (nc + NR - 1) / NR;
        for (int pc = 0; pc < k; pc += KC) {
            int kc = k - pc < KC ? k - pc : KC;
            for (int jp = 0; jp < panelCount; jp++) {
                int j = jc + jp * NR, width = nc - jp * NR < NR ? nc - jp * NR : NR;
                float *panel = panels + (long)jp * kc * NR;
                if (transpose_b) packColumns(b + (long)j * ldb + pc, ldb, kc, width, panel);
                else packRows(b + (long)pc * ldb + j, ldb, kc, width, panel);
            }
            float blockBeta = pc == 0 ? beta : 1;
            for (int i = 0; i < m; i += MR) {
                int rows = m - i < MR ? m - i : MR;
                const float *aBlock = a + i * rs + pc * cs;
                for (int jp = 0; jp < panelCount; jp++) {
                    int width = nc - jp * NR < NR ? nc - jp * NR : NR;
                    blockProduct(rows, kc, aBlock, rs, cs, panels + (long)jp * kc * NR,
                                 c + (long)i * ldc + jc + jp * NR, ldc, width, blockBeta);
                }
            }
        }
    }
}
