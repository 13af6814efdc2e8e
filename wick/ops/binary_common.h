#pragma once
// Entry-point macros shared by binary.cpp and compare.cpp (include only from
// those). Each binary op `name` with a kernel `name##_kernel(const TensorIterator&)`
// gets its functional, scalar, in-place and out= forms plus the Tensor methods.
#include "wick/kernels/cpu/elementwise.h"
#include "wick/ops/binary.h"

namespace wick::binary_detail {

using kernels::Mode;
using KernelFn = void (*)(const TensorIterator&);

// How an op builds its iterator: same-dtype result, int->float result, or bool result.
enum class Kind { Same, Float, Bool };

inline Tensor run_binary_op(const Tensor& out, const Tensor& a, const Tensor& b, Mode mode,
                            Kind kind, const char* name, KernelFn kernel) {
  TensorIterator iter = kind == Kind::Bool
                            ? kernels::make_bool_iter(out, {a, b}, mode, name)
                            : kernels::make_iter(out, {a, b}, mode, kind == Kind::Float, name);
  kernel(iter);
  iter.cast_outputs();
  return iter.output();
}

}  // namespace wick::binary_detail

#define WICK_BINARY_ENTRIES(name, kind)                                                   \
  Tensor name(const Tensor& self, const Tensor& other) {                                  \
    return binary_detail::run_binary_op(Tensor(), self, other, binary_detail::Mode::Functional, \
                                        kind, #name, name##_kernel);                      \
  }                                                                                       \
  Tensor name(const Tensor& self, const Scalar& other) {                                  \
    return name(self, wrapped_scalar_tensor(other));                                      \
  }                                                                                       \
  Tensor& name##_(Tensor& self, const Tensor& other) {                                    \
    binary_detail::run_binary_op(self, self, other, binary_detail::Mode::InPlace, kind, #name, \
                                 name##_kernel);                                          \
    return self;                                                                          \
  }                                                                                       \
  Tensor& name##_(Tensor& self, const Scalar& other) {                                    \
    return name##_(self, wrapped_scalar_tensor(other));                                   \
  }                                                                                       \
  Tensor& name##_out(Tensor& out, const Tensor& self, const Tensor& other) {              \
    binary_detail::run_binary_op(out, self, other, binary_detail::Mode::Out, kind, #name,  \
                                 name##_kernel);                                          \
    return out;                                                                           \
  }                                                                                       \
  WICK_BINARY_METHODS(name, name)

#define WICK_BINARY_METHODS(method, target)                                               \
  Tensor Tensor::method(const Tensor& other) const { return wick::target(*this, other); }  \
  Tensor Tensor::method(const Scalar& other) const { return wick::target(*this, other); }  \
  Tensor& Tensor::method##_(const Tensor& other) { return wick::target##_(*this, other); } \
  Tensor& Tensor::method##_(const Scalar& other) { return wick::target##_(*this, other); }

#define WICK_BINARY_ALIAS(alias, target)                                                  \
  Tensor alias(const Tensor& self, const Tensor& other) { return target(self, other); }   \
  Tensor alias(const Tensor& self, const Scalar& other) { return target(self, other); }   \
  Tensor& alias##_(Tensor& self, const Tensor& other) { return target##_(self, other); }  \
  Tensor& alias##_(Tensor& self, const Scalar& other) { return target##_(self, other); }  \
  Tensor& alias##_out(Tensor& out, const Tensor& self, const Tensor& other) {             \
    return target##_out(out, self, other);                                                \
  }                                                                                       \
  WICK_BINARY_METHODS(alias, target)
