// The float last-dim softmax / log_softmax rows (and their backward) under every
// capability the CPU has (set_cpu_capability), against a double reference
// computed here: odd row lengths around the vector widths, -inf / +inf / NaN
// entries, empty shapes, other dims and dtypes through the generic kernels.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "test_utils.h"
#include "wick/core/cpu_capability.h"
#include "wick/ops/creation.h"
#include "wick/ops/loss.h"

namespace {
using namespace wick;

class SoftmaxSimdTest : public ::testing::TestWithParam<CpuCapability> {
 protected:
  void SetUp() override {
    before_ = cpu_capability();
    if (set_cpu_capability(GetParam()) != GetParam())
      GTEST_SKIP() << cpu_capability_name(GetParam()) << " not supported here";
  }
  void TearDown() override { set_cpu_capability(before_); }
  CpuCapability before_ = CpuCapability::Default;
};

Tensor random_rows(int64_t rows, int64_t n, uint32_t seed, double scale = 4) {
  std::mt19937 g(seed);
  std::normal_distribution<double> d(0, scale);
  Tensor t = empty({rows, n}, TensorOptions(kFloat));
  float* p = t.data_ptr<float>();
  for (int64_t i = 0; i < rows * n; ++i) p[i] = static_cast<float>(d(g));
  return t;
}

// Reference in double, rows of the last dim.
Tensor ref_softmax(const Tensor& x, bool log) {
  Tensor xd = x.to(kDouble).contiguous();
  const int64_t n = x.size(-1), rows = n ? x.numel() / n : 0;
  Tensor y = empty(xd.sizes(), TensorOptions(kDouble));
  const double* xp = xd.data_ptr<double>();
  double* yp = y.data_ptr<double>();
  for (int64_t r = 0; r < rows; ++r) {
    double m = -INFINITY, s = 0;
    for (int64_t j = 0; j < n; ++j) m = std::max(m, xp[r * n + j]);
    for (int64_t j = 0; j < n; ++j) s += std::exp(xp[r * n + j] - m);
    for (int64_t j = 0; j < n; ++j) {
      const double v = xp[r * n + j];
      yp[r * n + j] = log ? v - m - std::log(s) : std::exp(v - m) / s;
      if (std::isnan(v) || std::isnan(m)) yp[r * n + j] = NAN;
    }
    bool any_nan = false;
    for (int64_t j = 0; j < n; ++j) any_nan |= std::isnan(xp[r * n + j]);
    if (any_nan)
      for (int64_t j = 0; j < n; ++j) yp[r * n + j] = NAN;
  }
  return y.to(kFloat);
}

const std::vector<int64_t> kRowLengths = {1, 2, 3, 7, 15, 16, 17, 31, 33, 63, 64, 65, 100, 257, 1000, 1024, 1025};

TEST_P(SoftmaxSimdTest, RowsMatchDoubleReference) {
  for (int64_t n : kRowLengths) {
    Tensor x = random_rows(9, n, static_cast<uint32_t>(n));
    EXPECT_TRUE(test::tensors_close(softmax(x, -1), ref_softmax(x, false), 2e-6, 1e-7)) << n;
    EXPECT_TRUE(test::tensors_close(log_softmax(x, -1), ref_softmax(x, true), 1e-6, 2e-6)) << n;
    Tensor s = softmax(x, 1).sum({1});
    EXPECT_TRUE(test::tensors_close(s, ones({9}, TensorOptions(kFloat)), 2e-6, 2e-6)) << n;
  }
}

TEST_P(SoftmaxSimdTest, ManyRowsSplitOverThreads) {
  Tensor x = random_rows(700, 129, 5);
  EXPECT_TRUE(test::tensors_close(softmax(x, 1), ref_softmax(x, false), 2e-6, 1e-7));
  EXPECT_TRUE(test::tensors_close(log_softmax(x, -1), ref_softmax(x, true), 1e-6, 2e-6));
}

TEST_P(SoftmaxSimdTest, InfAndNaNEntries) {
  const float inf = std::numeric_limits<float>::infinity(), nan = std::numeric_limits<float>::quiet_NaN();
  for (int64_t n : {5, 17, 70}) {
    Tensor x = random_rows(4, n, 11);
    float* p = x.data_ptr<float>();
    p[0 * n + n / 2] = -inf;           // row 0: one -inf -> probability 0
    for (int64_t j = 0; j < n; ++j) p[1 * n + j] = -inf;  // row 1: all -inf -> NaN
    p[2 * n + n - 1] = nan;            // row 2: NaN -> NaN row
    p[3 * n + 1] = inf;                // row 3: +inf -> NaN row (inf - inf)
    Tensor y = softmax(x, -1), ly = log_softmax(x, -1);
    EXPECT_EQ(y[0][n / 2].item<float>(), 0.0f);
    EXPECT_EQ(ly[0][n / 2].item<float>(), -inf);
    for (int r = 1; r < 4; ++r)
      for (int64_t j = 0; j < n; ++j) {
        EXPECT_TRUE(std::isnan(y[r][j].item<float>())) << r << " " << j;
        EXPECT_TRUE(std::isnan(ly[r][j].item<float>())) << r << " " << j;
      }
    EXPECT_TRUE(test::tensors_close(y[0], ref_softmax(x[0].unsqueeze(0), false)[0], 2e-6, 1e-7));
  }
}

TEST_P(SoftmaxSimdTest, BackwardRows) {
  for (int64_t n : {1, 3, 16, 17, 100, 1025}) {
    Tensor x = random_rows(6, n, static_cast<uint32_t>(n + 3));
    Tensor g = random_rows(6, n, static_cast<uint32_t>(n + 4), 1);
    Tensor y = softmax(x, -1), ly = log_softmax(x, -1);
    Tensor yd = y.to(kDouble), lyd = ly.to(kDouble), gd = g.to(kDouble);
    Tensor e1 = (yd * (gd - (gd * yd).sum({1}, true))).to(kFloat);
    Tensor e2 = (gd - lyd.exp() * gd.sum({1}, true)).to(kFloat);
    EXPECT_TRUE(test::tensors_close(_softmax_backward_data(g, y, 1), e1, 1e-5, 1e-6)) << n;
    EXPECT_TRUE(test::tensors_close(_log_softmax_backward_data(g, ly, -1), e2, 1e-5, 1e-5)) << n;
  }
}

TEST_P(SoftmaxSimdTest, OtherDimsDtypesAndEmpty) {
  Tensor x = random_rows(33, 19, 8);
  // dim 0 (the column kernel) agrees with the row kernel on the transpose
  EXPECT_TRUE(test::tensors_close(softmax(x, 0), softmax(x.t().contiguous(), 1).t(), 1e-6, 1e-7));
  EXPECT_TRUE(test::tensors_close(log_softmax(x, 0), log_softmax(x.t().contiguous(), 1).t(), 1e-6, 1e-6));
  // a non-contiguous input along the last dim
  EXPECT_TRUE(test::tensors_close(softmax(x.t(), 1), softmax(x, 0).t(), 1e-6, 1e-7));
  // double keeps its own kernel
  EXPECT_TRUE(test::tensors_close(softmax(x.to(kDouble), 1).to(kFloat), ref_softmax(x, false), 1e-6, 1e-7));
  // bfloat16 computes in float
  Tensor xb = x.to(kBFloat16);
  EXPECT_TRUE(test::tensors_close(softmax(xb, 1), softmax(xb.to(kFloat), 1).to(kBFloat16), 0, 0));
  EXPECT_EQ(softmax(empty({0, 5}, TensorOptions(kFloat)), 1).numel(), 0);
  EXPECT_EQ(log_softmax(empty({4, 0}, TensorOptions(kFloat)), 1).sizes(), IntArrayRef({4, 0}));
  Tensor s = softmax(full({}, 3.0, TensorOptions(kFloat)), 0);
  EXPECT_EQ(s.item<float>(), 1.0f);
  WICK_EXPECT_THROW_MSG(softmax(x, 2), IndexError, "Dimension out of range");
}

INSTANTIATE_TEST_SUITE_P(SoftmaxSimd, SoftmaxSimdTest,
                         ::testing::Values(CpuCapability::Default, CpuCapability::AVX2,
                                           CpuCapability::AVX512),
                         [](const auto& info) { return std::string(cpu_capability_name(info.param)); });

}  // namespace
