#pragma once
// CPU drivers for elementwise kernels. An op supplies a scalar functor
//   cpu_kernel(iter, [](float a, float b) -> float { return a + b; });
// and the driver runs it over every element of the TensorIterator, with a
// contiguous fast path the compiler vectorises, a fast path for a broadcast
// scalar operand, and a generic strided path. Include only from .cpp files.
//
// The contiguous and broadcast-scalar loops exist in three copies: the baseline
// (SSE2) one and copies compiled for AVX2 and AVX-512 (WICK_TARGET_*); the
// functor and the always-inline vec:: math inline into each, so each copy is
// vectorised for its instruction set. cpu_capability() picks one per call. The
// copies keep -ffp-contract=off, so all three round alike.
#include <cstring>
#include <tuple>
#include <type_traits>
#include <utility>

#include "wick/core/cpu_capability.h"
#include "wick/core/half.h"
#include "wick/core/parallel.h"
#include "wick/tensor/tensor_iterator.h"

namespace wick::kernels {

template <typename T>
struct function_traits : function_traits<decltype(&T::operator())> {};
template <typename C, typename R, typename... Args>
struct function_traits<R (C::*)(Args...) const> {
  using result_type = R;
  using args_tuple = std::tuple<std::decay_t<Args>...>;
  static constexpr size_t arity = sizeof...(Args);
  template <size_t i>
  using arg = std::tuple_element_t<i, args_tuple>;
};
template <typename R, typename... Args>
struct function_traits<R (*)(Args...)> {
  using result_type = R;
  using args_tuple = std::tuple<std::decay_t<Args>...>;
  static constexpr size_t arity = sizeof...(Args);
  template <size_t i>
  using arg = std::tuple_element_t<i, args_tuple>;
};

template <typename T>
inline T load(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

namespace detail {

template <typename F, size_t... I>
inline void strided_loop(const F& op, char** data, const int64_t* strides, int64_t n,
                         std::index_sequence<I...>) {
  using traits = function_traits<F>;
  using R = typename traits::result_type;
  char* out = data[0];
  for (int64_t i = 0; i < n; ++i) {
    R r = op(*reinterpret_cast<const typename traits::template arg<I>*>(
        data[I + 1] + i * strides[I + 1])...);
    *reinterpret_cast<R*>(out + i * strides[0]) = r;
  }
}

template <typename F, size_t... I>
[[gnu::always_inline]] inline void contiguous_loop(const F& op, char** data, int64_t n,
                                                   std::index_sequence<I...>) {
  using traits = function_traits<F>;
  using R = typename traits::result_type;
  R* __restrict__ out = reinterpret_cast<R*>(data[0]);
  std::tuple<const typename traits::template arg<I>* __restrict__...> in{
      reinterpret_cast<const typename traits::template arg<I>*>(data[I + 1])...};
  for (int64_t i = 0; i < n; ++i) out[i] = op(std::get<I>(in)[i]...);
}

// Binary op where input `S` (0 or 1) is the same element everywhere.
template <int S, typename F>
[[gnu::always_inline]] inline void scalar_binary_loop(const F& op, char** data, int64_t n) {
  using traits = function_traits<F>;
  using R = typename traits::result_type;
  using A = typename traits::template arg<0>;
  using B = typename traits::template arg<1>;
  R* __restrict__ out = reinterpret_cast<R*>(data[0]);
  if constexpr (S == 0) {
    const A a = *reinterpret_cast<const A*>(data[1]);
    const B* __restrict__ b = reinterpret_cast<const B*>(data[2]);
    for (int64_t i = 0; i < n; ++i) out[i] = op(a, b[i]);
  } else {
    const A* __restrict__ a = reinterpret_cast<const A*>(data[1]);
    const B b = *reinterpret_cast<const B*>(data[2]);
    for (int64_t i = 0; i < n; ++i) out[i] = op(a[i], b);
  }
}

#if WICK_HAVE_CPU_DISPATCH
template <typename F, typename Seq>
WICK_TARGET_AVX2 void contiguous_loop_avx2(const F& op, char** data, int64_t n, Seq s) {
  contiguous_loop(op, data, n, s);
}
template <typename F, typename Seq>
WICK_TARGET_AVX512 void contiguous_loop_avx512(const F& op, char** data, int64_t n, Seq s) {
  contiguous_loop(op, data, n, s);
}
template <int S, typename F>
WICK_TARGET_AVX2 void scalar_binary_loop_avx2(const F& op, char** data, int64_t n) {
  scalar_binary_loop<S>(op, data, n);
}
template <int S, typename F>
WICK_TARGET_AVX512 void scalar_binary_loop_avx512(const F& op, char** data, int64_t n) {
  scalar_binary_loop<S>(op, data, n);
}
#endif

// Which functors get the AVX2/AVX-512 copies: those on floating types (float,
// double, Half, BFloat16), where wider vectors pay (math functions, 16-bit
// conversions). Integer and bool loops keep the baseline copy only, which keeps
// the build time of the op libraries down.
template <typename T>
inline constexpr bool is_vec_float_v =
    std::is_floating_point_v<T> || std::is_same_v<T, Half> || std::is_same_v<T, BFloat16>;
template <typename F, size_t... I>
constexpr bool wants_copies(std::index_sequence<I...>) {
  using traits = function_traits<F>;
  return is_vec_float_v<typename traits::result_type> &&
         (is_vec_float_v<typename traits::template arg<I>> && ...);
}

// The copy for the current capability.
template <typename F, typename Seq>
inline void dispatch_contiguous(const F& op, char** data, int64_t n, Seq s) {
#if WICK_HAVE_CPU_DISPATCH
  if constexpr (wants_copies<F>(Seq{})) {
    const CpuCapability cap = cpu_capability();
    if (cap == CpuCapability::AVX512) return contiguous_loop_avx512(op, data, n, s);
    if (cap == CpuCapability::AVX2) return contiguous_loop_avx2(op, data, n, s);
  }
#endif
  contiguous_loop(op, data, n, s);
}
template <int S, typename F>
inline void dispatch_scalar_binary(const F& op, char** data, int64_t n) {
#if WICK_HAVE_CPU_DISPATCH
  if constexpr (wants_copies<F>(std::make_index_sequence<2>{})) {
    const CpuCapability cap = cpu_capability();
    if (cap == CpuCapability::AVX512) return scalar_binary_loop_avx512<S>(op, data, n);
    if (cap == CpuCapability::AVX2) return scalar_binary_loop_avx2<S>(op, data, n);
  }
#endif
  scalar_binary_loop<S>(op, data, n);
}

template <typename F, size_t... I>
inline bool all_contiguous(const int64_t* strides, std::index_sequence<I...>) {
  using traits = function_traits<F>;
  return strides[0] == sizeof(typename traits::result_type) &&
         ((strides[I + 1] == sizeof(typename traits::template arg<I>)) && ...);
}

}  // namespace detail

// Runs `op` (one output, N inputs, types matching the iterator's dtypes) over `iter`.
template <typename F>
void cpu_kernel(const TensorIterator& iter, const F& op, int64_t grain = kGrainSize) {
  using traits = function_traits<F>;
  constexpr size_t N = traits::arity;
  using Seq = std::make_index_sequence<N>;
  WICK_INTERNAL_ASSERT(iter.ntensors() == static_cast<int>(N) + 1);
  iter.for_each(
      [&](char** data, const int64_t* strides, int64_t n) {
        if (detail::all_contiguous<F>(strides, Seq{})) {
          detail::dispatch_contiguous(op, data, n, Seq{});
          return;
        }
        if constexpr (N == 2) {
          using R = typename traits::result_type;
          using A = typename traits::template arg<0>;
          using B = typename traits::template arg<1>;
          if (strides[0] == sizeof(R)) {
            if (strides[1] == 0 && strides[2] == sizeof(B)) {
              detail::dispatch_scalar_binary<0>(op, data, n);
              return;
            }
            if (strides[2] == 0 && strides[1] == sizeof(A)) {
              detail::dispatch_scalar_binary<1>(op, data, n);
              return;
            }
          }
        }
        detail::strided_loop(op, data, strides, n, Seq{});
      },
      grain);
}

// Runs `op` with no inputs (fills): op() gives each output element.
template <typename F>
void cpu_serial_kernel(const TensorIterator& iter, const F& op) {
  using traits = function_traits<F>;
  using R = typename traits::result_type;
  iter.serial_for_each(
      [&](char** data, const int64_t* strides, int64_t n) {
        char* out = data[0];
        for (int64_t i = 0; i < n; ++i) *reinterpret_cast<R*>(out + i * strides[0]) = op();
      },
      0, iter.numel());
}

}  // namespace wick::kernels
