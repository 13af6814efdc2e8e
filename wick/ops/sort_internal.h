#pragma once
// Helpers shared by sort.cpp and search.cpp (not part of the API): the
// comparison type of a dtype, NaN tests, resizing out= tensors, and the radix
// sort used for long rows and for unique.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>
#include <vector>

#include "wick/core/half.h"
#include "wick/kernels/cpu/elementwise.h"
#include "wick/tensor/tensor.h"

namespace wick::sort_detail {

// Note [NaN order]
// Every op here orders NaN above +inf, as PyTorch does: sort puts NaNs last
// (first when descending), topk counts them as the largest values, and
// kthvalue/median see them at the top. Equal values (and NaNs among
// themselves) keep their input order, so results never depend on the sort
// algorithm: a row is ordered as its non-NaN entries by (value, index),
// then its NaNs in index order. mode is the exception: it reproduces
// PyTorch's choice of index, which comes out of std::sort on values alone.

// Rows are compared in this type: Half and BFloat16 as float.
template <typename T>
using cmp_t = opmath_t<T>;

template <typename V>
inline bool is_nan(V v) {
  if constexpr (std::is_floating_point_v<V>) {
    return std::isnan(v);
  } else {
    return false;
  }
}

// Resizes an out= tensor to the result's shape; it must not be an expanded view.
inline void resize_to(Tensor& out, IntArrayRef shape) {
  if (!out.sizes().equals(shape)) out.resize_(shape);
  kernels::check_no_internal_overlap(out);
}
// ---- radix sort ----------------------------------------------------------------------

// Note [Radix keys]
// Long rows are sorted by an LSD radix sort on unsigned keys that order like
// the values: integers get their sign bit flipped; floats map negative values
// to ~bits and the rest to bits | sign, with -0.0 folded onto +0.0 and every
// NaN onto the largest key (Note [NaN order]). LSD radix sort is stable, and
// complementing the keys sorts descending while keeping ties in index order.
template <typename T>
struct RadixKey;
template <typename T, typename U>
inline U int_key(T v) {
  constexpr U sign = std::is_signed_v<T> ? U(U(1) << (sizeof(U) * 8 - 1)) : U(0);
  return static_cast<U>(static_cast<U>(v) ^ sign);
}
template <typename U>
inline U float_key(U bits, U inf_bits) {
  constexpr U sign = U(U(1) << (sizeof(U) * 8 - 1));
  const U mag = static_cast<U>(bits & ~sign);
  if (mag > inf_bits) return static_cast<U>(~U(0));  // NaN
  if (mag == 0) return sign;                          // -0.0 == +0.0
  return (bits & sign) ? static_cast<U>(~bits) : static_cast<U>(bits | sign);
}
#define WICK_INT_RADIX(T, U) \
  template <>                \
  struct RadixKey<T> {       \
    using type = U;          \
    static U key(T v) { return int_key<T, U>(v); } \
  };
WICK_INT_RADIX(bool, uint8_t)
WICK_INT_RADIX(uint8_t, uint8_t)
WICK_INT_RADIX(int8_t, uint8_t)
WICK_INT_RADIX(int16_t, uint16_t)
WICK_INT_RADIX(int32_t, uint32_t)
WICK_INT_RADIX(int64_t, uint64_t)
#undef WICK_INT_RADIX
template <>
struct RadixKey<float> {
  using type = uint32_t;
  static uint32_t key(float v) {
    uint32_t b;
    std::memcpy(&b, &v, 4);
    return float_key<uint32_t>(b, 0x7f800000u);
  }
};
template <>
struct RadixKey<double> {
  using type = uint64_t;
  static uint64_t key(double v) {
    uint64_t b;
    std::memcpy(&b, &v, 8);
    return float_key<uint64_t>(b, 0x7ff0000000000000ull);
  }
};
template <>
struct RadixKey<Half> {
  using type = uint16_t;
  static uint16_t key(Half v) { return float_key<uint16_t>(v.x, 0x7c00u); }
};
template <>
struct RadixKey<BFloat16> {
  using type = uint16_t;
  static uint16_t key(BFloat16 v) { return float_key<uint16_t>(v.x, 0x7f80u); }
};

// Rows at least this long are radix sorted; shorter ones use std::sort. The
// break-even point grows with the number of 8-bit passes a key needs.
constexpr int64_t kRadixMinLen = 128;
template <typename U>
constexpr int64_t radix_min_len() {
  return sizeof(U) <= 2 ? 32 : sizeof(U) == 4 ? 64 : 128;
}

// Scratch of one radix sort: keys and row positions, double buffered.
template <typename U>
struct RadixScratch {
  std::vector<U> keys, keys_tmp;
  std::vector<uint32_t> idx, idx_tmp;
  void resize(int64_t n) {
    keys.resize(n);
    keys_tmp.resize(n);
    idx.resize(n);
    idx_tmp.resize(n);
  }
};

// Stable sort of keys[0, n) carrying idx along; on return the sorted idx is
// in s.idx (buffers are swapped as passes run). Passes where every key has
// the same digit are skipped.
template <typename U>
void radix_sort(RadixScratch<U>& s, int64_t n) {
  constexpr int P = sizeof(U);
  std::array<std::array<uint32_t, 256>, P> hist{};
  const U* k = s.keys.data();
  for (int64_t i = 0; i < n; ++i) {
    U v = k[i];
    for (int p = 0; p < P; ++p) ++hist[p][(v >> (8 * p)) & 0xff];
  }
  for (int p = 0; p < P; ++p) {
    auto& h = hist[p];
    if (h[(s.keys[0] >> (8 * p)) & 0xff] == static_cast<uint32_t>(n)) continue;
    uint32_t sum = 0;
    for (int b = 0; b < 256; ++b) {
      uint32_t c = h[b];
      h[b] = sum;
      sum += c;
    }
    const U* src_k = s.keys.data();
    const uint32_t* src_i = s.idx.data();
    U* dst_k = s.keys_tmp.data();
    uint32_t* dst_i = s.idx_tmp.data();
    for (int64_t i = 0; i < n; ++i) {
      const U v = src_k[i];
      const uint32_t pos = h[(v >> (8 * p)) & 0xff]++;
      dst_k[pos] = v;
      dst_i[pos] = src_i[i];
    }
    s.keys.swap(s.keys_tmp);
    s.idx.swap(s.idx_tmp);
  }
}

// Sorts one row of `len` values read with `stride` into s.idx (positions in
// the row); the row is also copied to `row` so results can be gathered even
// when the output aliases the input.
template <typename T>
void radix_sort_row(const T* p, int64_t stride, int64_t len, bool descending,
                    RadixScratch<typename RadixKey<T>::type>& s, std::vector<T>& row) {
  using U = typename RadixKey<T>::type;
  s.resize(len);
  row.resize(len);
  const U flip = descending ? static_cast<U>(~U(0)) : U(0);
  for (int64_t i = 0; i < len; ++i) {
    const T x = p[i * stride];
    row[i] = x;
    s.keys[i] = static_cast<U>(RadixKey<T>::key(x) ^ flip);
    s.idx[i] = static_cast<uint32_t>(i);
  }
  radix_sort(s, len);
}

}  // namespace wick::sort_detail
