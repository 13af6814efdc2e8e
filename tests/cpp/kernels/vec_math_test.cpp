// Accuracy of the branch-free vectorisable math (wick/kernels/cpu/vec_math.h)
// against libm evaluated in higher precision: float exp vs std::exp in double,
// double exp vs std::exp in long double; float erf and tanh vs std::erf/std::tanh
// in double. Plus the specials (zeros, denormals, infinities, NaN,
// overflow/underflow and saturation thresholds) exactly.
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

// ---- erf, tanh (float) ----------------------------------------------------------------

using FloatFn = float (*)(float);
using DoubleFn = double (*)(double);

// Max ulp error of f against ref (in double) over every 997th bit pattern and a
// dense sweep of [lo, hi]; also each piece's edges, densely.
double sweep(FloatFn f, DoubleFn ref, float lo, float hi, float step,
             std::initializer_list<float> edges, float* worst) {
  double max_ulp = 0;
  auto one = [&](float x) {
    const double u = check_one(x, f(x), ref(static_cast<double>(x)));
    if (u > max_ulp) {
      max_ulp = u;
      *worst = x;
    }
  };
  for (uint64_t b = 0; b <= 0xFFFFFFFFull; b += 997) one(std::bit_cast<float>(static_cast<uint32_t>(b)));
  for (float x = lo; x < hi; x += step) one(x);
  for (float e : edges) {
    for (float s : {1.0f, -1.0f}) {
      float x = s * e;
      for (int i = 0; i < 2000; ++i) x = std::nextafter(x, 0.0f);
      for (int i = 0; i < 4000; ++i, x = std::nextafter(x, s * 1e9f)) one(x);
    }
  }
  return max_ulp;
}

float erf_f(float x) { return vec::erf(x); }
float tanh_f(float x) { return vec::tanh(x); }
double erf_d(double x) { return std::erf(x); }
double tanh_d(double x) { return std::tanh(x); }

// The bounded exp that erf and tanh use is exp's bits on its range.
TEST(VecMath, FloatExpInRangeIsExp) {
  for (float x = -87.0f; x <= 88.0f; x += 0.00071f) {
    ASSERT_EQ(std::bit_cast<uint32_t>(vec::exp_in_range(x)), std::bit_cast<uint32_t>(vec::exp(x)))
        << x;
  }
}

TEST(VecMath, FloatErfSweep) {
  float worst = 0;
  // Edges: the switch between the pieces (1), the clamp (4), where erf rounds to 1 (3.92).
  const double u = sweep(erf_f, erf_d, -6.0f, 6.0f, 0.00013f, {1.0f, 4.0f, 3.92f, 1e-3f}, &worst);
  EXPECT_LE(u, 2.0) << "worst at x=" << worst;
  EXPECT_GT(u, 0.0);
}

TEST(VecMath, FloatTanhSweep) {
  float worst = 0;
  // Edges: the switch (0.625), where tanh rounds to 1 (9.011), the clamp (10).
  const double u = sweep(tanh_f, tanh_d, -12.0f, 12.0f, 0.00017f, {0.625f, 9.011f, 10.0f, 1e-3f}, &worst);
  EXPECT_LE(u, 2.0) << "worst at x=" << worst;
  EXPECT_GT(u, 0.0);
}

TEST(VecMath, FloatErfTanhSpecials) {
  using L = std::numeric_limits<float>;
  for (FloatFn f : {erf_f, tanh_f}) {
    EXPECT_EQ(f(0.0f), 0.0f);
    EXPECT_FALSE(std::signbit(f(0.0f)));
    EXPECT_EQ(f(-0.0f), 0.0f);
    EXPECT_TRUE(std::signbit(f(-0.0f)));  // odd functions keep the zero's sign
    EXPECT_EQ(f(L::infinity()), 1.0f);
    EXPECT_EQ(f(-L::infinity()), -1.0f);
    EXPECT_EQ(f(L::max()), 1.0f);
    EXPECT_EQ(f(L::lowest()), -1.0f);
    EXPECT_TRUE(std::isnan(f(L::quiet_NaN())));
    EXPECT_TRUE(std::isnan(f(-L::quiet_NaN())));
  }
  // Denormals and tiny normals: erf(x) = 2x / sqrt(pi) (within one ulp: x + 0.128 x
  // rounds twice), exactly at the smallest; tanh(x) = x.
  EXPECT_EQ(vec::erf(L::denorm_min()), L::denorm_min());
  EXPECT_EQ(vec::erf(3 * L::denorm_min()), 3 * L::denorm_min());
  for (float x : {L::denorm_min(), 3 * L::denorm_min(), L::min() / 3, L::min(), 1e-30f}) {
    EXPECT_LE(ulp_error(vec::erf(x), std::erf(static_cast<double>(x))), 1.0) << x;
    EXPECT_EQ(vec::erf(-x), -vec::erf(x));
    EXPECT_EQ(vec::tanh(x), x);
    EXPECT_EQ(vec::tanh(-x), -x);
  }
  // Saturation: exactly +-1 from where the rounded result is 1, and not before.
  EXPECT_LT(vec::erf(3.9f), 1.0f);  // erfc(3.9) = 3.5e-8 is over half an ulp of 1
  EXPECT_LT(vec::tanh(9.0f), 1.0f);  // 1 - 3.05e-8 rounds to the float below 1
  for (float x : {3.95f, 4.0f, 4.5f, 10.0f, 1e10f}) EXPECT_EQ(vec::erf(x), 1.0f) << x;
  for (float x : {9.05f, 10.0f, 10.5f, 20.0f, 1e10f}) EXPECT_EQ(vec::tanh(x), 1.0f) << x;
  EXPECT_EQ(vec::erf(-4.5f), -1.0f);
  EXPECT_EQ(vec::tanh(-20.0f), -1.0f);
}

// The ops use them: wick::erf / tanh / gelu (both forms) on a float tensor, vs
// double references (gelu within the error of its erf/tanh, propagated).
TEST(VecMath, ErfTanhGeluOpsUseThem) {
  const int64_t n = 50001;
  auto t = wick::empty({n}, wick::TensorOptions().dtype(wick::kFloat));
  float* p = t.data_ptr<float>();
  for (int64_t i = 0; i < n; ++i) p[i] = -12.0f + 24.0f * static_cast<float>(i) / n;
  p[0] = std::numeric_limits<float>::quiet_NaN();
  auto e = wick::erf(t), th = wick::tanh(t), g = wick::gelu(t), gt = wick::gelu(t, "tanh");
  const float *pe = e.data_ptr<float>(), *pt = th.data_ptr<float>();
  const float *pg = g.data_ptr<float>(), *pgt = gt.data_ptr<float>();
  EXPECT_TRUE(std::isnan(pe[0]) && std::isnan(pt[0]) && std::isnan(pg[0]) && std::isnan(pgt[0]));
  double max_e = 0, max_t = 0, max_g = 0, max_gt = 0;
  for (int64_t i = 1; i < n; ++i) {
    const double x = p[i];
    max_e = std::max(max_e, check_one(p[i], pe[i], std::erf(x)));
    max_t = std::max(max_t, check_one(p[i], pt[i], std::tanh(x)));
    // Absolute error relative to |x| (the 1 + erf / 1 + tanh cancel for x < 0).
    const double ge = 0.5 * x * (1 + std::erf(x / std::sqrt(2.0)));
    const double k = std::sqrt(2.0 / M_PI);
    const double gte = 0.5 * x * (1 + std::tanh(k * (x + 0.044715 * x * x * x)));
    max_g = std::max(max_g, std::fabs(pg[i] - ge) / std::max(1.0, std::fabs(x)));
    max_gt = std::max(max_gt, std::fabs(pgt[i] - gte) / std::max(1.0, std::fabs(x)));
  }
  EXPECT_LE(max_e, 2.0);
  EXPECT_LE(max_t, 2.0);
  EXPECT_LE(max_g, 4e-7);
  EXPECT_LE(max_gt, 4e-7);
}

}  // namespace
