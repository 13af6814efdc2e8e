// Accuracy of the branch-free vectorisable math (wick/kernels/cpu/vec_math.h)
// against libm evaluated in higher precision: float exp vs std::exp in double,
// double exp vs std::exp in long double. Plus the specials (zeros, denormals,
// infinities, NaN, overflow/underflow thresholds) exactly.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

#include "wick/kernels/cpu/vec_math.h"
#include "wick/wick.h"

namespace {

namespace vec = wick::kernels::vec;

// |got - exact| in units of the ulp of the float/double nearest to `exact`.
template <typename T, typename W>
double ulp_error(T got, W exact) {
  const T rounded = static_cast<T>(exact);
  const T a = std::fabs(rounded);
  T ulp = std::nextafter(a, std::numeric_limits<T>::infinity()) - a;
  if (std::isinf(ulp)) ulp = a - std::nextafter(a, T(0));
  return static_cast<double>(std::fabs(static_cast<W>(got) - exact) / static_cast<W>(ulp));
}

// Results that are inf/0/NaN after rounding must match exactly; otherwise the
// error in ulps is returned (0 for exact matches of the specials).
template <typename T, typename W>
double check_one(T x, T got, W exact) {
  const T rounded = static_cast<T>(exact);
  if (std::isnan(x)) {
    EXPECT_TRUE(std::isnan(got)) << "x=" << x;
    return 0;
  }
  if (std::isinf(rounded) || rounded == T(0)) {
    EXPECT_EQ(got, rounded) << "x=" << x;
    return 0;
  }
  return ulp_error(got, exact);
}

TEST(VecMath, FloatExpSweep) {
  double max_ulp = 0;
  float worst = 0;
  // Every 997th bit pattern: covers both signs, denormals, normals, inf, NaN.
  for (uint64_t b = 0; b <= 0xFFFFFFFFull; b += 997) {
    const float x = std::bit_cast<float>(static_cast<uint32_t>(b));
    const double u = check_one(x, vec::exp(x), std::exp(static_cast<double>(x)));
    if (u > max_ulp) {
      max_ulp = u;
      worst = x;
    }
  }
  // Dense sweep where the result is finite and nonzero.
  for (float x = -104.0f; x < 89.0f; x += 0.0037f) {
    const double u = check_one(x, vec::exp(x), std::exp(static_cast<double>(x)));
    if (u > max_ulp) {
      max_ulp = u;
      worst = x;
    }
  }
  EXPECT_LE(max_ulp, 2.0) << "worst at x=" << worst;
  EXPECT_GT(max_ulp, 0.0);  // the sweep did compare something inexact
}

TEST(VecMath, FloatExpSpecials) {
  using L = std::numeric_limits<float>;
  EXPECT_EQ(vec::exp(0.0f), 1.0f);
  EXPECT_EQ(vec::exp(-0.0f), 1.0f);
  EXPECT_EQ(vec::exp(L::denorm_min()), 1.0f);
  EXPECT_EQ(vec::exp(-L::denorm_min()), 1.0f);
  EXPECT_EQ(vec::exp(L::infinity()), L::infinity());
  EXPECT_EQ(vec::exp(-L::infinity()), 0.0f);
  EXPECT_TRUE(std::isnan(vec::exp(L::quiet_NaN())));
  EXPECT_TRUE(std::isnan(vec::exp(-L::quiet_NaN())));
  EXPECT_EQ(vec::exp(L::max()), L::infinity());
  EXPECT_EQ(vec::exp(L::lowest()), 0.0f);
  EXPECT_EQ(vec::exp(L::min()), 1.0f);
  EXPECT_EQ(vec::exp(1.0f), std::exp(1.0f));
  // Overflow threshold: 88.72283 is finite, the next floats above overflow.
  for (float x : {88.0f, 88.5f, 88.72283f, 88.72284f, 88.7229f, 89.0f, 100.0f, 1e30f}) {
    EXPECT_EQ(vec::exp(x), static_cast<float>(std::exp(static_cast<double>(x)))) << x;
  }
  // Underflow: denormal results down to the last one, then 0.
  for (float x : {-87.3f, -87.34f, -88.0f, -100.0f, -103.0f, -103.27893f, -103.9720f,
                  -103.97208f, -103.9721f, -104.0f, -200.0f, -1e30f}) {
    const double e = std::exp(static_cast<double>(x));
    const float got = vec::exp(x);
    // One rounding into the denormal range: at most one denormal step off.
    EXPECT_LE(std::fabs(static_cast<double>(got) - e), static_cast<double>(L::denorm_min())) << x;
  }
  EXPECT_EQ(vec::exp(-103.98f), 0.0f);
  EXPECT_GT(vec::exp(-103.27893f), 0.0f);
}

TEST(VecMath, DoubleExpSweep) {
  double max_ulp = 0;
  double worst = 0;
  // Bit patterns spread over the whole range (a large odd stride), both signs.
  for (uint64_t b = 0; b < 0xFFF0000000000000ull; b += 0x0000123456789ABDull) {
    const double x = std::bit_cast<double>(b);
    const double u = check_one(x, vec::exp(x), std::exp(static_cast<long double>(x)));
    if (u > max_ulp) {
      max_ulp = u;
      worst = x;
    }
  }
  for (double x = -746.0; x < 710.0; x += 0.0123) {
    const double u = check_one(x, vec::exp(x), std::exp(static_cast<long double>(x)));
    if (u > max_ulp) {
      max_ulp = u;
      worst = x;
    }
  }
  EXPECT_LE(max_ulp, 2.0) << "worst at x=" << worst;
  EXPECT_GT(max_ulp, 0.0);
}

TEST(VecMath, DoubleExpSpecials) {
  using L = std::numeric_limits<double>;
  EXPECT_EQ(vec::exp(0.0), 1.0);
  EXPECT_EQ(vec::exp(-0.0), 1.0);
  EXPECT_EQ(vec::exp(L::denorm_min()), 1.0);
  EXPECT_EQ(vec::exp(L::infinity()), L::infinity());
  EXPECT_EQ(vec::exp(-L::infinity()), 0.0);
  EXPECT_TRUE(std::isnan(vec::exp(L::quiet_NaN())));
  EXPECT_EQ(vec::exp(L::max()), L::infinity());
  EXPECT_EQ(vec::exp(L::lowest()), 0.0);
  EXPECT_EQ(vec::exp(709.78), std::exp(709.78));
  EXPECT_EQ(vec::exp(709.79), L::infinity());
  EXPECT_EQ(vec::exp(-745.2), 0.0);
  EXPECT_EQ(vec::exp(-745.13), L::denorm_min());
  EXPECT_GT(vec::exp(-740.0), 0.0);
  EXPECT_LE(std::fabs(vec::exp(-740.0) - std::exp(-740.0)), L::denorm_min());
}

// The op uses it: wick::exp / sigmoid on a large contiguous float tensor match
// libm within 2 ulp, and the specials come through the tensor path.
TEST(VecMath, ExpOpUsesIt) {
  const int64_t n = 100003;
  auto t = wick::empty({n}, wick::TensorOptions().dtype(wick::kFloat));
  float* p = t.data_ptr<float>();
  for (int64_t i = 0; i < n; ++i) p[i] = -110.0f + 200.0f * static_cast<float>(i) / n;
  p[0] = std::numeric_limits<float>::quiet_NaN();
  p[1] = -std::numeric_limits<float>::infinity();
  p[2] = std::numeric_limits<float>::infinity();
  auto e = wick::exp(t);
  auto s = wick::sigmoid(t);
  const float* pe = e.data_ptr<float>();
  const float* ps = s.data_ptr<float>();
  EXPECT_TRUE(std::isnan(pe[0]));
  EXPECT_EQ(pe[1], 0.0f);
  EXPECT_EQ(pe[2], std::numeric_limits<float>::infinity());
  EXPECT_TRUE(std::isnan(ps[0]));
  EXPECT_EQ(ps[1], 0.0f);
  EXPECT_EQ(ps[2], 1.0f);
  double max_e = 0, max_s = 0;
  for (int64_t i = 3; i < n; ++i) {
    const double x = p[i];
    max_e = std::max(max_e, check_one(p[i], pe[i], std::exp(x)));
    // Below -88.72, exp(-x) overflows in float and sigmoid is 0, as in PyTorch
    // (torch.sigmoid(torch.tensor(-90.)) == 0).
    if (x > -88.7) {
      max_s = std::max(max_s, check_one(p[i], ps[i], 1.0 / (1.0 + std::exp(-x))));
    } else if (x < -88.8) {
      EXPECT_EQ(ps[i], 0.0f) << x;
    }
  }
  EXPECT_LE(max_e, 2.0);
  // exp's error (<= 1 ulp) plus the roundings of the add and the divide.
  EXPECT_LE(max_s, 2.5);
}

}  // namespace
