#pragma once
// Branch-free elementwise math that GCC auto-vectorises (SSE2 baseline): no libm
// calls, no data-dependent branches, only selects. Used by the contiguous loops
// of the unary kernels in place of std:: functions that are scalar calls.
//
// exp: Cody-Waite reduction x = n*ln2 + r, |r| <= ~ln2/2, with n found by the
// round-to-nearest "add 1.5*2^mantissa_bits" trick; e^r by a Taylor polynomial
// (truncation error far below half an ulp); scale by 2^n as two exact powers of
// two 2^n1 * 2^n2 built from exponent bits, so results that overflow become inf
// and results in the denormal range are rounded once. The input is clamped
// first (which maps +inf to inf and -inf to 0); NaN is passed through by a
// final select. Always inlined: a call in the loop would stop vectorisation.
// Accuracy: <= 1 ulp vs the correctly rounded result (tested).
#include <bit>
#include <cmath>
#include <cstdint>

namespace wick::kernels::vec {

// c ? a : b on the bits. A plain ?: makes GCC (with -ftrapping-math, the
// default) keep a branch, and the loop is then not vectorised.
[[gnu::always_inline]] inline float select_bits(bool c, float a, float b) {
  const uint32_t m = 0u - static_cast<uint32_t>(c);
  return std::bit_cast<float>((std::bit_cast<uint32_t>(a) & m) | (std::bit_cast<uint32_t>(b) & ~m));
}
[[gnu::always_inline]] inline double select_bits(bool c, double a, double b) {
  const uint64_t m = uint64_t{0} - static_cast<uint64_t>(c);
  return std::bit_cast<double>((std::bit_cast<uint64_t>(a) & m) | (std::bit_cast<uint64_t>(b) & ~m));
}

constexpr float kExpMagic = 12582912.0f;  // 1.5 * 2^23: adding it rounds to an integer

// The shared core of the float exps: x = n*ln2 + r (Cody-Waite); returns
// e^r = 1 + r + r^2/2! + ... + r^7/7! and sets n.
[[gnu::always_inline]] inline float exp_reduced(float x, float& n) {
  constexpr float kLog2e = 1.44269504088896341f;
  constexpr float kLn2Hi = 0.693145751953125f;       // ln2 with 16 low mantissa bits zero
  constexpr float kLn2Lo = 1.428606765330187045e-6f;  // ln2 - kLn2Hi
  n = (x * kLog2e + kExpMagic) - kExpMagic;
  const float r = (x - n * kLn2Hi) - n * kLn2Lo;
  float p = 1.0f / 5040.0f;
  p = p * r + 1.0f / 720.0f;
  p = p * r + 1.0f / 120.0f;
  p = p * r + 1.0f / 24.0f;
  p = p * r + 1.0f / 6.0f;
  p = p * r + 0.5f;
  p = p * (r * r) + r;
  p = p + 1.0f;
  return p;
}

[[gnu::always_inline]] inline float exp(float x) {
  constexpr float kMagic = kExpMagic;
  // exp(x) is inf above 88.7228 and rounds to 0 below -103.9721.
  float xc = select_bits(x < 89.0f, x, 89.0f);  // NaN -> 89 (fixed up at the end)
  xc = select_bits(xc > -104.0f, xc, -104.0f);
  float n;
  const float p = exp_reduced(xc, n);
  // n in [-150, 128]; split so each half is a normal power of two.
  const float n1 = (n * 0.5f + kMagic) - kMagic;
  const float n2 = n - n1;
  const int32_t magic_bits = std::bit_cast<int32_t>(kMagic);
  const int32_t k1 = std::bit_cast<int32_t>(n1 + kMagic) - magic_bits;
  const int32_t k2 = std::bit_cast<int32_t>(n2 + kMagic) - magic_bits;
  const float s1 = std::bit_cast<float>((k1 + 127) << 23);
  const float s2 = std::bit_cast<float>((k2 + 127) << 23);
  const float result = (p * s1) * s2;
  return select_bits(x == x, result, x);
}

[[gnu::always_inline]] inline double exp(double x) {
  constexpr double kMagic = 6755399441055744.0;  // 1.5 * 2^52
  constexpr double kLog2e = 1.4426950408889634074;
  constexpr double kLn2Hi = 6.93147180369123816490e-01;  // ln2 with 32 low mantissa bits zero
  constexpr double kLn2Lo = 1.90821492927058770002e-10;  // ln2 - kLn2Hi
  // exp(x) is inf above 709.7827 and rounds to 0 below -745.1332.
  double xc = select_bits(x < 710.0, x, 710.0);
  xc = select_bits(xc > -746.0, xc, -746.0);
  const double n = (xc * kLog2e + kMagic) - kMagic;
  const double r = (xc - n * kLn2Hi) - n * kLn2Lo;
  // e^r = 1 + r + ... + r^13/13!
  double p = 1.0 / 6227020800.0;
  p = p * r + 1.0 / 479001600.0;
  p = p * r + 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * (r * r) + r;
  p = p + 1.0;
  // n in [-1076, 1025]; split so each half is a normal power of two.
  const double n1 = (n * 0.5 + kMagic) - kMagic;
  const double n2 = n - n1;
  const int64_t magic_bits = std::bit_cast<int64_t>(kMagic);
  const int64_t k1 = std::bit_cast<int64_t>(n1 + kMagic) - magic_bits;
  const int64_t k2 = std::bit_cast<int64_t>(n2 + kMagic) - magic_bits;
  const double s1 = std::bit_cast<double>((k1 + 1023) << 52);
  const double s2 = std::bit_cast<double>((k2 + 1023) << 52);
  const double result = (p * s1) * s2;
  return select_bits(x == x, result, x);
}

// exp for x in [-87, 88] only (no clamps, no NaN handling, one scale 2^n):
// the same bits as exp(x) there, in fewer operations. For callers whose
// argument is already bounded (erf, tanh).
[[gnu::always_inline]] inline float exp_in_range(float x) {
  float n;
  const float p = exp_reduced(x, n);
  const int32_t k = std::bit_cast<int32_t>(n + kExpMagic) - std::bit_cast<int32_t>(kExpMagic);
  return p * std::bit_cast<float>((k + 127) << 23);
}

// |x| and the sign of x, on the bits (branch-free, vectorises).
[[gnu::always_inline]] inline float abs_bits(float x) {
  return std::bit_cast<float>(std::bit_cast<uint32_t>(x) & 0x7fffffffu);
}
// |m| with the sign of s; m must be non-negative.
[[gnu::always_inline]] inline float with_sign_of(float m, float s) {
  return std::bit_cast<float>(std::bit_cast<uint32_t>(m) | (std::bit_cast<uint32_t>(s) & 0x80000000u));
}

// erf, float. Two pieces, both computed, one selected (no branches):
//   |x| < 1:  erf = a + a * P(a^2), a = |x|;
//   |x| >= 1: erf = 1 - exp(-b^2) * Q(b - 2.5), b = |x| clamped to [1, 4]
//             (erfc(x) exp(x^2) is smooth there; above 4, erf rounds to 1).
// P and Q are least-squares fits on Chebyshev nodes (scripts/fit_vec_math.py).
// Odd: the sign of x is put back at the end, so erf(-0) = -0; NaN passes through.
// Accuracy: <= 2 ulp vs the correctly rounded result (tested over dense ranges).
[[gnu::always_inline]] inline float erf(float x) {
  const float a = abs_bits(x);
  // Both polynomials by Estrin's scheme (pairs, then pairs of pairs): short
  // dependency chains, so consecutive vectors overlap in the pipeline.
  const float u = a * a;
  const float u2 = u * u;
  const float u4 = u2 * u2;
  const float p01 = 0.12837916612625122f + -0.3761262595653534f * u;
  const float p23 = 0.11283597350120544f + -0.02685432881116867f * u;
  const float p45 = 0.005189312156289816f + -0.0008018855005502701f * u;
  const float p = (p01 + p23 * u2) + (p45 + 7.882497448008507e-05f * u2) * u4;
  const float small = a + a * p;
  float b = select_bits(a < 4.0f, a, 4.0f);  // NaN -> 4 (fixed up at the end)
  b = select_bits(b > 1.0f, b, 1.0f);
  const float t = b - 2.5f;
  const float t2 = t * t;
  const float t4 = t2 * t2;
  const float t8 = t4 * t4;
  const float q01 = 0.21080635488033295f + -0.0743473619222641f * t;
  const float q23 = 0.024938173592090607f + -0.008001474663615227f * t;
  const float q45 = 0.0024660928174853325f + -0.0007337129791267216f * t;
  const float q67 = 0.00021283204841893166f + -5.8942707255482674e-05f * t;
  const float q89 = 1.4425777408177964e-05f + -4.009343228972284e-06f * t;
  const float q1011 = 1.6588418247920345e-06f + -3.835798736417928e-07f * t;
  const float q = ((q01 + q23 * t2) + (q45 + q67 * t2) * t4) + (q89 + q1011 * t2) * t8;
  const float large = 1.0f - exp_in_range(-(b * b)) * q;
  const float r = with_sign_of(select_bits(a < 1.0f, small, large), x);
  return select_bits(x == x, r, x);
}

// tanh, float. |x| < 0.625: tanh = a + (a a^2) P(a^2); above: 1 - 2 / (e^(2b) + 1),
// b = |x| clamped to 10 (tanh rounds to 1 above 9.011). Odd, NaN passes through.
// Accuracy: <= 2 ulp (tested).
[[gnu::always_inline]] inline float tanh(float x) {
  const float a = abs_bits(x);
  const float u = a * a;
  float p = -0.006104947999119759f;
  p = p * u + 0.021003641188144684f;
  p = p * u + -0.05385249853134155f;
  p = p * u + 0.13332782685756683f;
  p = p * u + -0.333333283662796f;
  const float small = a + (a * u) * p;
  const float b = select_bits(a < 10.0f, a, 10.0f);  // NaN -> 10
  const float large = 1.0f - 2.0f / (exp_in_range(b + b) + 1.0f);
  const float r = with_sign_of(select_bits(a < 0.625f, small, large), x);
  return select_bits(x == x, r, x);
}

// What the exp kernels call: the vectorised float exp; for double, libm, because
// the double version above does not vectorise at the SSE2 baseline and is
// slower than std::exp run one element at a time.
[[gnu::always_inline]] inline float exp_fast(float x) { return exp(x); }
inline double exp_fast(double x) { return std::exp(x); }
// The same for erf and tanh: the branch-free float versions, libm for double.
[[gnu::always_inline]] inline float erf_fast(float x) { return erf(x); }
inline double erf_fast(double x) { return std::erf(x); }
[[gnu::always_inline]] inline float tanh_fast(float x) { return tanh(x); }
inline double tanh_fast(double x) { return std::tanh(x); }

}  // namespace wick::kernels::vec
