#ifndef CGEMM_H
#define CGEMM_H

#include <stdbool.h>

/// Whether this processor runs `cgemm_sgemm` (it needs AVX-512F).
bool cgemm_available(void);

/// C = op(A) op(B) + beta C for row-major matrices (beta = 0 never reads C), single-threaded,
/// with AVX-512 kernels: op(A) is m x k, op(B) is k x n, C is m x n with row stride ldc.
/// `transpose_a` and `transpose_b` say whether A and B are stored transposed. Only call it
/// where `cgemm_available()` is true. The order in which each scalar of C sums its products
/// depends on m, n and k alone, so a product gives the same bits every time.
void cgemm_sgemm(int m, int n, int k,
                 const float *a, int lda, bool transpose_a,
                 const float *b, int ldb, bool transpose_b,
                 float *c, int ldc, float beta);

#endif
