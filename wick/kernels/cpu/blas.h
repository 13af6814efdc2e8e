#pragma once
// Matrix products on raw memory: float/double go to OpenBLAS, half/bfloat16
// compute in float through it, integer dtypes use a blocked fallback kernel.
// OpenBLAS runs on one thread per call; products above 64^3 multiply-adds are
// split over wick's threads (parallel_for), so one thread pool serves both.
// Matrices are row-major with a leading dimension (elements between rows);
// `trans` means the stored matrix is the transpose of the operand.
#include <cstdint>

#include "wick/core/dtype.h"
#include "wick/core/scalar.h"

namespace wick::kernels {

struct MatrixArg {
  const void* data;
  int64_t ld;     // elements between consecutive stored rows
  bool trans;     // operand = stored^T
};

// C[m, n] = alpha * A[m, k] @ B[k, n] + beta * C, C row-major with leading dim ldc.
// beta == 0 overwrites C without reading it (NaN in C does not propagate).
void gemm(ScalarType dtype, int64_t m, int64_t n, int64_t k, const Scalar& alpha, MatrixArg a,
          MatrixArg b, const Scalar& beta, void* c, int64_t ldc);

// `batch` independent gemms; a/b/c advance by their batch strides (elements).
// Runs whole matrices per thread when there are at least as many as threads or
// they are small; otherwise one after another, each split over the threads.
void gemm_batched(ScalarType dtype, int64_t batch, int64_t m, int64_t n, int64_t k,
                  const Scalar& alpha, MatrixArg a, int64_t stride_a, MatrixArg b,
                  int64_t stride_b, const Scalar& beta, void* c, int64_t ldc, int64_t stride_c);

}  // namespace wick::kernels
