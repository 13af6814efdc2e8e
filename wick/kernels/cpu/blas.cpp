#include "wick/kernels/cpu/blas.h"

#include <cblas.h>

#include <algorithm>
#include <cstring>
#include <type_traits>
#include <vector>

#include "wick/core/dispatch.h"
#include "wick/core/half.h"
#include "wick/core/parallel.h"

namespace wick::kernels {
namespace {

// OpenBLAS runs on one thread per call; wick splits large products over its own
// (OpenMP) threads instead. With two pools -- OpenBLAS's pthreads and wick's
// OpenMP team -- each pool's idle threads spin after their work while the
// other pool's threads want the same cores; on 2 cores the MLP's backward spent
// half its time in libgomp's spin. One pool also means set_num_threads governs
// matmul and nested calls (a gemm inside parallel_for) never oversubscribe.
// The setting is global and shared with anything else in the process that uses
// OpenBLAS (PyTorch does not manage it), so it is checked on every call rather
// than set once; two threads writing the same value 1 is harmless.
void single_threaded_blas() {
  if (openblas_get_num_threads() != 1) openblas_set_num_threads(1);
}

template <typename T>
inline T elem(const MatrixArg& a, int64_t i, int64_t j) {
  const T* p = static_cast<const T*>(a.data);
  return a.trans ? p[j * a.ld + i] : p[i * a.ld + j];
}

// C <- beta * C (beta == 0 writes zeros, ignoring what C held).
template <typename T, typename S>
void scale_c(int64_t m, int64_t n, S beta, T* c, int64_t ldc) {
  for (int64_t i = 0; i < m; ++i) {
    T* row = c + i * ldc;
    if (beta == S(0)) {
      for (int64_t j = 0; j < n; ++j) row[j] = T(0);
    } else if (!(beta == S(1))) {
      for (int64_t j = 0; j < n; ++j) row[j] = static_cast<T>(beta * static_cast<S>(row[j]));
    }
  }
}

void cblas_gemm(float alpha, int m, int n, int k, const MatrixArg& a, const MatrixArg& b,
                float beta, float* c, int ldc) {
  const auto* A = static_cast<const float*>(a.data);
  const auto* B = static_cast<const float*>(b.data);
  if (n == 1) {
    cblas_sgemv(CblasRowMajor, a.trans ? CblasTrans : CblasNoTrans, a.trans ? k : m,
                a.trans ? m : k, alpha, A, a.ld, B, b.trans ? 1 : b.ld, beta, c, ldc);
  } else if (m == 1) {
    cblas_sgemv(CblasRowMajor, b.trans ? CblasNoTrans : CblasTrans, b.trans ? n : k,
                b.trans ? k : n, alpha, B, b.ld, A, a.trans ? a.ld : 1, beta, c, 1);
  } else {
    cblas_sgemm(CblasRowMajor, a.trans ? CblasTrans : CblasNoTrans,
                b.trans ? CblasTrans : CblasNoTrans, m, n, k, alpha, A, a.ld, B, b.ld, beta, c,
                ldc);
  }
}
void cblas_gemm(double alpha, int m, int n, int k, const MatrixArg& a, const MatrixArg& b,
                double beta, double* c, int ldc) {
  const auto* A = static_cast<const double*>(a.data);
  const auto* B = static_cast<const double*>(b.data);
  if (n == 1) {
    cblas_dgemv(CblasRowMajor, a.trans ? CblasTrans : CblasNoTrans, a.trans ? k : m,
                a.trans ? m : k, alpha, A, a.ld, B, b.trans ? 1 : b.ld, beta, c, ldc);
  } else if (m == 1) {
    cblas_dgemv(CblasRowMajor, b.trans ? CblasNoTrans : CblasTrans, b.trans ? n : k,
                b.trans ? k : n, alpha, B, b.ld, A, a.trans ? a.ld : 1, beta, c, 1);
  } else {
    cblas_dgemm(CblasRowMajor, a.trans ? CblasTrans : CblasNoTrans,
                b.trans ? CblasTrans : CblasNoTrans, m, n, k, alpha, A, a.ld, B, b.ld, beta, c,
                ldc);
  }
}

// A product below this many multiply-adds runs on one thread (OpenBLAS's own
// threading threshold).
constexpr int64_t kSmallGemm = 64 * 64 * 64;
// Pieces of a split product are whole multiples of this many rows/columns, so
// no piece ends in a partial register tile of the BLAS kernel.
constexpr int64_t kSplitAlign = 16;

// The operand's sub-matrix starting at row `r` (or column `c`) of op(X).
template <typename T>
MatrixArg rows_from(const MatrixArg& x, int64_t r) {
  const T* p = static_cast<const T*>(x.data);
  return {x.trans ? p + r : p + r * x.ld, x.ld, x.trans};
}
template <typename T>
MatrixArg cols_from(const MatrixArg& x, int64_t c) {
  const T* p = static_cast<const T*>(x.data);
  return {x.trans ? p + c * x.ld : p + c, x.ld, x.trans};
}

template <typename T>
void float_gemm(int64_t m, int64_t n, int64_t k, T alpha, const MatrixArg& a, const MatrixArg& b,
                T beta, T* c, int64_t ldc) {
  // BLAS does not read C when beta == 0 (NaN there does not leak), as the BLAS
  // standard says; with nothing to multiply, C is only scaled.
  if (k == 0 || alpha == T(0)) {
    scale_c(m, n, beta, c, ldc);
    return;
  }
  // Split the longer of C's two sides into one piece per thread; every element
  // of C is still one BLAS dot product over the whole of k, in the same order.
  const int64_t threads = in_parallel_region() ? 1 : get_num_threads();
  const bool split_rows = m >= n;
  const int64_t side = split_rows ? m : n;
  const int64_t pieces =
      std::min<int64_t>(threads, (side + kSplitAlign - 1) / kSplitAlign);
  if (pieces <= 1 || m * n * k <= kSmallGemm) {
    cblas_gemm(alpha, static_cast<int>(m), static_cast<int>(n), static_cast<int>(k), a, b,
               beta, c, static_cast<int>(ldc));
    return;
  }
  const int64_t per = ((side + kSplitAlign - 1) / kSplitAlign + pieces - 1) / pieces * kSplitAlign;
  parallel_for(0, pieces, 1, [&](int64_t p0, int64_t p1) {
    for (int64_t p = p0; p < p1; ++p) {
      const int64_t lo = p * per, hi = std::min(side, lo + per);
      if (lo >= hi) continue;
      if (split_rows) {
        cblas_gemm(alpha, static_cast<int>(hi - lo), static_cast<int>(n), static_cast<int>(k),
                   rows_from<T>(a, lo), b, beta, c + lo * ldc, static_cast<int>(ldc));
      } else {
        cblas_gemm(alpha, static_cast<int>(m), static_cast<int>(hi - lo), static_cast<int>(k), a,
                   cols_from<T>(b, lo), beta, c + lo, static_cast<int>(ldc));
      }
    }
  });
}

// Half/bfloat16: widen to float, multiply with sgemm, narrow the result.
template <typename T>
void half_gemm(int64_t m, int64_t n, int64_t k, float alpha, const MatrixArg& a,
               const MatrixArg& b, float beta, T* c, int64_t ldc) {
  std::vector<float> fa(m * k), fb(k * n), fc(m * n);
  for (int64_t i = 0; i < m; ++i)
    for (int64_t p = 0; p < k; ++p) fa[i * k + p] = static_cast<float>(elem<T>(a, i, p));
  for (int64_t p = 0; p < k; ++p)
    for (int64_t j = 0; j < n; ++j) fb[p * n + j] = static_cast<float>(elem<T>(b, p, j));
  if (beta != 0.f)
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) fc[i * n + j] = static_cast<float>(c[i * ldc + j]);
  float_gemm<float>(m, n, k, alpha, {fa.data(), std::max<int64_t>(k, 1), false},
                    {fb.data(), std::max<int64_t>(n, 1), false}, beta, fc.data(),
                    std::max<int64_t>(n, 1));
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) c[i * ldc + j] = static_cast<T>(fc[i * n + j]);
}

// out[j] += a * b[j]. Built for AVX2 as well as the baseline, picked at load
// time: the library is compiled for generic x86-64, where 32-bit vector
// multiplies are unavailable.
__attribute__((target_clones("avx2", "default"))) void madd_row(uint32_t* __restrict__ out,
                                                                const uint32_t* __restrict__ b,
                                                                uint32_t a, int64_t n) {
  for (int64_t j = 0; j < n; ++j) out[j] += a * b[j];
}
__attribute__((target_clones("avx2", "default"))) void madd_row(uint64_t* __restrict__ out,
                                                                const uint64_t* __restrict__ b,
                                                                uint64_t a, int64_t n) {
  for (int64_t j = 0; j < n; ++j) out[j] += a * b[j];
}

// Four rows at once: each loaded element of b feeds four accumulators.
__attribute__((target_clones("avx2", "default"))) void madd_rows4(
    uint32_t* __restrict__ o0, uint32_t* __restrict__ o1, uint32_t* __restrict__ o2,
    uint32_t* __restrict__ o3, const uint32_t* __restrict__ b, const uint32_t* a, int64_t n) {
  const uint32_t a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
  for (int64_t j = 0; j < n; ++j) {
    const uint32_t x = b[j];
    o0[j] += a0 * x;
    o1[j] += a1 * x;
    o2[j] += a2 * x;
    o3[j] += a3 * x;
  }
}
__attribute__((target_clones("avx2", "default"))) void madd_rows4(
    uint64_t* __restrict__ o0, uint64_t* __restrict__ o1, uint64_t* __restrict__ o2,
    uint64_t* __restrict__ o3, const uint64_t* __restrict__ b, const uint64_t* a, int64_t n) {
  const uint64_t a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
  for (int64_t j = 0; j < n; ++j) {
    const uint64_t x = b[j];
    o0[j] += a0 * x;
    o1[j] += a1 * x;
    o2[j] += a2 * x;
    o3[j] += a3 * x;
  }
}

// Integer product in unsigned arithmetic of the type's width (32 bits for the
// narrow types): wrap-around then matches PyTorch's after the final cast. B is
// packed row-major; blocking keeps a tile of B in cache while a few rows of A
// stream over it.
template <typename T>
void int_gemm(int64_t m, int64_t n, int64_t k, int64_t alpha, const MatrixArg& a,
              const MatrixArg& b, int64_t beta, T* c, int64_t ldc) {
  using Acc = std::conditional_t<sizeof(T) == 8, uint64_t, uint32_t>;
  using SAcc = std::conditional_t<sizeof(T) == 8, int64_t, int32_t>;
  if (m == 0 || n == 0) return;
  std::vector<Acc> packed_b(k * n);
  for (int64_t p = 0; p < k; ++p)
    for (int64_t j = 0; j < n; ++j)
      packed_b[p * n + j] = static_cast<Acc>(static_cast<SAcc>(elem<T>(b, p, j)));
  constexpr int64_t kRowBlock = 8, kDepthBlock = 128, kColBlock = 1024;
  const int64_t grain = std::max<int64_t>(1, 32768 / std::max<int64_t>(1, n * k));
  const Acc* B = packed_b.data();
  const Acc al = static_cast<Acc>(alpha), be = static_cast<Acc>(beta);
  parallel_for(0, m, grain, [&](int64_t row_begin, int64_t row_end) {
    std::vector<Acc> acc(kRowBlock * n);
    for (int64_t i0 = row_begin; i0 < row_end; i0 += kRowBlock) {
      const int64_t rows = std::min(kRowBlock, row_end - i0);
      std::fill(acc.begin(), acc.begin() + rows * n, Acc(0));
      for (int64_t p0 = 0; p0 < k; p0 += kDepthBlock) {
        const int64_t p1 = std::min(k, p0 + kDepthBlock);
        for (int64_t j0 = 0; j0 < n; j0 += kColBlock) {
          const int64_t j1 = std::min(n, j0 + kColBlock);
          int64_t r = 0;
          for (; r + 4 <= rows; r += 4) {
            Acc* o = acc.data() + r * n + j0;
            for (int64_t p = p0; p < p1; ++p) {
              const Acc av[4] = {
                  static_cast<Acc>(static_cast<SAcc>(elem<T>(a, i0 + r, p))),
                  static_cast<Acc>(static_cast<SAcc>(elem<T>(a, i0 + r + 1, p))),
                  static_cast<Acc>(static_cast<SAcc>(elem<T>(a, i0 + r + 2, p))),
                  static_cast<Acc>(static_cast<SAcc>(elem<T>(a, i0 + r + 3, p)))};
              madd_rows4(o, o + n, o + 2 * n, o + 3 * n, B + p * n + j0, av, j1 - j0);
            }
          }
          for (; r < rows; ++r) {
            for (int64_t p = p0; p < p1; ++p) {
              const Acc av = static_cast<Acc>(static_cast<SAcc>(elem<T>(a, i0 + r, p)));
              if (av != 0) madd_row(acc.data() + r * n + j0, B + p * n + j0, av, j1 - j0);
            }
          }
        }
      }
      for (int64_t r = 0; r < rows; ++r) {
        T* crow = c + (i0 + r) * ldc;
        const Acc* in = acc.data() + r * n;
        for (int64_t j = 0; j < n; ++j) {
          Acc v = al * in[j];
          if (beta != 0) v += be * static_cast<Acc>(static_cast<SAcc>(crow[j]));
          crow[j] = static_cast<T>(v);
        }
      }
    }
  });
}

void gemm_one(ScalarType dtype, int64_t m, int64_t n, int64_t k, const Scalar& alpha,
              const MatrixArg& a, const MatrixArg& b, const Scalar& beta, void* c, int64_t ldc) {
  if (m == 0 || n == 0) return;
  switch (dtype) {
    case kFloat:
      return float_gemm<float>(m, n, k, alpha.to<float>(), a, b, beta.to<float>(),
                               static_cast<float*>(c), ldc);
    case kDouble:
      return float_gemm<double>(m, n, k, alpha.to<double>(), a, b, beta.to<double>(),
                                static_cast<double*>(c), ldc);
    case kHalf:
      return half_gemm<Half>(m, n, k, alpha.to<float>(), a, b, beta.to<float>(),
                             static_cast<Half*>(c), ldc);
    case kBFloat16:
      return half_gemm<BFloat16>(m, n, k, alpha.to<float>(), a, b, beta.to<float>(),
                                 static_cast<BFloat16*>(c), ldc);
    default:
      return WICK_DISPATCH_INTEGRAL_TYPES(dtype, "addmm_impl_cpu_", [&] {
        int_gemm<scalar_t>(m, n, k, alpha.to<int64_t>(), a, b, beta.to<int64_t>(),
                           static_cast<scalar_t*>(c), ldc);
      });
  }
}

}  // namespace

void gemm(ScalarType dtype, int64_t m, int64_t n, int64_t k, const Scalar& alpha, MatrixArg a,
          MatrixArg b, const Scalar& beta, void* c, int64_t ldc) {
  single_threaded_blas();
  gemm_one(dtype, m, n, k, alpha, a, b, beta, c, ldc);
}

void gemm_batched(ScalarType dtype, int64_t batch, int64_t m, int64_t n, int64_t k,
                  const Scalar& alpha, MatrixArg a, int64_t stride_a, MatrixArg b,
                  int64_t stride_b, const Scalar& beta, void* c, int64_t ldc, int64_t stride_c) {
  if (batch == 0 || m == 0 || n == 0) return;
  single_threaded_blas();
  const int64_t item = element_size(dtype);
  auto run = [&](int64_t i) {
    MatrixArg ai{static_cast<const char*>(a.data) + i * stride_a * item, a.ld, a.trans};
    MatrixArg bi{static_cast<const char*>(b.data) + i * stride_b * item, b.ld, b.trans};
    gemm_one(dtype, m, n, k, alpha, ai, bi, beta, static_cast<char*>(c) + i * stride_c * item,
             ldc);
  };
  // Whole matrices per thread when there are enough of them (or they are too
  // small to split); otherwise one matrix at a time, each split over the threads.
  const int64_t work = m * n * std::max<int64_t>(k, 1);
  if (batch > 1 && is_floating_type(dtype) &&
      (work <= kSmallGemm || batch >= get_num_threads())) {
    const int64_t grain = std::max<int64_t>(1, kSmallGemm / work / 4);
    parallel_for(0, batch, grain, [&](int64_t b0, int64_t b1) {
      for (int64_t i = b0; i < b1; ++i) run(i);
    });
  } else {
    for (int64_t i = 0; i < batch; ++i) run(i);
  }
}

}  // namespace wick::kernels
