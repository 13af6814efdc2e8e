// The per-ISA contiguous reduction loops (wick/kernels/cpu/reduce.h,
// kernels::simd) under every capability the CPU has, against scalar and
// long-double references: odd lengths and tails, NaN / inf / -0.0, the
// first-occurrence rule of argmax/argmin; and the ops that use them
// (sum/mean/amax/max(dim)/argmax) end to end, with their empty-input errors.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "test_utils.h"
#include "wick/core/cpu_capability.h"
#include "wick/kernels/cpu/reduce.h"
#include "wick/ops/creation.h"
#include "wick/ops/reduce.h"

namespace {
using namespace wick;
namespace simd = wick::kernels::simd;

// Runs the body at each capability the processor supports, then restores.
class ReduceSimdTest : public ::testing::TestWithParam<CpuCapability> {
 protected:
  void SetUp() override {
    before_ = cpu_capability();
    if (set_cpu_capability(GetParam()) != GetParam())
      GTEST_SKIP() << cpu_capability_name(GetParam()) << " not supported here";
  }
  void TearDown() override { set_cpu_capability(before_); }
  CpuCapability before_ = CpuCapability::Default;
};

const std::vector<int64_t> kLengths = {0,  1,  2,   3,   5,   7,    8,    15,   16,   17,  31,
                                       32, 33, 63,  64,  65,  100,  127,  128,  129,  255, 257,
                                       511, 1000, 1023, 1024, 1025, 2047, 2049, 4097, 10007};

template <typename T>
std::vector<T> random_values(int64_t n, uint32_t seed, double lo = -1, double hi = 1) {
  std::mt19937 g(seed);
  std::uniform_real_distribution<double> u(lo, hi);
  std::vector<T> v(static_cast<size_t>(n));
  for (auto& x : v) x = static_cast<T>(u(g));
  return v;
}
// Few distinct values: many ties for the first-occurrence rule.
template <typename T>
std::vector<T> tied_values(int64_t n, uint32_t seed) {
  std::mt19937 g(seed);
  std::uniform_int_distribution<int> u(-3, 3);
  std::vector<T> v(static_cast<size_t>(n));
  for (auto& x : v) x = static_cast<T>(u(g));
  return v;
}

// The scalar loop the default copy must match bit for bit: 16 lanes, the tail
// into the first lanes, a pairwise tree.
template <typename T>
T sixteen_lane_sum(const T* p, int64_t n) {
  T lane[16] = {};
  int64_t i = 0;
  for (; i + 16 <= n; i += 16)
    for (int j = 0; j < 16; ++j) lane[j] += p[i + j];
  for (int j = 0; i < n; ++i, ++j) lane[j] += p[i];
  for (int w = 8; w > 0; w /= 2)
    for (int j = 0; j < w; ++j) lane[j] += lane[j + w];
  return lane[0];
}

template <typename T, bool IsMax>
simd::ArgResult<T> scalar_arg(const std::vector<T>& v) {
  simd::ArgResult<T> best{v[0], 0};
  for (size_t i = 1; i < v.size(); ++i) {
    const T x = v[i];
    if (std::isnan(best.value)) break;
    if (std::isnan(x) || (IsMax ? x > best.value : x < best.value))
      best = {x, static_cast<int64_t>(i)};
  }
  return best;
}

template <typename T, bool IsMax>
T scalar_extreme(const std::vector<T>& v) {
  T r = IsMax ? -std::numeric_limits<T>::infinity() : std::numeric_limits<T>::infinity();
  for (T x : v) {
    if (std::isnan(x)) return x;
    r = (IsMax ? x > r : x < r) ? x : r;
  }
  return r;
}

template <typename T>
void check_sum(int64_t n, uint32_t seed) {
  auto v = random_values<T>(n, seed);
  long double ref = 0, mag = 0;
  for (T x : v) {
    ref += x;
    mag += std::fabs(static_cast<long double>(x));
  }
  const T got = simd::sum(v.data(), n);
  // Each lane sums at most ceil(n/16) elements, then a tree of depth <= 6.
  const long double eps = std::numeric_limits<T>::epsilon();
  const long double bound = (n / 16 + 8) * eps * mag + std::numeric_limits<T>::min();
  EXPECT_LE(std::fabs(static_cast<long double>(got) - ref), bound) << "n=" << n;
  if (cpu_capability() == CpuCapability::Default)
    EXPECT_EQ(got, sixteen_lane_sum(v.data(), n)) << "n=" << n;
}

TEST_P(ReduceSimdTest, SumMatchesLongDoubleReference) {
  for (int64_t n : kLengths) {
    check_sum<float>(n, static_cast<uint32_t>(n + 1));
    check_sum<double>(n, static_cast<uint32_t>(n + 7));
  }
}

TEST_P(ReduceSimdTest, SumPropagatesNaNAndInf) {
  for (int64_t n : {1, 17, 100, 1025}) {
    for (int64_t at : {int64_t{0}, n / 2, n - 1}) {
      auto v = random_values<float>(n, 3);
      v[at] = std::numeric_limits<float>::quiet_NaN();
      EXPECT_TRUE(std::isnan(simd::sum(v.data(), n))) << n << " " << at;
      v[at] = std::numeric_limits<float>::infinity();
      EXPECT_EQ(simd::sum(v.data(), n), std::numeric_limits<float>::infinity());
      if (n > 1) {
        v[(at + 1) % n] = -std::numeric_limits<float>::infinity();
        EXPECT_TRUE(std::isnan(simd::sum(v.data(), n)));  // inf + -inf
      }
    }
  }
}

template <typename T>
void check_extreme_arg(const std::vector<T>& v, const char* what) {
  const int64_t n = static_cast<int64_t>(v.size());
  const T mx = simd::extreme<T, true>(v.data(), n), mn = simd::extreme<T, false>(v.data(), n);
  const T emx = scalar_extreme<T, true>(v), emn = scalar_extreme<T, false>(v);
  if (std::isnan(emx)) {
    EXPECT_TRUE(std::isnan(mx)) << what << " n=" << n;
    EXPECT_TRUE(std::isnan(mn)) << what << " n=" << n;
  } else {
    EXPECT_EQ(mx, emx) << what << " n=" << n;
    EXPECT_EQ(mn, emn) << what << " n=" << n;
  }
  if (n == 0) return;
  auto a = simd::arg_extreme<T, true>(v.data(), n);
  auto ea = scalar_arg<T, true>(v);
  EXPECT_EQ(a.index, ea.index) << what << " argmax n=" << n;
  auto b = simd::arg_extreme<T, false>(v.data(), n);
  auto eb = scalar_arg<T, false>(v);
  EXPECT_EQ(b.index, eb.index) << what << " argmin n=" << n;
  if (!std::isnan(ea.value)) {
    // the value reported is the element at the index (so -0.0 vs 0.0 is kept)
    EXPECT_EQ(std::signbit(a.value), std::signbit(v[a.index])) << what;
    EXPECT_EQ(a.value, ea.value) << what;
    EXPECT_EQ(b.value, eb.value) << what;
  } else {
    EXPECT_TRUE(std::isnan(a.value)) << what;
  }
}

template <typename T>
void extreme_suite() {
  const T nan = std::numeric_limits<T>::quiet_NaN(), inf = std::numeric_limits<T>::infinity();
  for (int64_t n : kLengths) {
    const uint32_t s = static_cast<uint32_t>(n);
    check_extreme_arg(random_values<T>(n, s), "random");
    check_extreme_arg(tied_values<T>(n, s + 1), "ties");
    std::vector<T> up(static_cast<size_t>(n)), down(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
      up[i] = static_cast<T>(i);
      down[i] = static_cast<T>(-i);
    }
    check_extreme_arg(up, "increasing");
    check_extreme_arg(down, "decreasing");
    check_extreme_arg(std::vector<T>(static_cast<size_t>(n), -inf), "all -inf");
    check_extreme_arg(std::vector<T>(static_cast<size_t>(n), inf), "all +inf");
    if (n == 0) continue;
    // zeros of both signs: the first zero wins whatever its sign
    std::vector<T> z(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) z[i] = (i * 7 % 3 == 0) ? T(-0.0) : T(0.0);
    check_extreme_arg(z, "signed zeros");
    z[0] = T(0.0);
    check_extreme_arg(z, "signed zeros 2");
    for (int64_t at : {int64_t{0}, n / 3, n / 2, n - 1}) {
      auto v = tied_values<T>(n, s + 2);
      v[at] = nan;
      check_extreme_arg(v, "one NaN");
      if (at + 5 < n) {
        v[at + 5] = nan;
        check_extreme_arg(v, "two NaNs");  // the first NaN's index
      }
      v[at] = inf;
      check_extreme_arg(v, "inf and NaN");
    }
  }
}

TEST_P(ReduceSimdTest, ExtremeAndArgFloat) { extreme_suite<float>(); }
TEST_P(ReduceSimdTest, ExtremeAndArgDouble) { extreme_suite<double>(); }

// ---- the ops on top -----------------------------------------------------------------

Tensor from_vector(const std::vector<float>& v, IntArrayRef shape) {
  Tensor t = empty(shape, TensorOptions(kFloat));
  std::copy(v.begin(), v.end(), t.data_ptr<float>());
  return t;
}

TEST_P(ReduceSimdTest, OpsAlongEachDim) {
  for (auto [r, c] : {std::pair<int64_t, int64_t>{37, 129}, {5, 1000}, {130, 3}, {1, 4099}}) {
    auto v = tied_values<float>(r * c, static_cast<uint32_t>(r * c));
    for (auto& x : v) x += 0.25f * static_cast<float>(&x - v.data()) / static_cast<float>(r * c);
    if (r > 2) v[static_cast<size_t>(c + 1)] = std::numeric_limits<float>::quiet_NaN();
    Tensor x = from_vector(v, {r, c});
    Tensor xd = x.to(kDouble);
    for (int64_t d : {0, 1}) {
      EXPECT_TRUE(test::tensors_close(x.sum({d}), xd.sum({d}).to(kFloat), 1e-5, 1e-5));
      EXPECT_TRUE(test::tensors_close(x.mean({d}), xd.mean({d}).to(kFloat), 1e-5, 1e-5));
      EXPECT_TRUE(test::tensors_close(x.amax({d}), xd.amax({d}).to(kFloat), 0, 0));
      auto [mv, mi] = x.max(d);
      auto [ev, ei] = xd.max(d);
      EXPECT_TRUE(test::tensors_close(mv, ev.to(kFloat), 0, 0));
      EXPECT_TRUE(test::tensors_close(mi, ei, 0, 0));
      EXPECT_TRUE(test::tensors_close(x.argmin(d), xd.argmin(d), 0, 0));
      // non-contiguous input: the generic loops
      Tensor xt = x.t();
      EXPECT_TRUE(test::tensors_close(xt.argmax(1 - d), xd.argmax(d), 0, 0));
    }
    EXPECT_TRUE(test::tensors_close(x.sum(), xd.sum().to(kFloat), 1e-5, 1e-5));
    EXPECT_TRUE(test::tensors_close(x.max(), xd.max().to(kFloat), 0, 0));
    EXPECT_TRUE(test::tensors_close(x.argmax(), xd.argmax(), 0, 0));
    EXPECT_TRUE(test::tensors_close(x.argmin(), xd.argmin(), 0, 0));
  }
}

// Outer mode (dim 0 of a row-major matrix) with rows wider than one tile of
// accumulators, at 1 and 2 threads (the 2-thread run splits the rows when
// there are few tiles).
TEST_P(ReduceSimdTest, OuterModeWideRows) {
  const int before = get_num_threads();
  for (int threads : {1, 2}) {
    set_num_threads(threads);
    for (auto [r, c] : {std::pair<int64_t, int64_t>{300, 5000}, {70, 4096}, {1030, 17}}) {
      auto v = tied_values<float>(r * c, static_cast<uint32_t>(r + c));
      for (size_t i = 0; i < v.size(); ++i) v[i] += 0.001f * static_cast<float>(i % 13);
      Tensor x = from_vector(v, {r, c});
      Tensor xd = x.to(kDouble);
      EXPECT_TRUE(test::tensors_close(x.sum({0}), xd.sum({0}).to(kFloat), 1e-5, 1e-4)) << threads;
      EXPECT_TRUE(test::tensors_close(x.mean({0}), xd.mean({0}).to(kFloat), 1e-5, 1e-5)) << threads;
      EXPECT_TRUE(test::tensors_close(x.amax({0}), xd.amax({0}).to(kFloat), 0, 0)) << threads;
      EXPECT_TRUE(test::tensors_close(x.argmax(0), xd.argmax(0), 0, 0)) << threads;
      EXPECT_TRUE(test::tensors_close(xd.sum({0}), xd.t().contiguous().sum({1}), 1e-12, 1e-9));
    }
  }
  set_num_threads(before);
}

TEST_P(ReduceSimdTest, LargeSumStaysAccurate) {
  // 1 + 2^24 ones: a naive float loop stalls at 2^24.
  const int64_t n = (int64_t{1} << 24) + 1;
  Tensor x = ones({n}, TensorOptions(kFloat));
  EXPECT_EQ(x.sum().item<float>(), static_cast<float>(n));
  EXPECT_EQ(x.reshape({1, n}).sum({1}).item<float>(), static_cast<float>(n));
  // argmax over a large run, split across threads: the first of the ties
  Tensor y = zeros({n}, TensorOptions(kFloat));
  y.narrow(0, n - 10, 3).fill_(2.0);
  y.narrow(0, n / 2 + 3, 1).fill_(2.0);
  EXPECT_EQ(y.argmax().item<int64_t>(), n / 2 + 3);
  y.narrow(0, n - 2, 1).fill_(std::numeric_limits<double>::quiet_NaN());
  EXPECT_EQ(y.argmax().item<int64_t>(), n - 2);
  EXPECT_EQ(y.argmin().item<int64_t>(), n - 2);
}

TEST_P(ReduceSimdTest, EmptyReductionErrors) {
  Tensor e = empty({0, 3}, TensorOptions(kFloat));
  WICK_EXPECT_THROW_MSG(e.max(), Error, "Expected reduction dim to be specified for input.numel() == 0");
  WICK_EXPECT_THROW_MSG(e.argmax(0), IndexError, "Expected reduction dim 0 to have non-zero size");
  WICK_EXPECT_THROW_MSG(e.amax({0}), IndexError, "Expected reduction dim 0 to have non-zero size");
  EXPECT_EQ(e.argmax(1).numel(), 0);
  EXPECT_TRUE(test::tensors_close(e.sum({0}), zeros({3}, TensorOptions(kFloat)), 0, 0));
}

INSTANTIATE_TEST_SUITE_P(ReduceSimd, ReduceSimdTest,
                         ::testing::Values(CpuCapability::Default, CpuCapability::AVX2,
                                           CpuCapability::AVX512),
                         [](const auto& info) { return std::string(cpu_capability_name(info.param)); });

}  // namespace
