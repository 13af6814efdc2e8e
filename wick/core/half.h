#pragma once
// 16-bit floating point storage types. Arithmetic happens in float: each type
// converts to float on read and rounds to nearest-even on write, as PyTorch does.
#include <cstdint>
#include <cstring>
#include <limits>

namespace wick {

namespace detail {
inline uint32_t f32_bits(float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  return u;
}
inline float bits_f32(uint32_t u) {
  float f;
  std::memcpy(&f, &u, 4);
  return f;
}
}  // namespace detail

struct Half {
  uint16_t x = 0;
  Half() = default;
  Half(float f) : x(from_float(f)) {}  // NOLINT: implicit like c10::Half
  operator float() const { return to_float(x); }  // NOLINT
  static Half from_bits(uint16_t b) {
    Half h;
    h.x = b;
    return h;
  }

  // Branch-free (every case computed, one kept by selects), so loops over
  // Half vectorise.
  static uint16_t from_float(float f) {
    const uint32_t u = detail::f32_bits(f);
    const uint32_t sign = (u >> 16) & 0x8000u;
    const uint32_t a = u & 0x7fffffffu;
    // Normal halves: rebias the exponent (-112 << 23) and round to nearest even.
    const uint32_t normal = (a + 0xc8000fffu + ((a >> 13) & 1u)) >> 13;
    // Subnormal halves and zero: adding 0.5 (as a float) aligns the mantissa and
    // the FPU rounds to nearest even.
    const uint32_t sub = detail::f32_bits(detail::bits_f32(a) + 0.5f) - 0x3f000000u;
    const uint32_t infnan = a > 0x7f800000u ? 0x7e00u : 0x7c00u;  // NaN stays quiet NaN
    uint32_t r = a < 0x38800000u ? sub : normal;
    r = a >= 0x477ff000u ? 0x7c00u : r;  // overflow -> inf
    r = a >= 0x7f800000u ? infnan : r;
    return static_cast<uint16_t>(sign | r);
  }
  // Branch-free too: exponent rebiased by adding (127 - 15) << 23, once more for
  // inf/NaN; zero and subnormals by subtracting 2^-14 from 2^-14 (1 + m / 1024).
  static float to_float(uint16_t h) {
    const uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
    uint32_t o = static_cast<uint32_t>(h & 0x7fffu) << 13;
    const uint32_t e = o & 0x0f800000u;
    o += 0x38000000u;
    o += e == 0x0f800000u ? 0x38000000u : 0u;
    const uint32_t sub = detail::f32_bits(detail::bits_f32(o + 0x00800000u) - 6.103515625e-05f);
    return detail::bits_f32(sign | (e == 0 ? sub : o));
  }
};

struct BFloat16 {
  uint16_t x = 0;
  BFloat16() = default;
  BFloat16(float f) : x(from_float(f)) {}  // NOLINT
  operator float() const { return detail::bits_f32(static_cast<uint32_t>(x) << 16); }  // NOLINT
  static BFloat16 from_bits(uint16_t b) {
    BFloat16 h;
    h.x = b;
    return h;
  }
  static uint16_t from_float(float f) {
    // Round to nearest even; NaN becomes the canonical quiet NaN. Branch-free so
    // loops over BFloat16 vectorise.
    const uint32_t u = detail::f32_bits(f);
    const uint32_t rounded = (u + 0x7fffu + ((u >> 16) & 1u)) >> 16;
    return static_cast<uint16_t>((u & 0x7fffffffu) > 0x7f800000u ? 0x7fc0u : rounded);
  }
};

static_assert(sizeof(Half) == 2 && sizeof(BFloat16) == 2, "16-bit float layout");

}  // namespace wick

namespace std {
template <>
class numeric_limits<wick::Half> {
 public:
  static constexpr bool is_specialized = true;
  static constexpr bool is_signed = true;
  static constexpr bool has_infinity = true;
  static constexpr bool has_quiet_NaN = true;
  static wick::Half min() { return wick::Half::from_bits(0x0400); }
  static wick::Half lowest() { return wick::Half::from_bits(0xfbff); }
  static wick::Half max() { return wick::Half::from_bits(0x7bff); }
  static wick::Half epsilon() { return wick::Half::from_bits(0x1400); }
  static wick::Half infinity() { return wick::Half::from_bits(0x7c00); }
  static wick::Half quiet_NaN() { return wick::Half::from_bits(0x7e00); }
};
template <>
class numeric_limits<wick::BFloat16> {
 public:
  static constexpr bool is_specialized = true;
  static constexpr bool is_signed = true;
  static constexpr bool has_infinity = true;
  static constexpr bool has_quiet_NaN = true;
  static wick::BFloat16 min() { return wick::BFloat16::from_bits(0x0080); }
  static wick::BFloat16 lowest() { return wick::BFloat16::from_bits(0xff7f); }
  static wick::BFloat16 max() { return wick::BFloat16::from_bits(0x7f7f); }
  static wick::BFloat16 epsilon() { return wick::BFloat16::from_bits(0x3c00); }
  static wick::BFloat16 infinity() { return wick::BFloat16::from_bits(0x7f80); }
  static wick::BFloat16 quiet_NaN() { return wick::BFloat16::from_bits(0x7fc0); }
};
}  // namespace std
