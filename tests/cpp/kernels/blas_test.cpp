// kernels::gemm splits large products over wick's threads (one OpenBLAS call per
// piece). At every thread count the result must match a double-precision
// reference, for every transpose, for pieces that end inside the 16-row
// alignment, and without touching C outside its n columns. (The last bit can
// depend on the split: OpenBLAS's edge tiles round differently, as its own
// threading does.)
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "wick/kernels/cpu/blas.h"
#include "wick/wick.h"

namespace {
using wick::kernels::MatrixArg;

struct Case {
  int64_t m, n, k;
  bool ta, tb;
};

// op(X)[i][j] of a row-major stored matrix.
double at(const std::vector<float>& x, int64_t ld, bool trans, int64_t i, int64_t j) {
  return trans ? x[j * ld + i] : x[i * ld + j];
}

std::vector<float> run(const Case& c, int threads, const std::vector<float>& a,
                       const std::vector<float>& b, float beta, std::vector<float> out) {
  const int saved = wick::get_num_threads();
  wick::set_num_threads(threads);
  const int64_t lda = c.ta ? c.m : c.k, ldb = c.tb ? c.k : c.n;
  wick::kernels::gemm(wick::kFloat, c.m, c.n, c.k, 1.5, MatrixArg{a.data(), lda, c.ta},
                      MatrixArg{b.data(), ldb, c.tb}, beta, out.data(), c.n + 3);
  wick::set_num_threads(saved);
  return out;
}

TEST(Gemm, SplitOverThreadsMatchesTheReference) {
  const Case cases[] = {{200, 70, 90, false, false}, {70, 200, 90, false, true},
                        {131, 129, 64, true, false}, {37, 300, 50, true, true},
                        {300, 1, 400, false, false}, {1, 300, 400, true, true},
                        {64, 64, 64, false, false}};
  for (const Case& c : cases) {
    std::vector<float> a(c.m * c.k), b(c.k * c.n), c0(c.m * (c.n + 3));
    for (size_t i = 0; i < a.size(); ++i) a[i] = std::sin(0.37 * i) * 0.5f;
    for (size_t i = 0; i < b.size(); ++i) b[i] = std::cos(0.11 * i) - 0.25f;
    for (size_t i = 0; i < c0.size(); ++i) c0[i] = 0.01f * (i % 17);
    for (float beta : {0.0f, 0.5f}) {
      for (int threads : {1, 2, 3}) {
        const auto got = run(c, threads, a, b, beta, c0);
        const int64_t lda = c.ta ? c.m : c.k, ldb = c.tb ? c.k : c.n;
        for (int64_t i = 0; i < c.m; ++i) {
          for (int64_t j = 0; j < c.n; ++j) {
            double ref = 0;
            for (int64_t p = 0; p < c.k; ++p) ref += at(a, lda, c.ta, i, p) * at(b, ldb, c.tb, p, j);
            ref = 1.5 * ref + beta * c0[i * (c.n + 3) + j];
            ASSERT_NEAR(got[i * (c.n + 3) + j], ref, 1e-4 * (1 + std::fabs(ref)))
                << c.m << "x" << c.n << "x" << c.k << " threads " << threads << " at " << i << "," << j;
          }
          // The padding columns of C are not written.
          for (int64_t j = c.n; j < c.n + 3; ++j) ASSERT_EQ(got[i * (c.n + 3) + j], c0[i * (c.n + 3) + j]);
        }
      }
    }
  }
}

// NaN in C with beta == 0 is overwritten, in every piece.
TEST(Gemm, BetaZeroIgnoresNaNInEveryPiece) {
  const Case c{256, 32, 40, false, false};
  std::vector<float> a(c.m * c.k, 1.0f), b(c.k * c.n, 0.5f);
  std::vector<float> c0(c.m * (c.n + 3), std::nanf(""));
  const auto out = run(c, 2, a, b, 0.0f, c0);
  for (int64_t i = 0; i < c.m; ++i)
    for (int64_t j = 0; j < c.n; ++j) ASSERT_EQ(out[i * (c.n + 3) + j], 1.5f * 20.0f);
}
}  // namespace
