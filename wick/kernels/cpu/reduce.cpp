#include "wick/kernels/cpu/reduce.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <numeric>
#include <type_traits>

#include "wick/core/cpu_capability.h"

namespace wick::kernels {

namespace {
struct Dim {
  int64_t size, istr, ostr;
};

// Sorts by input stride (outer first) and merges dims that form one dense
// block in the input (and, for kept dims, in the output too).
void order_and_coalesce(std::vector<Dim>& dims, bool check_out) {
  std::stable_sort(dims.begin(), dims.end(), [](const Dim& a, const Dim& b) {
    return std::abs(a.istr) > std::abs(b.istr);
  });
  std::vector<Dim> res;
  for (const Dim& d : dims) {
    if (!res.empty()) {
      Dim& o = res.back();
      if (o.istr == d.istr * d.size && (!check_out || o.ostr == d.ostr * d.size)) {
        o.size *= d.size;
        o.istr = d.istr;
        o.ostr = d.ostr;
        continue;
      }
    }
    res.push_back(d);
  }
  dims = std::move(res);
}
}  // namespace

ReducePlan plan_reduction(const Tensor& in, const std::vector<bool>& reduced,
                          IntArrayRef out_strides) {
  std::vector<Dim> kept, red;
  for (int64_t d = 0; d < in.dim(); ++d) {
    int64_t sz = in.size(d);
    if (sz == 1) continue;
    if (reduced[d]) red.push_back({sz, in.stride(d), 0});
    else kept.push_back({sz, in.stride(d), out_strides[d]});
  }
  order_and_coalesce(kept, true);
  order_and_coalesce(red, false);
  WICK_CHECK(kept.size() <= 64 && red.size() <= 64, "reduction: too many dimensions");
  ReducePlan P;
  P.ksize.clear();
  for (const Dim& d : kept) {
    P.ksize.push_back(d.size);
    P.kistr.push_back(d.istr);
    P.kostr.push_back(d.ostr);
  }
  for (const Dim& d : red) {
    P.rsize.push_back(d.size);
    P.ristr.push_back(d.istr);
  }
  if (P.ksize.empty()) {
    P.ksize = {1};
    P.kistr = {0};
    P.kostr = {0};
  }
  if (P.rsize.empty()) {
    P.rsize = {1};
    P.ristr = {0};
  }
  P.M = multiply_integers(P.ksize);
  P.N = multiply_integers(P.rsize);
  // Outer mode when a kept dim is the one walked fastest in memory.
  const int64_t kin = std::abs(P.kistr.back()), rin = std::abs(P.ristr.back());
  P.outer_mode = !kept.empty() && !red.empty() && kin < rin && P.ksize.back() >= 4;
  return P;
}

}  // namespace wick::kernels

// ---- per-ISA contiguous loops ------------------------------------------------------
// Each loop is written once on GCC vector types of W bytes (always inlined) and
// instantiated inside functions carrying the target attribute for that width, so
// the vector code is compiled for that instruction set. No FMA: the build keeps
// -ffp-contract=off semantics.
namespace wick::kernels::simd {
namespace {

template <typename T, int W>
struct VecOf {
  typedef T type __attribute__((vector_size(W)));
};

template <int W, typename T>
[[gnu::always_inline]] inline T sum_impl(const T* p, int64_t n) {
  using V = typename VecOf<T, W>::type;
  constexpr int kW = W / static_cast<int>(sizeof(T));
  constexpr int kL = 4 * kW < 16 ? 16 : 4 * kW;  // lanes
  constexpr int kNV = kL / kW;                    // vector accumulators
  V acc[kNV];
  for (int k = 0; k < kNV; ++k) acc[k] = V{};
  int64_t i = 0;
  for (; i + kL <= n; i += kL) {
    for (int k = 0; k < kNV; ++k) {
      V x;
      std::memcpy(&x, p + i + k * kW, sizeof(V));
      acc[k] += x;
    }
  }
  if (i < n) {
    T lane[kL];
    std::memcpy(lane, acc, sizeof(lane));
    for (int j = 0; i < n; ++i, ++j) lane[j] += p[i];
    std::memcpy(acc, lane, sizeof(lane));
  }
  // The lane tree (lane j += lane j + w for w = kL/2 ... 1): the steps with
  // w >= kW are whole-vector adds, the rest within the first vector.
  for (int nv = kNV / 2; nv > 0; nv /= 2)
    for (int k = 0; k < nv; ++k) acc[k] += acc[k + nv];
  T lane[kW];
  std::memcpy(lane, &acc[0], sizeof(lane));
  for (int w = kW / 2; w > 0; w /= 2)
    for (int j = 0; j < w; ++j) lane[j] += lane[j + w];
  return lane[0];
}

template <typename T, bool IsMax>
[[gnu::always_inline]] inline T pick(T a, T x) {
  if constexpr (IsMax) return (x > a || x != x) ? x : a;
  else return (x < a || x != x) ? x : a;
}

template <int W, typename T, bool IsMax>
[[gnu::always_inline]] inline T extreme_impl(const T* p, int64_t n) {
  using V = typename VecOf<T, W>::type;
  constexpr int kW = W / static_cast<int>(sizeof(T));
  const T ident = IsMax ? -std::numeric_limits<T>::infinity() : std::numeric_limits<T>::infinity();
  V acc[4];
  // NaN lanes: at 16 bytes an OR of x != x masks; wider, a select on the
  // comparison (GCC 12 scalarises a vector x != x result at AVX-512)
  using M = decltype(V{} < V{});
  M nanmask{};
  V nan = V{};
  for (auto& a : acc) a = V{} + ident;
  int64_t i = 0;
  for (; i + 4 * kW <= n; i += 4 * kW) {
    for (int k = 0; k < 4; ++k) {
      V x;
      std::memcpy(&x, p + i + k * kW, sizeof(V));
      if constexpr (IsMax) acc[k] = x > acc[k] ? x : acc[k];
      else acc[k] = x < acc[k] ? x : acc[k];
      if constexpr (W == 16) nanmask |= x != x;
      else nan = x == x ? nan : x;
    }
  }
  for (int k = 1; k < 4; ++k) {  // the four vectors into one (NaN is tracked apart)
    if constexpr (IsMax) acc[0] = acc[k] > acc[0] ? acc[k] : acc[0];
    else acc[0] = acc[k] < acc[0] ? acc[k] : acc[0];
  }
  T r = ident;
  for (int j = 0; j < kW; ++j) {
    if (nanmask[j] || nan[j] != nan[j]) return std::numeric_limits<T>::quiet_NaN();
    r = pick<T, IsMax>(r, acc[0][j]);
  }
  for (; i < n; ++i) r = pick<T, IsMax>(r, p[i]);
  return r;
}

// Per lane, the running extreme and the index where it was first seen (a strict
// compare keeps the first); the lanes then merge by value, ties to the lowest
// index, which is the first occurrence overall. Indices are int32 lanes for
// float (int64 for double), so runs go in blocks of kArgBlock. A NaN anywhere in
// a block sends it to a scalar search for the first NaN, which wins.
constexpr int64_t kArgBlock = int64_t{1} << 24;

template <int W, typename T, bool IsMax>
[[gnu::always_inline]] inline ArgResult<T> arg_block(const T* p, int64_t n, bool& has_nan) {
  using V = typename VecOf<T, W>::type;
  using I = std::conditional_t<sizeof(T) == 4, int32_t, int64_t>;
  using IV = typename VecOf<I, W>::type;
  constexpr int kW = W / static_cast<int>(sizeof(T));
  const T ident = IsMax ? -std::numeric_limits<T>::infinity() : std::numeric_limits<T>::infinity();
  V acc[4], nan = V{};
  IV idx[4], cur[4];
  for (int k = 0; k < 4; ++k) {
    acc[k] = V{} + ident;
    idx[k] = IV{} - 1;
    I first[kW];
    for (int j = 0; j < kW; ++j) first[j] = static_cast<I>(k * kW + j);
    std::memcpy(&cur[k], first, sizeof(IV));
  }
  int64_t i = 0;
  for (; i + 4 * kW <= n; i += 4 * kW) {
    for (int k = 0; k < 4; ++k) {
      V x;
      std::memcpy(&x, p + i + k * kW, sizeof(V));
      if constexpr (IsMax) {
        idx[k] = x > acc[k] ? cur[k] : idx[k];
        acc[k] = x > acc[k] ? x : acc[k];
      } else {
        idx[k] = x < acc[k] ? cur[k] : idx[k];
        acc[k] = x < acc[k] ? x : acc[k];
      }
      nan = x == x ? nan : x;
      cur[k] += static_cast<I>(4 * kW);
    }
  }
  has_nan = false;
  for (int j = 0; j < kW; ++j) has_nan |= nan[j] != nan[j];
  for (int64_t t = i; t < n; ++t) has_nan |= p[t] != p[t];
  if (has_nan) {
    for (int64_t t = 0; t < n; ++t)
      if (p[t] != p[t]) return {p[t], t};
  }
  // merged in scalar code: GCC 12 scalarises the vector form of the tie rule
  ArgResult<T> best{ident, -1};
  for (int k = 0; k < 4; ++k)
    for (int j = 0; j < kW; ++j) {
      const int64_t ix = idx[k][j];
      if (ix < 0) continue;
      const T v = acc[k][j];
      const bool better = IsMax ? v > best.value : v < best.value;
      if (best.index < 0 || better || (v == best.value && ix < best.index)) best = {v, ix};
    }
  // no lane moved off the identity: the vector part is all -inf (max) / +inf (min)
  if (best.index < 0 && i > 0) best = {p[0], 0};
  for (; i < n; ++i) {
    const bool better = IsMax ? p[i] > best.value : p[i] < best.value;
    if (best.index < 0 || better) best = {p[i], i};
  }
  return best;
}

template <int W, typename T, bool IsMax>
[[gnu::always_inline]] inline ArgResult<T> arg_impl(const T* p, int64_t n) {
  ArgResult<T> best{p[0], -1};
  for (int64_t b = 0; b < n; b += kArgBlock) {
    const int64_t len = n - b < kArgBlock ? n - b : kArgBlock;
    bool has_nan;
    const ArgResult<T> r = arg_block<W, T, IsMax>(p + b, len, has_nan);
    if (has_nan) return {r.value, r.index + b};
    if (best.index < 0 || (IsMax ? r.value > best.value : r.value < best.value))
      best = {r.value, r.index + b};
  }
  return best;
}

#define WICK_REDUCE_ISA_COPIES(T)                                                              \
  T sum_default(const T* p, int64_t n) { return sum_impl<16>(p, n); }                          \
  WICK_TARGET_AVX2 T sum_avx2(const T* p, int64_t n) { return sum_impl<32>(p, n); }            \
  WICK_TARGET_AVX512 T sum_avx512(const T* p, int64_t n) { return sum_impl<64>(p, n); }        \
  template <bool IsMax>                                                                        \
  T extreme_default(const T* p, int64_t n) {                                                   \
    return extreme_impl<16, T, IsMax>(p, n);                                                   \
  }                                                                                            \
  template <bool IsMax>                                                                        \
  WICK_TARGET_AVX2 T extreme_avx2(const T* p, int64_t n) {                                     \
    return extreme_impl<32, T, IsMax>(p, n);                                                   \
  }                                                                                            \
  template <bool IsMax>                                                                        \
  WICK_TARGET_AVX512 T extreme_avx512(const T* p, int64_t n) {                                 \
    return extreme_impl<64, T, IsMax>(p, n);                                                   \
  }                                                                                            \
  template <bool IsMax>                                                                        \
  ArgResult<T> arg_default(const T* p, int64_t n) {                                            \
    return arg_impl<16, T, IsMax>(p, n);                                                       \
  }                                                                                            \
  template <bool IsMax>                                                                        \
  WICK_TARGET_AVX2 ArgResult<T> arg_avx2(const T* p, int64_t n) {                              \
    return arg_impl<32, T, IsMax>(p, n);                                                       \
  }                                                                                            \
  template <bool IsMax>                                                                        \
  WICK_TARGET_AVX512 ArgResult<T> arg_avx512(const T* p, int64_t n) {                          \
    return arg_impl<64, T, IsMax>(p, n);                                                       \
  }

WICK_REDUCE_ISA_COPIES(float)
WICK_REDUCE_ISA_COPIES(double)
#undef WICK_REDUCE_ISA_COPIES

}  // namespace

template <typename T>
T sum(const T* p, int64_t n) {
  switch (cpu_capability()) {
    case CpuCapability::AVX512: return sum_avx512(p, n);
    case CpuCapability::AVX2: return sum_avx2(p, n);
    default: return sum_default(p, n);
  }
}

template <typename T, bool IsMax>
T extreme(const T* p, int64_t n) {
  switch (cpu_capability()) {
    case CpuCapability::AVX512: return extreme_avx512<IsMax>(p, n);
    case CpuCapability::AVX2: return extreme_avx2<IsMax>(p, n);
    default: return extreme_default<IsMax>(p, n);
  }
}

template <typename T, bool IsMax>
ArgResult<T> arg_extreme(const T* p, int64_t n) {
  switch (cpu_capability()) {
    case CpuCapability::AVX512: return arg_avx512<IsMax>(p, n);
    case CpuCapability::AVX2: return arg_avx2<IsMax>(p, n);
    default: return arg_default<IsMax>(p, n);
  }
}

template float sum<float>(const float*, int64_t);
template double sum<double>(const double*, int64_t);
template float extreme<float, true>(const float*, int64_t);
template float extreme<float, false>(const float*, int64_t);
template double extreme<double, true>(const double*, int64_t);
template double extreme<double, false>(const double*, int64_t);
template ArgResult<float> arg_extreme<float, true>(const float*, int64_t);
template ArgResult<float> arg_extreme<float, false>(const float*, int64_t);
template ArgResult<double> arg_extreme<double, true>(const double*, int64_t);
template ArgResult<double> arg_extreme<double, false>(const double*, int64_t);

}  // namespace wick::kernels::simd
