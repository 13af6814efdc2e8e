// Comparison, logical and bitwise binary ops, equal / isclose / allclose.
#include <cmath>
#include <cstring>
#include <type_traits>

#include "wick/ops/binary_common.h"

namespace wick {

using binary_detail::Kind;
using binary_detail::Mode;

namespace {

// Comparisons run in the inputs' common dtype and write bool.
#define WICK_COMPARE_KERNEL(name, op)                                            \
  void name##_kernel(const TensorIterator& it) {                                 \
    WICK_DISPATCH_ALL_TYPES_AND_BOOL(it.common_dtype(), #name "_cpu", [&] {      \
      kernels::run_binary_pred<scalar_t>(it, [](auto a, auto b) { return a op b; }); \
    });                                                                          \
  }
WICK_COMPARE_KERNEL(eq, ==)
WICK_COMPARE_KERNEL(ne, !=)
WICK_COMPARE_KERNEL(lt, <)
WICK_COMPARE_KERNEL(le, <=)
WICK_COMPARE_KERNEL(gt, >)
WICK_COMPARE_KERNEL(ge, >=)
#undef WICK_COMPARE_KERNEL

#define WICK_LOGICAL_KERNEL(name, expr)                                           \
  void name##_kernel(const TensorIterator& it) {                                 \
    WICK_DISPATCH_ALL_TYPES_AND_BOOL(it.common_dtype(), #name "_cpu", [&] {      \
      kernels::run_binary_pred<scalar_t>(it, [](auto a, auto b) {                \
        using T = decltype(a);                                                   \
        const bool x = a != T(0), y = b != T(0);                                 \
        return expr;                                                             \
      });                                                                        \
    });                                                                          \
  }
WICK_LOGICAL_KERNEL(logical_and, x && y)
WICK_LOGICAL_KERNEL(logical_or, x || y)
WICK_LOGICAL_KERNEL(logical_xor, x != y)
#undef WICK_LOGICAL_KERNEL

#define WICK_BITWISE_KERNEL(name, op)                                             \
  void name##_kernel(const TensorIterator& it) {                                 \
    WICK_DISPATCH_INTEGRAL_AND_BOOL(it.common_dtype(), #name "_cpu", [&] {       \
      kernels::run_binary<scalar_t>(it, [](auto a, auto b) {                     \
        return static_cast<decltype(a)>(a op b);                                 \
      });                                                                        \
    });                                                                          \
  }
WICK_BITWISE_KERNEL(bitwise_and, &)
WICK_BITWISE_KERNEL(bitwise_or, |)
WICK_BITWISE_KERNEL(bitwise_xor, ^)
#undef WICK_BITWISE_KERNEL

// Shifts by a negative amount or by the bit width or more give what shifting one
// bit at a time would: 0 for left shifts, the sign fill for right shifts (PyTorch 2.x).
void bitwise_left_shift_kernel(const TensorIterator& it) {
  WICK_DISPATCH_INTEGRAL_TYPES(it.common_dtype(), "lshift_cpu", [&] {
    kernels::run_binary<scalar_t>(it, [](auto a, auto b) {
      using T = decltype(a);
      using U = std::make_unsigned_t<T>;
      constexpr int bits = sizeof(T) * 8;
      if (b < 0 || b >= bits) return T(0);
      return static_cast<T>(static_cast<U>(a) << b);
    });
  });
}
void bitwise_right_shift_kernel(const TensorIterator& it) {
  WICK_DISPATCH_INTEGRAL_TYPES(it.common_dtype(), "rshift_cpu", [&] {
    kernels::run_binary<scalar_t>(it, [](auto a, auto b) {
      using T = decltype(a);
      constexpr int bits = sizeof(T) * 8;
      if (b < 0 || b >= bits) {
        if constexpr (std::is_signed_v<T>) return static_cast<T>(a >> (bits - 1));
        else return T(0);
      }
      return static_cast<T>(a >> b);
    });
  });
}

// Whether every element of a bool tensor is true.
bool all_true(const Tensor& t) {
  const Tensor c = t.contiguous();
  const bool* p = c.data_ptr<bool>();
  const int64_t n = c.numel();
  for (int64_t i = 0; i < n; ++i)
    if (!p[i]) return false;
  return true;
}

}  // namespace

WICK_BINARY_ENTRIES(eq, Kind::Bool)
WICK_BINARY_ENTRIES(ne, Kind::Bool)
WICK_BINARY_ENTRIES(lt, Kind::Bool)
WICK_BINARY_ENTRIES(le, Kind::Bool)
WICK_BINARY_ENTRIES(gt, Kind::Bool)
WICK_BINARY_ENTRIES(ge, Kind::Bool)
WICK_BINARY_ALIAS(not_equal, ne)
WICK_BINARY_ALIAS(less, lt)
WICK_BINARY_ALIAS(less_equal, le)
WICK_BINARY_ALIAS(greater, gt)
WICK_BINARY_ALIAS(greater_equal, ge)
WICK_BINARY_ENTRIES(logical_and, Kind::Bool)
WICK_BINARY_ENTRIES(logical_or, Kind::Bool)
WICK_BINARY_ENTRIES(logical_xor, Kind::Bool)
WICK_BINARY_ENTRIES(bitwise_and, Kind::Same)
WICK_BINARY_ENTRIES(bitwise_or, Kind::Same)
WICK_BINARY_ENTRIES(bitwise_xor, Kind::Same)
WICK_BINARY_ENTRIES(bitwise_left_shift, Kind::Same)
WICK_BINARY_ENTRIES(bitwise_right_shift, Kind::Same)

Tensor bitwise_left_shift(const Scalar& self, const Tensor& other) {
  return bitwise_left_shift(wrapped_scalar_tensor(self), other);
}
Tensor bitwise_right_shift(const Scalar& self, const Tensor& other) {
  return bitwise_right_shift(wrapped_scalar_tensor(self), other);
}

bool equal(const Tensor& self, const Tensor& other) {
  if (!self.sizes().equals(other.sizes())) return false;
  if (self.numel() == 0) return true;
  return all_true(eq(self, other));
}
bool Tensor::equal(const Tensor& other) const { return wick::equal(*this, other); }

Tensor isclose(const Tensor& self, const Tensor& other, double rtol, double atol, bool equal_nan) {
  WICK_CHECK(self.dtype() == other.dtype(), to_string(self.dtype()), " did not match ",
             to_string(other.dtype()));
  WICK_CHECK(rtol >= 0, "rtol must be greater than or equal to zero, but got ", rtol);
  WICK_CHECK(atol >= 0, "atol must be greater than or equal to zero, but got ", atol);
  TensorIterator iter = kernels::make_bool_iter(Tensor(), {self, other}, Mode::Functional, "isclose");
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(iter.common_dtype(), "isclose", [&] {
    using opm = opmath_t<scalar_t>;
    // Floats compare in their own precision (as PyTorch's tensor formula does); integers in double.
    using C = std::conditional_t<std::is_floating_point_v<opm>, opm, double>;
    const C rt = static_cast<C>(rtol), at = static_cast<C>(atol);
    kernels::cpu_kernel(iter, [rt, at, equal_nan](scalar_t a, scalar_t b) -> bool {
      const C x = static_cast<C>(static_cast<opm>(a)), y = static_cast<C>(static_cast<opm>(b));
      if (x == y) return true;
      if (x != x || y != y) return equal_nan && x != x && y != y;
      if (!std::isfinite(x) || !std::isfinite(y)) return false;
      return std::abs(x - y) <= at + rt * std::abs(y);
    });
  });
  return iter.output();
}
bool allclose(const Tensor& self, const Tensor& other, double rtol, double atol, bool equal_nan) {
  return all_true(isclose(self, other, rtol, atol, equal_nan));
}
Tensor Tensor::isclose(const Tensor& other, double rtol, double atol, bool equal_nan) const {
  return wick::isclose(*this, other, rtol, atol, equal_nan);
}
bool Tensor::allclose(const Tensor& other, double rtol, double atol, bool equal_nan) const {
  return wick::allclose(*this, other, rtol, atol, equal_nan);
}

// ---- operators ----------------------------------------------------------------

Tensor operator&(const Tensor& a, const Tensor& b) { return bitwise_and(a, b); }
Tensor operator|(const Tensor& a, const Tensor& b) { return bitwise_or(a, b); }
Tensor operator^(const Tensor& a, const Tensor& b) { return bitwise_xor(a, b); }
Tensor operator<<(const Tensor& a, const Tensor& b) { return bitwise_left_shift(a, b); }
Tensor operator>>(const Tensor& a, const Tensor& b) { return bitwise_right_shift(a, b); }
Tensor operator==(const Tensor& a, const Tensor& b) { return eq(a, b); }
Tensor operator==(const Tensor& a, const Scalar& b) { return eq(a, b); }
Tensor operator!=(const Tensor& a, const Tensor& b) { return ne(a, b); }
Tensor operator!=(const Tensor& a, const Scalar& b) { return ne(a, b); }
Tensor operator<(const Tensor& a, const Tensor& b) { return lt(a, b); }
Tensor operator<(const Tensor& a, const Scalar& b) { return lt(a, b); }
Tensor operator<=(const Tensor& a, const Tensor& b) { return le(a, b); }
Tensor operator<=(const Tensor& a, const Scalar& b) { return le(a, b); }
Tensor operator>(const Tensor& a, const Tensor& b) { return gt(a, b); }
Tensor operator>(const Tensor& a, const Scalar& b) { return gt(a, b); }
Tensor operator>=(const Tensor& a, const Tensor& b) { return ge(a, b); }
Tensor operator>=(const Tensor& a, const Scalar& b) { return ge(a, b); }

Tensor& Tensor::operator&=(const Tensor& o) { return wick::bitwise_and_(*this, o); }
Tensor& Tensor::operator|=(const Tensor& o) { return wick::bitwise_or_(*this, o); }
Tensor& Tensor::operator^=(const Tensor& o) { return wick::bitwise_xor_(*this, o); }

}  // namespace wick
