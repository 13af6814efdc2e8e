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

  static uint16_t from_float(float f) {
    uint32_t u = detail::f32_bits(f);
    uint32_t sign = (u >> 16) & 0x8000u;
    uint32_t a = u & 0x7fffffffu;
    if (a >= 0x7f800000u) {  // inf or nan
      return static_cast<uint16_t>(sign | 0x7c00u | (a > 0x7f800000u ? 0x200u : 0u));
    }
    if (a >= 0x477ff000u) return static_cast<uint16_t>(sign | 0x7c00u);  // overflow -> inf
    if (a < 0x38800000u) {  // subnormal or zero in half
      // add 0.5 (as a float) to align the mantissa, then round-to-nearest-even by the FPU
      float v = detail::bits_f32(a) + 0.5f;
      return static_cast<uint16_t>(sign | (detail::f32_bits(v) - 0x3f000000u));
    }
    uint32_t mant_odd = (a >> 13) & 1u;
    a += 0xc8000fffu + mant_odd;  // rebias exponent (-112 << 23) and round
    return static_cast<uint16_t>(sign | (a >> 13));
  }
  static float to_float(uint16_t h) {
    uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
    uint32_t exp = (h >> 10) & 0x1fu;
    uint32_t mant = h & 0x3ffu;
    uint32_t out;
    if (exp == 0x1f) {
      out = sign | 0x7f800000u | (mant << 13);
    } else if (exp == 0) {
      if (mant == 0) {
        out = sign;
      } else {  // subnormal: value = mant * 2^-24
        float v = static_cast<float>(mant) * 5.9604644775390625e-8f;
        return sign ? -v : v;
      }
    } else {
      out = sign | ((exp + 112u) << 23) | (mant << 13);
    }
    return detail::bits_f32(out);
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
    uint32_t u = detail::f32_bits(f);
    if ((u & 0x7fffffffu) > 0x7f800000u) return 0x7fc0;  // canonical nan
    uint32_t rounding_bias = 0x7fffu + ((u >> 16) & 1u);
    return static_cast<uint16_t>((u + rounding_bias) >> 16);
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
