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

[[gnu::always_inline]] inline float exp(float x) {
  constexpr float kMagic = 12582912.0f;  // 1.5 * 2^23: adding it rounds to an integer
  constexpr float kLog2e = 1.44269504088896341f;
  constexpr float kLn2Hi = 0.693145751953125f;       // ln2 with 16 low mantissa bits zero
  constexpr float kLn2Lo = 1.428606765330187045e-6f;  // ln2 - kLn2Hi
  // exp(x) is inf above 88.7228 and rounds to 0 below -103.9721.
  float xc = select_bits(x < 89.0f, x, 89.0f);  // NaN -> 89 (fixed up at the end)
  xc = select_bits(xc > -104.0f, xc, -104.0f);
  const float n = (xc * kLog2e + kMagic) - kMagic;
  const float r = (xc - n * kLn2Hi) - n * kLn2Lo;
  // e^r = 1 + r + r^2/2! + ... + r^7/7!
  float p = 1.0f / 5040.0f;
  p = p * r + 1.0f / 720.0f;
  p = p * r + 1.0f / 120.0f;
  p = p * r + 1.0f / 24.0f;
  p = p * r + 1.0f / 6.0f;
  p = p * r + 0.5f;
  p = p * (r * r) + r;
  p = p + 1.0f;
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

// What the exp kernels call: the vectorised float exp; for double, libm, because
// the double version above does not vectorise at the SSE2 baseline and is
// slower than std::exp run one element at a time.
[[gnu::always_inline]] inline float exp_fast(float x) { return exp(x); }
inline double exp_fast(double x) { return std::exp(x); }

}  // namespace wick::kernels::vec
