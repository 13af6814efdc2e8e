#pragma once
// Shared plumbing of the elementwise op families (unary, binary, pointwise):
// how an op's three entry points (functional, in-place, out=) build their
// TensorIterator, and typed drivers that run a functor in the op's math type.
// Include only from .cpp files.
#include <cmath>
#include <type_traits>

#include "wick/core/dispatch.h"
#include "wick/kernels/cpu/loops.h"

namespace wick::kernels {

// Which entry point is running: out = f(x) allocates, f_(x) writes x (no resize,
// x takes part in broadcasting), f_out(out, x) writes out (resized if needed).
enum class Mode { Functional, InPlace, Out };

inline TensorIteratorConfig& apply_mode(TensorIteratorConfig& cfg, Mode mode) {
  if (mode == Mode::InPlace) cfg.resize_outputs(false);
  return cfg;
}

// The functional form passes an undefined out; the other two pass the target.
inline TensorIterator make_iter(const Tensor& out, std::initializer_list<Tensor> inputs, Mode mode,
                                bool int_to_float, const char* name) {
  TensorIteratorConfig cfg;
  cfg.name(name).add_output(out).promote_integer_inputs_to_float(int_to_float);
  for (const auto& t : inputs) cfg.add_input(t);
  apply_mode(cfg, mode);
  return cfg.build();
}

// Iterator whose output is bool (comparisons, predicates); inputs share their common dtype.
inline TensorIterator make_bool_iter(const Tensor& out, std::initializer_list<Tensor> inputs,
                                     Mode mode, const char* name) {
  TensorIteratorConfig cfg;
  cfg.name(name).add_output(out).declare_static_dtype(kBool).enforce_safe_casting_to_output(false);
  for (const auto& t : inputs) cfg.add_input(t);
  apply_mode(cfg, mode);
  return cfg.build();
}

// Runs f(opmath a, ...) -> opmath for every element, with scalar_t bound by the
// caller's dispatch. Half/BFloat16 compute in float.
template <typename scalar_t, typename F>
inline void run_unary(const TensorIterator& iter, const F& f) {
  using opm = opmath_t<scalar_t>;
  cpu_kernel(iter, [f](scalar_t a) -> scalar_t {
    return static_cast<scalar_t>(f(static_cast<opm>(a)));
  });
}
template <typename scalar_t, typename F>
inline void run_binary(const TensorIterator& iter, const F& f) {
  using opm = opmath_t<scalar_t>;
  cpu_kernel(iter, [f](scalar_t a, scalar_t b) -> scalar_t {
    return static_cast<scalar_t>(f(static_cast<opm>(a), static_cast<opm>(b)));
  });
}
// Same, producing bool.
template <typename scalar_t, typename F>
inline void run_unary_pred(const TensorIterator& iter, const F& f) {
  using opm = opmath_t<scalar_t>;
  cpu_kernel(iter, [f](scalar_t a) -> bool { return f(static_cast<opm>(a)); });
}
template <typename scalar_t, typename F>
inline void run_binary_pred(const TensorIterator& iter, const F& f) {
  using opm = opmath_t<scalar_t>;
  cpu_kernel(iter, [f](scalar_t a, scalar_t b) -> bool {
    return f(static_cast<opm>(a), static_cast<opm>(b));
  });
}

}  // namespace wick::kernels
