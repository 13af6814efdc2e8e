#pragma once
// Unary elementwise ops. Each has a functional form, an in-place form `name_`
// and an out= form `name_out(out, self)`. Functions of real analysis (sqrt,
// exp, sin, ...) give integer and bool inputs the default float dtype, as
// PyTorch does; abs/neg/sign/ceil/floor/round/trunc keep integer dtypes.
#include <optional>
#include <string>

#include "wick/tensor/tensor.h"

namespace wick {

#define WICK_DECLARE_UNARY(name)       \
  Tensor name(const Tensor& self);     \
  Tensor& name##_(Tensor& self);       \
  Tensor& name##_out(Tensor& out, const Tensor& self);

WICK_DECLARE_UNARY(abs)
WICK_DECLARE_UNARY(absolute)
WICK_DECLARE_UNARY(neg)
WICK_DECLARE_UNARY(negative)
WICK_DECLARE_UNARY(sign)
WICK_DECLARE_UNARY(sgn)
WICK_DECLARE_UNARY(sqrt)
WICK_DECLARE_UNARY(rsqrt)
WICK_DECLARE_UNARY(exp)
WICK_DECLARE_UNARY(exp2)
WICK_DECLARE_UNARY(expm1)
WICK_DECLARE_UNARY(log)
WICK_DECLARE_UNARY(log2)
WICK_DECLARE_UNARY(log10)
WICK_DECLARE_UNARY(log1p)
WICK_DECLARE_UNARY(sin)
WICK_DECLARE_UNARY(cos)
WICK_DECLARE_UNARY(tan)
WICK_DECLARE_UNARY(asin)
WICK_DECLARE_UNARY(acos)
WICK_DECLARE_UNARY(atan)
WICK_DECLARE_UNARY(arcsin)
WICK_DECLARE_UNARY(arccos)
WICK_DECLARE_UNARY(arctan)
WICK_DECLARE_UNARY(sinh)
WICK_DECLARE_UNARY(cosh)
WICK_DECLARE_UNARY(tanh)
WICK_DECLARE_UNARY(asinh)
WICK_DECLARE_UNARY(acosh)
WICK_DECLARE_UNARY(atanh)
WICK_DECLARE_UNARY(arcsinh)
WICK_DECLARE_UNARY(arccosh)
WICK_DECLARE_UNARY(arctanh)
WICK_DECLARE_UNARY(sigmoid)
WICK_DECLARE_UNARY(erf)
WICK_DECLARE_UNARY(erfc)
WICK_DECLARE_UNARY(erfinv)
WICK_DECLARE_UNARY(ceil)
WICK_DECLARE_UNARY(floor)
WICK_DECLARE_UNARY(trunc)
WICK_DECLARE_UNARY(fix)
WICK_DECLARE_UNARY(frac)
WICK_DECLARE_UNARY(reciprocal)
WICK_DECLARE_UNARY(square)
WICK_DECLARE_UNARY(relu)
WICK_DECLARE_UNARY(silu)
WICK_DECLARE_UNARY(mish)
WICK_DECLARE_UNARY(bitwise_not)
WICK_DECLARE_UNARY(logical_not)
#undef WICK_DECLARE_UNARY

// Round half to even; with decimals != 0, to that many decimal places (floats only).
Tensor round(const Tensor& self, int64_t decimals = 0);
Tensor& round_(Tensor& self, int64_t decimals = 0);
Tensor& round_out(Tensor& out, const Tensor& self, int64_t decimals = 0);

// log(p / (1 - p)), with p clamped to [eps, 1 - eps] when eps is given.
Tensor logit(const Tensor& self, std::optional<double> eps = std::nullopt);
Tensor& logit_(Tensor& self, std::optional<double> eps = std::nullopt);
Tensor& logit_out(Tensor& out, const Tensor& self, std::optional<double> eps = std::nullopt);

// approximate: "none" (erf form) or "tanh".
Tensor gelu(const Tensor& self, const std::string& approximate = "none");
Tensor& gelu_(Tensor& self, const std::string& approximate = "none");
Tensor& gelu_out(Tensor& out, const Tensor& self, const std::string& approximate = "none");

// log(1 + exp(beta * x)) / beta, linear where beta * x > threshold.
Tensor softplus(const Tensor& self, const Scalar& beta = 1, const Scalar& threshold = 20);
Tensor& softplus_out(Tensor& out, const Tensor& self, const Scalar& beta = 1,
                     const Scalar& threshold = 20);

// clamp(self, min_val, max_val); keeps integer dtypes.
Tensor hardtanh(const Tensor& self, const Scalar& min_val = -1, const Scalar& max_val = 1);
Tensor& hardtanh_(Tensor& self, const Scalar& min_val = -1, const Scalar& max_val = 1);
Tensor& hardtanh_out(Tensor& out, const Tensor& self, const Scalar& min_val = -1,
                     const Scalar& max_val = 1);

// Predicates: bool results.
Tensor isnan(const Tensor& self);
Tensor isinf(const Tensor& self);
Tensor isposinf(const Tensor& self);
Tensor isneginf(const Tensor& self);
Tensor isfinite(const Tensor& self);
Tensor signbit(const Tensor& self);
Tensor& isposinf_out(Tensor& out, const Tensor& self);
Tensor& isneginf_out(Tensor& out, const Tensor& self);
Tensor& signbit_out(Tensor& out, const Tensor& self);

// NaN -> nan (default 0), +inf -> posinf (default: dtype max), -inf -> neginf (default: lowest).
Tensor nan_to_num(const Tensor& self, std::optional<double> nan = std::nullopt,
                  std::optional<double> posinf = std::nullopt,
                  std::optional<double> neginf = std::nullopt);
Tensor& nan_to_num_(Tensor& self, std::optional<double> nan = std::nullopt,
                    std::optional<double> posinf = std::nullopt,
                    std::optional<double> neginf = std::nullopt);
Tensor& nan_to_num_out(Tensor& out, const Tensor& self, std::optional<double> nan = std::nullopt,
                       std::optional<double> posinf = std::nullopt,
                       std::optional<double> neginf = std::nullopt);

}  // namespace wick
