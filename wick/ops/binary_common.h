#pragma once
// Entry-point macros shared by binary.cpp and compare.cpp (include only from
// those). Each binary op `name` with a kernel `name##_kernel(const TensorIterator&)`
// gets its functional, scalar, in-place and out= forms plus the Tensor methods.
#include "wick/kernels/cpu/elementwise.h"
#include "wick/ops/creation.h"
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

// The scalar operand of `self op s` as a wrapped 0-dim tensor already in the
// result dtype: promotion comes out the same as with wrapped_scalar_tensor(s)
// (the value is converted to the result dtype either way), minus a cast copy.
// Not for ops whose checks look at the scalar's own category (sub with bool).
// `to_float`: the op computes integers in the default float dtype (true
// division, atan2, copysign, xlogy), so an integral result dtype would wrap the
// number first (uint8 / -3 would divide by 253): keep it as a float instead.
inline Tensor wrapped_scalar_for(const Tensor& self, const Scalar& s, bool to_float = false) {
  ScalarType t = result_type(self, s);
  if (to_float && !is_floating_type(t)) t = get_default_dtype();
  Tensor w = empty({}, TensorOptions(t));
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(t, "wrapped_scalar", [&] { *w.data_ptr<scalar_t>() = s.to<scalar_t>(); });
  w.unsafeGetTensorImpl()->set_wrapped_number(true);
  return w;
}

}  // namespace wick::binary_detail

#define WICK_BINARY_ENTRIES(name, kind)                                                   \
  Tensor name(const Tensor& self, const Tensor& other) {                                  \
    return binary_detail::run_binary_op(Tensor(), self, other, binary_detail::Mode::Functional, \
                                        kind, #name, name##_kernel);                      \
  }                                                                                       \
  Tensor name(const Tensor& self, const Scalar& other) {                                  \
    return name(self, binary_detail::wrapped_scalar_for(self, other,                      \
                                                        (kind) == binary_detail::Kind::Float)); \
  }                                                                                       \
  Tensor& name##_(Tensor& self, const Tensor& other) {                                    \
    binary_detail::run_binary_op(self, self, other, binary_detail::Mode::InPlace, kind, #name, \
                                 name##_kernel);                                          \
    return self;                                                                          \
  }                                                                                       \
  Tensor& name##_(Tensor& self, const Scalar& other) {                                    \
    return name##_(self, binary_detail::wrapped_scalar_for(self, other,                   \
                                                           (kind) == binary_detail::Kind::Float)); \
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
