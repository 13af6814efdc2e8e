#pragma once
// Binary elementwise ops: arithmetic (binary.cpp) and comparison, logical and
// bitwise ops (compare.cpp). Tensor-scalar forms treat the scalar as a wrapped
// number, so promotion follows PyTorch (int tensor + 2.5 -> float32; a uint8
// tensor + 300 stays uint8 and wraps).
#include <optional>
#include <string>

#include "wick/tensor/tensor.h"

namespace wick {

Tensor add(const Tensor& self, const Tensor& other, const Scalar& alpha = 1);
Tensor add(const Tensor& self, const Scalar& other, const Scalar& alpha = 1);
Tensor& add_(Tensor& self, const Tensor& other, const Scalar& alpha = 1);
Tensor& add_(Tensor& self, const Scalar& other, const Scalar& alpha = 1);
Tensor& add_out(Tensor& out, const Tensor& self, const Tensor& other, const Scalar& alpha = 1);

Tensor sub(const Tensor& self, const Tensor& other, const Scalar& alpha = 1);
Tensor sub(const Tensor& self, const Scalar& other, const Scalar& alpha = 1);
Tensor& sub_(Tensor& self, const Tensor& other, const Scalar& alpha = 1);
Tensor& sub_(Tensor& self, const Scalar& other, const Scalar& alpha = 1);
Tensor& sub_out(Tensor& out, const Tensor& self, const Tensor& other, const Scalar& alpha = 1);
Tensor subtract(const Tensor& self, const Tensor& other, const Scalar& alpha = 1);
Tensor subtract(const Tensor& self, const Scalar& other, const Scalar& alpha = 1);
// other - alpha * self
Tensor rsub(const Tensor& self, const Tensor& other, const Scalar& alpha = 1);
Tensor rsub(const Tensor& self, const Scalar& other, const Scalar& alpha = 1);

// rounding_mode: nullopt (true division, ints give float), "trunc" or "floor".
Tensor div(const Tensor& self, const Tensor& other,
           std::optional<std::string> rounding_mode = std::nullopt);
Tensor div(const Tensor& self, const Scalar& other,
           std::optional<std::string> rounding_mode = std::nullopt);
Tensor& div_(Tensor& self, const Tensor& other,
             std::optional<std::string> rounding_mode = std::nullopt);
Tensor& div_(Tensor& self, const Scalar& other,
             std::optional<std::string> rounding_mode = std::nullopt);
Tensor& div_out(Tensor& out, const Tensor& self, const Tensor& other,
                std::optional<std::string> rounding_mode = std::nullopt);
Tensor divide(const Tensor& self, const Tensor& other,
              std::optional<std::string> rounding_mode = std::nullopt);
Tensor divide(const Tensor& self, const Scalar& other,
              std::optional<std::string> rounding_mode = std::nullopt);
Tensor true_divide(const Tensor& self, const Tensor& other);
Tensor true_divide(const Tensor& self, const Scalar& other);

// name(tensor, tensor), name(tensor, scalar), in-place forms and out=.
#define WICK_DECLARE_BINARY(name)                                              \
  Tensor name(const Tensor& self, const Tensor& other);                        \
  Tensor name(const Tensor& self, const Scalar& other);                        \
  Tensor& name##_(Tensor& self, const Tensor& other);                          \
  Tensor& name##_(Tensor& self, const Scalar& other);                          \
  Tensor& name##_out(Tensor& out, const Tensor& self, const Tensor& other);

WICK_DECLARE_BINARY(mul)
WICK_DECLARE_BINARY(multiply)
WICK_DECLARE_BINARY(floor_divide)
WICK_DECLARE_BINARY(remainder)  // sign of the divisor (Python %)
WICK_DECLARE_BINARY(fmod)       // sign of the dividend (C fmod)
WICK_DECLARE_BINARY(pow)
WICK_DECLARE_BINARY(float_power)  // always computed and returned in float64
WICK_DECLARE_BINARY(atan2)
WICK_DECLARE_BINARY(arctan2)
WICK_DECLARE_BINARY(hypot)
WICK_DECLARE_BINARY(copysign)
WICK_DECLARE_BINARY(logaddexp)
WICK_DECLARE_BINARY(logaddexp2)
WICK_DECLARE_BINARY(xlogy)
WICK_DECLARE_BINARY(bitwise_and)
WICK_DECLARE_BINARY(bitwise_or)
WICK_DECLARE_BINARY(bitwise_xor)
WICK_DECLARE_BINARY(bitwise_left_shift)
WICK_DECLARE_BINARY(bitwise_right_shift)
WICK_DECLARE_BINARY(logical_and)
WICK_DECLARE_BINARY(logical_or)
WICK_DECLARE_BINARY(logical_xor)
WICK_DECLARE_BINARY(eq)
WICK_DECLARE_BINARY(ne)
WICK_DECLARE_BINARY(lt)
WICK_DECLARE_BINARY(le)
WICK_DECLARE_BINARY(gt)
WICK_DECLARE_BINARY(ge)
WICK_DECLARE_BINARY(greater)
WICK_DECLARE_BINARY(greater_equal)
WICK_DECLARE_BINARY(less)
WICK_DECLARE_BINARY(less_equal)
WICK_DECLARE_BINARY(not_equal)
#undef WICK_DECLARE_BINARY

// Scalar base or scalar first operand.
Tensor pow(const Scalar& self, const Tensor& exponent);
Tensor float_power(const Scalar& self, const Tensor& exponent);
Tensor remainder(const Scalar& self, const Tensor& other);
Tensor xlogy(const Scalar& self, const Tensor& other);
Tensor bitwise_left_shift(const Scalar& self, const Tensor& other);
Tensor bitwise_right_shift(const Scalar& self, const Tensor& other);

// NaN-propagating elementwise max/min, and the NaN-ignoring fmax/fmin.
#define WICK_DECLARE_BINARY_TT(name)                     \
  Tensor name(const Tensor& self, const Tensor& other);  \
  Tensor& name##_out(Tensor& out, const Tensor& self, const Tensor& other);
WICK_DECLARE_BINARY_TT(maximum)
WICK_DECLARE_BINARY_TT(minimum)
WICK_DECLARE_BINARY_TT(fmax)
WICK_DECLARE_BINARY_TT(fmin)
#undef WICK_DECLARE_BINARY_TT

// Same sizes and equal elements.
bool equal(const Tensor& self, const Tensor& other);
// |self - other| <= atol + rtol * |other|, elementwise (inputs of one dtype).
Tensor isclose(const Tensor& self, const Tensor& other, double rtol = 1e-05, double atol = 1e-08,
               bool equal_nan = false);
bool allclose(const Tensor& self, const Tensor& other, double rtol = 1e-05, double atol = 1e-08,
              bool equal_nan = false);

}  // namespace wick
