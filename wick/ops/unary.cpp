#include "wick/ops/unary.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "wick/autograd/formula.h"
#include "wick/autograd/grad_mode.h"
#include "wick/kernels/cpu/elementwise.h"
#include "wick/kernels/cpu/vec_math.h"
#include "wick/ops/creation.h"
#include "wick/ops/nn_extra.h"
#include "wick/ops/pointwise.h"

namespace wick {

namespace {

using kernels::Mode;
using KernelFn = void (*)(const TensorIterator&);

Tensor run_unary_op(const Tensor& out, const Tensor& self, Mode mode, bool to_float,
                    const char* name, KernelFn kernel) {
  TensorIterator iter = kernels::make_iter(out, {self}, mode, to_float, name);
  kernel(iter);
  iter.cast_outputs();
  return iter.output();
}

// A numerically careful inverse error function: a rational first guess
// (M. Giles, "Approximating the erfinv function", 2010) polished by two Newton
// steps on erf in double precision.
double erfinv_double(double y) {
  if (std::isnan(y) || y < -1.0 || y > 1.0) return std::numeric_limits<double>::quiet_NaN();
  if (y == 1.0) return std::numeric_limits<double>::infinity();
  if (y == -1.0) return -std::numeric_limits<double>::infinity();
  double w = -std::log((1.0 - y) * (1.0 + y));
  double p;
  if (w < 5.0) {
    w -= 2.5;
    p = 2.81022636e-08;
    p = 3.43273939e-07 + p * w;
    p = -3.5233877e-06 + p * w;
    p = -4.39150654e-06 + p * w;
    p = 0.00021858087 + p * w;
    p = -0.00125372503 + p * w;
    p = -0.00417768164 + p * w;
    p = 0.246640727 + p * w;
    p = 1.50140941 + p * w;
  } else {
    w = std::sqrt(w) - 3.0;
    p = -0.000200214257;
    p = 0.000100950558 + p * w;
    p = 0.00134934322 + p * w;
    p = -0.00367342844 + p * w;
    p = 0.00573950773 + p * w;
    p = -0.0076224613 + p * w;
    p = 0.00943887047 + p * w;
    p = 1.00167406 + p * w;
    p = 2.83297682 + p * w;
  }
  double x = p * y;
  const double two_over_sqrt_pi = 1.1283791670955126;
  for (int i = 0; i < 2; ++i) {
    double err = std::erf(x) - y;
    x -= err / (two_over_sqrt_pi * std::exp(-x * x));
  }
  return x;
}

}  // namespace

// ---- derivatives ----------------------------------------------------------------
// One line per op, as in PyTorch's derivatives.yaml: the node's name, what the
// formula reads (x: the op's input, r: its result) and the gradient of the
// input, in terms of the incoming gradient g.

namespace {
using autograd::FormulaNode;
using autograd::variable_list;

enum class Saves { Input, Result, Nothing };
struct UnaryGrad {
  const char* name;
  autograd::Formula formula;
  Saves saves;
};

constexpr double kLn2 = 0.6931471805599453;
constexpr double kLn10 = 2.302585092994046;
constexpr double kTwoOverSqrtPi = 1.1283791670955126;
constexpr double kSqrtPiOverTwo = 0.8862269254527580;

#define WICK_UNARY_GRAD(op, node, what, expr)                                   \
  variable_list op##_formula(FormulaNode& n, const variable_list& gs) {         \
    const Tensor& g = gs[0];                                                    \
    Tensor x, r;                                                                \
    if (Saves::what == Saves::Input) x = n.saved(0);                            \
    if (Saves::what == Saves::Result) r = n.saved(0);                           \
    (void)x;                                                                    \
    (void)r;                                                                    \
    return {expr};                                                              \
  }                                                                             \
  const UnaryGrad op##_grad_info{node, op##_formula, Saves::what};              \
  [[maybe_unused]] const UnaryGrad* const op##_grad = &op##_grad_info;
#define WICK_UNARY_NO_GRAD(op) [[maybe_unused]] const UnaryGrad* const op##_grad = nullptr;

WICK_UNARY_GRAD(sqrt, "SqrtBackward0", Result, g / (2 * r))
WICK_UNARY_GRAD(rsqrt, "RsqrtBackward0", Result, -0.5 * g * r * r * r)
WICK_UNARY_GRAD(exp, "ExpBackward0", Result, g * r)
WICK_UNARY_GRAD(exp2, "Exp2Backward0", Result, g * r * kLn2)
WICK_UNARY_GRAD(expm1, "Expm1Backward0", Result, g * (r + 1))
WICK_UNARY_GRAD(log, "LogBackward0", Input, g / x)
WICK_UNARY_GRAD(log2, "Log2Backward0", Input, g / (x * kLn2))
WICK_UNARY_GRAD(log10, "Log10Backward0", Input, g / (x * kLn10))
WICK_UNARY_GRAD(log1p, "Log1pBackward0", Input, g / (x + 1))
WICK_UNARY_GRAD(sin, "SinBackward0", Input, g * x.cos())
WICK_UNARY_GRAD(cos, "CosBackward0", Input, -g * x.sin())
WICK_UNARY_GRAD(tan, "TanBackward0", Result, g * (r * r + 1))
WICK_UNARY_GRAD(asin, "AsinBackward0", Input, g * (1 - x * x).rsqrt())
WICK_UNARY_GRAD(acos, "AcosBackward0", Input, -g * (1 - x * x).rsqrt())
WICK_UNARY_GRAD(atan, "AtanBackward0", Input, g / (x * x + 1))
WICK_UNARY_GRAD(sinh, "SinhBackward0", Input, g * x.cosh())
WICK_UNARY_GRAD(cosh, "CoshBackward0", Input, g * x.sinh())
WICK_UNARY_GRAD(tanh, "TanhBackward0", Result, g * (1 - r * r))
WICK_UNARY_GRAD(asinh, "AsinhBackward0", Input, g * (x * x + 1).rsqrt())
WICK_UNARY_GRAD(acosh, "AcoshBackward0", Input, g * (x * x - 1).rsqrt())
WICK_UNARY_GRAD(atanh, "AtanhBackward0", Input, g / (1 - x * x))
WICK_UNARY_GRAD(sigmoid, "SigmoidBackward0", Result, g * r * (1 - r))
WICK_UNARY_GRAD(erf, "ErfBackward0", Input, g * kTwoOverSqrtPi * (-x * x).exp())
WICK_UNARY_GRAD(erfc, "ErfcBackward0", Input, -g * kTwoOverSqrtPi * (-x * x).exp())
WICK_UNARY_GRAD(erfinv, "ErfinvBackward0", Result, g * kSqrtPiOverTwo * (r * r).exp())
WICK_UNARY_GRAD(reciprocal, "ReciprocalBackward0", Result, -g * r * r)
WICK_UNARY_GRAD(silu, "SiluBackward0", Input, g * x.sigmoid() * (1 + x * (1 - x.sigmoid())))
WICK_UNARY_GRAD(mish, "MishBackward0", Input,
                g * (x.exp().log1p().tanh() +
                     x * x.sigmoid() * (1 - x.exp().log1p().tanh() * x.exp().log1p().tanh())))
WICK_UNARY_GRAD(frac, "FracBackward0", Nothing, g)
WICK_UNARY_GRAD(abs, "AbsBackward0", Input, g * x.sign())
WICK_UNARY_GRAD(neg, "NegBackward0", Nothing, -g)
// Piecewise-constant functions pass zero gradients, as PyTorch's do.
WICK_UNARY_GRAD(sign, "SignBackward0", Nothing, zeros_like(g))
WICK_UNARY_GRAD(ceil, "CeilBackward0", Nothing, zeros_like(g))
WICK_UNARY_GRAD(floor, "FloorBackward0", Nothing, zeros_like(g))
WICK_UNARY_GRAD(trunc, "TruncBackward0", Nothing, zeros_like(g))
WICK_UNARY_GRAD(relu, "ReluBackward0", Result, threshold_grad(g, r, 0.0))
WICK_UNARY_NO_GRAD(bitwise_not)
#undef WICK_UNARY_GRAD
#undef WICK_UNARY_NO_GRAD

// Records the op's node on `out`; `saved_input` is the input as the formula must see it.
void record_unary(const UnaryGrad* gi, const Tensor& self, const Tensor& out,
                  const Tensor& saved_input) {
  if (gi == nullptr || !autograd::compute_requires_grad(self)) return;
  FormulaNode* n = autograd::record(gi->name, gi->formula, {self}, {out});
  if (gi->saves == Saves::Input) n->save(saved_input);
  if (gi->saves == Saves::Result) n->save_output(out);
}

// Before an in-place unary op: refuses leaves, and keeps the input the
// formula needs (the write destroys it), with its history for double backward.
Tensor prepare_inplace_unary(const UnaryGrad* gi, const Tensor& self) {
  autograd::impl::check_inplace(self);
  if (gi == nullptr || gi->saves != Saves::Input || !autograd::compute_requires_grad(self))
    return Tensor();
  return self.clone();
}

// ---- derivatives of the ops with options -------------------------------------------
// A 0/1 mask in g's dtype (a constant: comparisons are not differentiable).
Tensor as_mask(const Tensor& b, const Tensor& like) { return b.to(like.dtype()); }

variable_list square_backward(FormulaNode& n, const variable_list& gs) {
  return {gs[0] * 2 * n.saved(0)};
}
variable_list zero_backward(FormulaNode&, const variable_list& gs) { return {zeros_like(gs[0])}; }

// d/dx log(x / (1 - x)) = 1 / (x (1 - x)); with eps the gradient is zero where
// the input was clamped (outside [eps, 1 - eps]); without, NaN outside [0, 1].
variable_list logit_backward(FormulaNode& n, const variable_list& gs) {
  const Tensor& g = gs[0];
  Tensor x = n.saved(0);
  if (n.int_at(0)) {
    const double lo = n.scalar(0).toDouble(), hi = 1.0 - lo;
    Tensor m = as_mask(x >= lo, g) * as_mask(x <= hi, g);
    // Masked-out points read 0.5 so the (discarded) quotient stays finite.
    Tensor xs = x * m + (1 - m) * 0.5;
    return {g * m / (xs * (1 - xs))};
  }
  Tensor inside = as_mask(x >= 0, g) * as_mask(x <= 1, g);
  return {g / (x * (1 - x)) * (inside / inside)};
}

// none: Phi(x) + x phi(x); tanh: 0.5 (1 + t) + 0.5 x (1 - t^2) k (1 + 3 c x^2),
// t = tanh(k (x + c x^3)), k = sqrt(2 / pi), c = 0.044715.
variable_list gelu_backward(FormulaNode& n, const variable_list& gs) {
  const Tensor& g = gs[0];
  Tensor x = n.saved(0);
  if (!autograd::GradMode::is_enabled()) {
    // Plain backward (no create_graph): one fused pass over (g, x) instead of
    // the composite below, which makes about ten.
    TensorIterator iter = TensorIteratorConfig().name("gelu_backward").add_output(Tensor())
                              .add_input(g).add_input(x).build();
    const bool use_tanh = n.int_at(0) != 0;
    WICK_DISPATCH_FLOATING_AND_HALF(iter.common_dtype(), "gelu_backward", [&] {
      using T = opmath_t<scalar_t>;
      if (use_tanh) {
        kernels::run_binary<scalar_t>(iter, [](T gv, T v) {
          const T k = T(0.7978845608028654), c = T(0.044715);
          T t = kernels::vec::tanh_fast(k * (v + c * v * v * v));
          return gv * (T(0.5) * (T(1) + t) + T(0.5) * v * (T(1) - t * t) * k * (T(3) * c * v * v + T(1)));
        });
      } else {
        kernels::run_binary<scalar_t>(iter, [](T gv, T v) {
          T cdf = T(0.5) * (T(1) + kernels::vec::erf_fast(v * T(0.7071067811865476)));
          T pdf = kernels::vec::exp_fast(T(-0.5) * v * v) * T(0.3989422804014327);
          return gv * (cdf + v * pdf);
        });
      }
    });
    iter.cast_outputs();
    return {iter.output()};
  }
  if (n.int_at(0)) {
    const double k = 0.7978845608028654, c = 0.044715;
    Tensor t = ((x + x * x * x * c) * k).tanh();
    return {g * ((t + 1) * 0.5 + x * 0.5 * (1 - t * t) * k * (x * x * (3 * c) + 1))};
  }
  const double inv_sqrt2 = 0.7071067811865476, inv_sqrt_2pi = 0.3989422804014327;
  Tensor cdf = ((x * inv_sqrt2).erf() + 1) * 0.5;
  Tensor pdf = (x * x * -0.5).exp() * inv_sqrt_2pi;
  return {g * (cdf + x * pdf)};
}

// sigmoid(beta x) below the threshold, 1 above (where softplus is the identity).
variable_list softplus_backward(FormulaNode& n, const variable_list& gs) {
  const Tensor& g = gs[0];
  Tensor x = n.saved(0);
  const double beta = n.scalar(0).toDouble(), th = n.scalar(1).toDouble();
  Tensor above = as_mask(x * beta > th, g);
  return {g * (above + (1 - above) * (x * beta).sigmoid())};
}

// Passes the gradient strictly inside (min, max), as PyTorch's (read from the
// result, which lies inside exactly where the input did).
variable_list hardtanh_backward(FormulaNode& n, const variable_list& gs) {
  const Tensor& g = gs[0];
  return {hardtanh_grad(g, n.saved(0), n.scalar(0).toDouble(), n.scalar(1).toDouble())};
}

variable_list nan_to_num_backward(FormulaNode& n, const variable_list& gs) {
  return {gs[0] * as_mask(n.saved(0).isfinite(), gs[0])};
}

// Records a node on the functional result `out` of an op with options.
FormulaNode* record_op(const char* name, autograd::Formula f, const Tensor& self,
                       const Tensor& out) {
  if (!autograd::compute_requires_grad(self)) return nullptr;
  return autograd::record(name, f, {self}, {out});
}
// Before an in-place op whose formula reads the input: refuses leaves and clones it.
Tensor inplace_original(const Tensor& self, bool needs_input) {
  autograd::impl::check_inplace(self);
  return needs_input && autograd::compute_requires_grad(self) ? self.clone() : Tensor();
}
}  // namespace

// Functional, in-place and out= forms plus the two Tensor methods of one op
// whose kernel is `name##_kernel` and derivative `name##_grad`.
#define WICK_UNARY_ENTRIES(name, to_float, kname) \
  WICK_UNARY_FREE(name, to_float, kname)          \
  Tensor Tensor::name() const { return wick::name(*this); } \
  Tensor& Tensor::name##_() { return wick::name##_(*this); }

#define WICK_UNARY_FREE(name, to_float, kname)                                        \
  Tensor name(const Tensor& self) {                                                      \
    Tensor out = run_unary_op(Tensor(), self, Mode::Functional, to_float, kname, name##_kernel); \
    record_unary(name##_grad, self, out, self);                                          \
    return out;                                                                          \
  }                                                                                      \
  Tensor& name##_(Tensor& self) {                                                        \
    Tensor original = prepare_inplace_unary(name##_grad, self);                          \
    run_unary_op(self, self, Mode::InPlace, to_float, kname, name##_kernel);             \
    record_unary(name##_grad, self, self, original);                                     \
    return self;                                                                         \
  }                                                                                      \
  Tensor& name##_out(Tensor& out, const Tensor& self) {                                  \
    autograd::check_out_no_grad(#name, out, self);                                       \
    run_unary_op(out, self, Mode::Out, to_float, kname, name##_kernel);                  \
    return out;                                                                          \
  }

#define WICK_UNARY_ALIAS(alias, target)                                                  \
  Tensor alias(const Tensor& self) { return target(self); }                              \
  Tensor& alias##_(Tensor& self) { return target##_(self); }                             \
  Tensor& alias##_out(Tensor& out, const Tensor& self) { return target##_out(out, self); } \
  Tensor Tensor::alias() const { return wick::target(*this); }                           \
  Tensor& Tensor::alias##_() { return wick::target##_(*this); }

// The kernel body of a float op: `expr` in terms of x and T = its type
// (float for the 16-bit floats, which compute in float).
#define WICK_FLOAT_UNARY_BODY(kname, expr)                         \
  WICK_DISPATCH_FLOATING_AND_HALF(it.common_dtype(), kname, [&] {  \
    kernels::run_unary<scalar_t>(it, [](auto x) {                  \
      using T = decltype(x);                                       \
      return static_cast<T>(expr);                                 \
    });                                                            \
  });

// A function of real analysis: integer and bool inputs compute in the default
// float dtype. `expr` is written in terms of x (float or double) and T = its type.
#define WICK_FLOAT_UNARY(name, kname, expr)                                              \
  namespace {                                                                            \
  void name##_kernel(const TensorIterator& it) {                                         \
    WICK_FLOAT_UNARY_BODY(kname, expr)                                                   \
  }                                                                                      \
  }                                                                                      \
  WICK_UNARY_ENTRIES(name, true, kname)

WICK_FLOAT_UNARY(sqrt, "sqrt_cpu", std::sqrt(x))
WICK_FLOAT_UNARY(rsqrt, "rsqrt_cpu", T(1) / std::sqrt(x))
WICK_FLOAT_UNARY(exp, "exp_cpu", kernels::vec::exp_fast(x))
WICK_FLOAT_UNARY(exp2, "exp2_cpu", std::exp2(x))
WICK_FLOAT_UNARY(expm1, "expm1_cpu", std::expm1(x))
WICK_FLOAT_UNARY(log, "log_cpu", std::log(x))
WICK_FLOAT_UNARY(log2, "log2_cpu", std::log2(x))
WICK_FLOAT_UNARY(log10, "log10_cpu", std::log10(x))
WICK_FLOAT_UNARY(log1p, "log1p_cpu", std::log1p(x))
WICK_FLOAT_UNARY(sin, "sin_cpu", std::sin(x))
WICK_FLOAT_UNARY(cos, "cos_cpu", std::cos(x))
WICK_FLOAT_UNARY(tan, "tan_cpu", std::tan(x))
WICK_FLOAT_UNARY(asin, "asin_cpu", std::asin(x))
WICK_FLOAT_UNARY(acos, "acos_cpu", std::acos(x))
WICK_FLOAT_UNARY(atan, "atan_cpu", std::atan(x))
WICK_FLOAT_UNARY(sinh, "sinh_cpu", std::sinh(x))
WICK_FLOAT_UNARY(cosh, "cosh_cpu", std::cosh(x))
WICK_FLOAT_UNARY(tanh, "tanh_cpu", kernels::vec::tanh_fast(x))
WICK_FLOAT_UNARY(asinh, "asinh_cpu", std::asinh(x))
WICK_FLOAT_UNARY(acosh, "acosh_cpu", std::acosh(x))
WICK_FLOAT_UNARY(atanh, "atanh_cpu", std::atanh(x))
WICK_FLOAT_UNARY(sigmoid, "sigmoid_cpu", T(1) / (T(1) + kernels::vec::exp_fast(-x)))
WICK_FLOAT_UNARY(erf, "erf_cpu", kernels::vec::erf_fast(x))
WICK_FLOAT_UNARY(erfc, "erfc_cpu", std::erfc(x))
WICK_FLOAT_UNARY(erfinv, "erfinv_cpu", erfinv_double(static_cast<double>(x)))
WICK_FLOAT_UNARY(reciprocal, "reciprocal_cpu", T(1) / x)

WICK_UNARY_ALIAS(arcsin, asin)
WICK_UNARY_ALIAS(arccos, acos)
WICK_UNARY_ALIAS(arctan, atan)
WICK_UNARY_ALIAS(arcsinh, asinh)
WICK_UNARY_ALIAS(arccosh, acosh)
WICK_UNARY_ALIAS(arctanh, atanh)

// Activations defined for floating inputs only (no integer promotion, as PyTorch).
#define WICK_FLOAT_ONLY_UNARY(name, kname, expr)                                         \
  namespace {                                                                            \
  void name##_kernel(const TensorIterator& it) {                                         \
    WICK_FLOAT_UNARY_BODY(kname, expr)                                                   \
  }                                                                                      \
  }                                                                                      \
  WICK_UNARY_FREE(name, false, kname)

WICK_FLOAT_ONLY_UNARY(silu, "silu_cpu", x / (T(1) + kernels::vec::exp_fast(-x)))
WICK_FLOAT_ONLY_UNARY(mish, "mish_cpu",
                      x* std::tanh(x > T(20) ? x : std::log1p(std::exp(x))))
WICK_FLOAT_ONLY_UNARY(frac, "frac_cpu", x - std::trunc(x))
Tensor Tensor::frac() const { return wick::frac(*this); }
Tensor& Tensor::frac_() { return wick::frac_(*this); }

// ---- ops that keep integer dtypes ----------------------------------------------

namespace {

void abs_kernel(const TensorIterator& it) {
  WICK_DISPATCH_ALL_TYPES(it.common_dtype(), "abs_cpu", [&] {
    kernels::run_unary<scalar_t>(it, [](auto x) {
      using T = decltype(x);
      if constexpr (std::is_unsigned_v<T>) return x;
      else if constexpr (std::is_integral_v<T>) return static_cast<T>(x < 0 ? -x : x);
      else return std::abs(x);
    });
  });
}

void neg_kernel(const TensorIterator& it) {
  WICK_CHECK(it.common_dtype() != kBool,
             "Negation, the `-` operator, on a bool tensor is not supported. If you are trying "
             "to invert a mask, use the `~` or `logical_not()` operator instead.");
  WICK_DISPATCH_ALL_TYPES(it.common_dtype(), "neg_cpu", [&] {
    kernels::run_unary<scalar_t>(it, [](auto x) {
      using T = decltype(x);
      if constexpr (std::is_integral_v<T>) {
        // Wraps like two's complement (also for the most negative value).
        using U = std::make_unsigned_t<T>;
        return static_cast<T>(U(0) - static_cast<U>(x));
      } else {
        return -x;
      }
    });
  });
}

void sign_kernel(const TensorIterator& it) {
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(it.common_dtype(), "sign_cpu", [&] {
    kernels::run_unary<scalar_t>(it, [](auto x) {
      using T = decltype(x);
      if constexpr (std::is_same_v<T, bool>) return x;
      else if constexpr (std::is_unsigned_v<T>) return static_cast<T>(x > 0);
      // NaN compares false both ways: sign(NaN) is 0, as in PyTorch.
      else return static_cast<T>((T(0) < x) - (x < T(0)));
    });
  });
}

template <typename F>
void rounding_kernel(const TensorIterator& it, const char* name, const F& f) {
  WICK_DISPATCH_ALL_TYPES(it.common_dtype(), name, [&] {
    if constexpr (std::is_integral_v<scalar_t>) {
      kernels::run_unary<scalar_t>(it, [](auto x) { return x; });
    } else {
      kernels::run_unary<scalar_t>(it, f);
    }
  });
}
void ceil_kernel(const TensorIterator& it) {
  rounding_kernel(it, "ceil_vml_cpu", [](auto x) { return std::ceil(x); });
}
void floor_kernel(const TensorIterator& it) {
  rounding_kernel(it, "floor_vml_cpu", [](auto x) { return std::floor(x); });
}
void trunc_kernel(const TensorIterator& it) {
  rounding_kernel(it, "trunc_vml_cpu", [](auto x) { return std::trunc(x); });
}
// Round half to even (the default floating-point rounding mode).
void round0_kernel(const TensorIterator& it) {
  rounding_kernel(it, "round_vml_cpu", [](auto x) { return std::nearbyint(x); });
}

void square_kernel(const TensorIterator& it) {
  WICK_DISPATCH_ALL_TYPES(it.common_dtype(), "square_cpu", [&] {
    kernels::run_unary<scalar_t>(it, [](auto x) {
      using T = decltype(x);
      if constexpr (std::is_integral_v<T>) {
        using U = std::make_unsigned_t<T>;
        return static_cast<T>(static_cast<U>(x) * static_cast<U>(x));
      } else {
        return x * x;
      }
    });
  });
}

void relu_kernel(const TensorIterator& it) {
  WICK_CHECK(it.common_dtype() != kBool, "Boolean inputs not supported for relu");
  WICK_DISPATCH_ALL_TYPES(it.common_dtype(), "relu_cpu", [&] {
    kernels::run_unary<scalar_t>(it, [](auto x) {
      using T = decltype(x);
      // NaN and -0 pass through (as PyTorch's clamp_min(x, 0)).
      return x < T(0) ? T(0) : x;
    });
  });
}

void bitwise_not_kernel(const TensorIterator& it) {
  WICK_DISPATCH_INTEGRAL_AND_BOOL(it.common_dtype(), "bitwise_not_cpu", [&] {
    kernels::run_unary<scalar_t>(it, [](auto x) {
      using T = decltype(x);
      if constexpr (std::is_same_v<T, bool>) return !x;
      else return static_cast<T>(~x);
    });
  });
}

}  // namespace

WICK_UNARY_ENTRIES(abs, false, "abs_cpu")
WICK_UNARY_ENTRIES(neg, false, "neg_cpu")
WICK_UNARY_ENTRIES(sign, false, "sign_cpu")
WICK_UNARY_ENTRIES(ceil, false, "ceil")
WICK_UNARY_ENTRIES(floor, false, "floor")
WICK_UNARY_ENTRIES(trunc, false, "trunc")
WICK_UNARY_ENTRIES(relu, false, "relu")
WICK_UNARY_ENTRIES(bitwise_not, false, "bitwise_not")
WICK_UNARY_ALIAS(absolute, abs)
WICK_UNARY_ALIAS(negative, neg)
WICK_UNARY_ALIAS(sgn, sign)
WICK_UNARY_ALIAS(fix, trunc)

// square is pow(self, 2): bool promotes to int64 like bool ** int does.
Tensor square(const Tensor& self) {
  const Tensor in = self.dtype() == kBool ? self.to(kLong) : self;
  Tensor out = run_unary_op(Tensor(), in, Mode::Functional, false, "square", square_kernel);
  if (FormulaNode* n = record_op("PowBackward0", square_backward, self, out)) n->save(self);
  return out;
}
Tensor& square_(Tensor& self) {
  Tensor original = inplace_original(self, true);
  const Tensor in = self.dtype() == kBool ? self.to(kLong) : self;
  run_unary_op(self, in, Mode::InPlace, false, "square", square_kernel);
  if (FormulaNode* n = record_op("PowBackward0", square_backward, self, self)) n->save(original);
  return self;
}
Tensor& square_out(Tensor& out, const Tensor& self) {
  autograd::check_out_no_grad("pow", out, self);
  const Tensor in = self.dtype() == kBool ? self.to(kLong) : self;
  run_unary_op(out, in, Mode::Out, false, "square", square_kernel);
  return out;
}
Tensor Tensor::square() const { return wick::square(*this); }
Tensor& Tensor::square_() { return wick::square_(*this); }

// ---- round(decimals) -------------------------------------------------------------

namespace {
Tensor round_impl(const Tensor& out, const Tensor& self, Mode mode, int64_t decimals) {
  if (decimals == 0) return run_unary_op(out, self, mode, false, "round", round0_kernel);
  TensorIterator iter = kernels::make_iter(out, {self}, mode, false, "round");
  WICK_DISPATCH_FLOATING_AND_HALF(iter.common_dtype(), "round_cpu", [&] {
    using opm = opmath_t<scalar_t>;
    const bool neg = decimals < 0;
    const opm ten_pow = static_cast<opm>(std::pow(10.0, static_cast<double>(neg ? -decimals : decimals)));
    kernels::run_unary<scalar_t>(iter, [ten_pow, neg](opm x) {
      return neg ? std::nearbyint(x / ten_pow) * ten_pow : std::nearbyint(x * ten_pow) / ten_pow;
    });
  });
  iter.cast_outputs();
  return iter.output();
}
}  // namespace

Tensor round(const Tensor& self, int64_t decimals) {
  Tensor out = round_impl(Tensor(), self, Mode::Functional, decimals);
  record_op(decimals == 0 ? "RoundBackward0" : "RoundBackward1", zero_backward, self, out);
  return out;
}
Tensor& round_(Tensor& self, int64_t decimals) {
  autograd::impl::check_inplace(self);
  round_impl(self, self, Mode::InPlace, decimals);
  record_op(decimals == 0 ? "RoundBackward0" : "RoundBackward1", zero_backward, self, self);
  return self;
}
Tensor& round_out(Tensor& out, const Tensor& self, int64_t decimals) {
  autograd::check_out_no_grad("round", out, self);
  round_impl(out, self, Mode::Out, decimals);
  return out;
}
Tensor Tensor::round(int64_t decimals) const { return wick::round(*this, decimals); }
Tensor& Tensor::round_(int64_t decimals) { return wick::round_(*this, decimals); }

// ---- logit -------------------------------------------------------------------------

namespace {
Tensor logit_impl(const Tensor& out, const Tensor& self, Mode mode, std::optional<double> eps) {
  TensorIterator iter = kernels::make_iter(out, {self}, mode, true, "logit");
  WICK_DISPATCH_FLOATING_AND_HALF(iter.common_dtype(), "logit_cpu", [&] {
    using opm = opmath_t<scalar_t>;
    if (eps && *eps >= 0) {
      const opm lo = static_cast<opm>(*eps), hi = static_cast<opm>(1.0 - *eps);
      kernels::run_unary<scalar_t>(iter, [lo, hi](opm x) {
        opm z = x < lo ? lo : (x > hi ? hi : x);  // NaN passes through
        return std::log(z / (opm(1) - z));
      });
    } else {
      kernels::run_unary<scalar_t>(iter, [](opm x) { return std::log(x / (opm(1) - x)); });
    }
  });
  iter.cast_outputs();
  return iter.output();
}
}  // namespace

Tensor logit(const Tensor& self, std::optional<double> eps) {
  Tensor out = logit_impl(Tensor(), self, Mode::Functional, eps);
  if (FormulaNode* n = record_op("LogitBackward0", logit_backward, self, out))
    n->save(self)->keep(Scalar(eps.value_or(0.0)))->keep_int(eps && *eps >= 0);
  return out;
}
Tensor& logit_(Tensor& self, std::optional<double> eps) {
  Tensor original = inplace_original(self, true);
  logit_impl(self, self, Mode::InPlace, eps);
  if (FormulaNode* n = record_op("LogitBackward0", logit_backward, self, self))
    n->save(original)->keep(Scalar(eps.value_or(0.0)))->keep_int(eps && *eps >= 0);
  return self;
}
Tensor& logit_out(Tensor& out, const Tensor& self, std::optional<double> eps) {
  autograd::check_out_no_grad("logit", out, self);
  logit_impl(out, self, Mode::Out, eps);
  return out;
}
Tensor Tensor::logit(std::optional<double> eps) const { return wick::logit(*this, eps); }
Tensor& Tensor::logit_(std::optional<double> eps) { return wick::logit_(*this, eps); }

// ---- gelu, softplus, hardtanh -------------------------------------------------------

namespace {
Tensor gelu_impl(const Tensor& out, const Tensor& self, Mode mode, const std::string& approximate) {
  const bool use_tanh = approximate == "tanh";
  WICK_CHECK(use_tanh || approximate == "none", "approximate argument must be either none or tanh.");
  TensorIterator iter = kernels::make_iter(out, {self}, mode, false, "gelu");
  WICK_DISPATCH_FLOATING_AND_HALF(iter.common_dtype(), "GeluKernelImpl", [&] {
    using opm = opmath_t<scalar_t>;
    if (use_tanh) {
      kernels::run_unary<scalar_t>(iter, [](opm x) {
        const opm k = static_cast<opm>(0.7978845608028654);  // sqrt(2 / pi)
        return opm(0.5) * x * (opm(1) + kernels::vec::tanh_fast(k * (x + opm(0.044715) * x * x * x)));
      });
    } else {
      kernels::run_unary<scalar_t>(iter, [](opm x) {
        return opm(0.5) * x * (opm(1) + kernels::vec::erf_fast(x * static_cast<opm>(0.7071067811865476)));
      });
    }
  });
  iter.cast_outputs();
  return iter.output();
}

Tensor softplus_impl(const Tensor& out, const Tensor& self, Mode mode, const Scalar& beta,
                     const Scalar& threshold) {
  TensorIterator iter = kernels::make_iter(out, {self}, mode, false, "softplus");
  WICK_DISPATCH_FLOATING_AND_HALF(iter.common_dtype(), "softplus_cpu", [&] {
    using opm = opmath_t<scalar_t>;
    const opm b = beta.to<opm>(), th = threshold.to<opm>();
    kernels::run_unary<scalar_t>(iter, [b, th](opm x) {
      return x * b > th ? x : std::log1p(std::exp(x * b)) / b;
    });
  });
  iter.cast_outputs();
  return iter.output();
}
}  // namespace

Tensor gelu(const Tensor& self, const std::string& approximate) {
  Tensor out = gelu_impl(Tensor(), self, Mode::Functional, approximate);
  if (FormulaNode* n = record_op("GeluBackward0", gelu_backward, self, out))
    n->save(self)->keep_int(approximate == "tanh");
  return out;
}
Tensor& gelu_(Tensor& self, const std::string& approximate) {
  Tensor original = inplace_original(self, true);
  gelu_impl(self, self, Mode::InPlace, approximate);
  if (FormulaNode* n = record_op("GeluBackward0", gelu_backward, self, self))
    n->save(original)->keep_int(approximate == "tanh");
  return self;
}
Tensor& gelu_out(Tensor& out, const Tensor& self, const std::string& approximate) {
  autograd::check_out_no_grad("gelu", out, self);
  gelu_impl(out, self, Mode::Out, approximate);
  return out;
}
Tensor softplus(const Tensor& self, const Scalar& beta, const Scalar& threshold) {
  Tensor out = softplus_impl(Tensor(), self, Mode::Functional, beta, threshold);
  if (FormulaNode* n = record_op("SoftplusBackward0", softplus_backward, self, out))
    n->save(self)->keep(beta)->keep(threshold);
  return out;
}
Tensor& softplus_out(Tensor& out, const Tensor& self, const Scalar& beta,
                     const Scalar& threshold) {
  autograd::check_out_no_grad("softplus", out, self);
  softplus_impl(out, self, Mode::Out, beta, threshold);
  return out;
}

namespace {
// Integer inputs clamp to the limits truncated to integers, as PyTorch's.
Scalar hardtanh_limit(const Tensor& self, const Scalar& s) {
  return is_floating_type(self.dtype()) ? s : Scalar(static_cast<int64_t>(s.toDouble()));
}
void hardtanh_check(const Tensor& self, const Scalar& min_val, const Scalar& max_val) {
  WICK_CHECK(self.dtype() != kBool, "Bool inputs not supported for hardtanh");
  WICK_CHECK(self.dtype() != kByte || (min_val.toDouble() >= 0 && max_val.toDouble() >= 0),
             "cannot do hardtanh on an unsigned type with negative limits");
}
}  // namespace

Tensor hardtanh(const Tensor& self, const Scalar& min_val, const Scalar& max_val) {
  hardtanh_check(self, min_val, max_val);
  const Scalar lo = hardtanh_limit(self, min_val), hi = hardtanh_limit(self, max_val);
  if (!autograd::compute_requires_grad(self)) return clamp(self, lo, hi);
  Tensor out;
  {
    NoGradGuard no_grad;
    out = clamp(self, lo, hi);
  }
  if (FormulaNode* n = record_op("HardtanhBackward0", hardtanh_backward, self, out))
    n->save_output(out)->keep(min_val)->keep(max_val);
  return out;
}
Tensor& hardtanh_(Tensor& self, const Scalar& min_val, const Scalar& max_val) {
  hardtanh_check(self, min_val, max_val);
  const Scalar lo = hardtanh_limit(self, min_val), hi = hardtanh_limit(self, max_val);
  autograd::impl::check_inplace(self);
  if (!autograd::compute_requires_grad(self)) return clamp_(self, lo, hi);
  {
    NoGradGuard no_grad;
    clamp_(self, lo, hi);
  }
  if (FormulaNode* n = record_op("HardtanhBackward0", hardtanh_backward, self, self))
    n->save_output(self)->keep(min_val)->keep(max_val);
  return self;
}
Tensor& hardtanh_out(Tensor& out, const Tensor& self, const Scalar& min_val,
                     const Scalar& max_val) {
  autograd::check_out_no_grad("hardtanh", out, self);
  hardtanh_check(self, min_val, max_val);
  const Scalar lo = hardtanh_limit(self, min_val), hi = hardtanh_limit(self, max_val);
  return clamp_out(out, self, lo, hi);
}

// ---- predicates (bool results) ----------------------------------------------------

namespace {
template <typename F>
Tensor predicate(const Tensor& out, const Tensor& self, const char* name, const F& f) {
  TensorIterator iter = kernels::make_bool_iter(out, {self}, out.defined() ? Mode::Out : Mode::Functional, name);
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(iter.input_dtype(0), name, [&] {
    kernels::run_unary_pred<scalar_t>(iter, f);
  });
  iter.cast_outputs();
  return iter.output();
}

template <typename T>
constexpr bool is_float_v = std::is_floating_point_v<T>;

struct IsNan {
  template <typename T>
  bool operator()(T x) const { return x != x; }
};
struct IsInf {
  template <typename T>
  bool operator()(T x) const {
    if constexpr (is_float_v<T>) return std::isinf(x);
    else return false;
  }
};
struct IsPosInf {
  template <typename T>
  bool operator()(T x) const {
    if constexpr (is_float_v<T>) return x == std::numeric_limits<T>::infinity();
    else return false;
  }
};
struct IsNegInf {
  template <typename T>
  bool operator()(T x) const {
    if constexpr (is_float_v<T>) return x == -std::numeric_limits<T>::infinity();
    else return false;
  }
};
struct IsFinite {
  template <typename T>
  bool operator()(T x) const {
    if constexpr (is_float_v<T>) return std::isfinite(x);
    else return true;
  }
};
struct SignBit {
  template <typename T>
  bool operator()(T x) const {
    // Read the sign bit as a signed integer: std::signbit here trips a GCC 12
    // vectoriser bug (internal compiler error) for bfloat16 inputs.
    if constexpr (std::is_same_v<T, float>) {
      int32_t bits;
      std::memcpy(&bits, &x, sizeof(bits));
      return bits < 0;
    } else if constexpr (std::is_same_v<T, double>) {
      int64_t bits;
      std::memcpy(&bits, &x, sizeof(bits));
      return bits < 0;
    }
    else if constexpr (std::is_signed_v<T>) return x < 0;
    else return false;
  }
};
struct LogicalNot {
  template <typename T>
  bool operator()(T x) const { return !(x != T(0)); }
};
}  // namespace

Tensor isnan(const Tensor& self) { return predicate(Tensor(), self, "isnan", IsNan{}); }
Tensor isinf(const Tensor& self) { return predicate(Tensor(), self, "isinf", IsInf{}); }
Tensor isposinf(const Tensor& self) { return predicate(Tensor(), self, "isposinf", IsPosInf{}); }
Tensor isneginf(const Tensor& self) { return predicate(Tensor(), self, "isneginf", IsNegInf{}); }
Tensor isfinite(const Tensor& self) { return predicate(Tensor(), self, "isfinite", IsFinite{}); }
Tensor signbit(const Tensor& self) { return predicate(Tensor(), self, "signbit", SignBit{}); }
Tensor& isposinf_out(Tensor& out, const Tensor& self) {
  predicate(out, self, "isposinf", IsPosInf{});
  return out;
}
Tensor& isneginf_out(Tensor& out, const Tensor& self) {
  predicate(out, self, "isneginf", IsNegInf{});
  return out;
}
Tensor& signbit_out(Tensor& out, const Tensor& self) {
  predicate(out, self, "signbit", SignBit{});
  return out;
}
Tensor Tensor::isnan() const { return wick::isnan(*this); }
Tensor Tensor::isinf() const { return wick::isinf(*this); }
Tensor Tensor::isposinf() const { return wick::isposinf(*this); }
Tensor Tensor::isneginf() const { return wick::isneginf(*this); }
Tensor Tensor::isfinite() const { return wick::isfinite(*this); }
Tensor Tensor::signbit() const { return wick::signbit(*this); }

// logical_not keeps the dtype of a given output (in-place on a float tensor writes 0/1).
Tensor logical_not(const Tensor& self) { return predicate(Tensor(), self, "logical_not_cpu", LogicalNot{}); }
Tensor& logical_not_out(Tensor& out, const Tensor& self) {
  predicate(out, self, "logical_not_cpu", LogicalNot{});
  return out;
}
Tensor& logical_not_(Tensor& self) {
  TensorIterator iter = kernels::make_bool_iter(self, {self}, Mode::InPlace, "logical_not_");
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(iter.input_dtype(0), "logical_not_cpu", [&] {
    kernels::run_unary_pred<scalar_t>(iter, LogicalNot{});
  });
  iter.cast_outputs();
  return self;
}
Tensor Tensor::logical_not() const { return wick::logical_not(*this); }
Tensor& Tensor::logical_not_() { return wick::logical_not_(*this); }

// ---- nan_to_num -------------------------------------------------------------------

namespace {
Tensor nan_to_num_impl(const Tensor& out, const Tensor& self, Mode mode, std::optional<double> nan,
                       std::optional<double> posinf, std::optional<double> neginf) {
  TensorIterator iter = kernels::make_iter(out, {self}, mode, false, "nan_to_num");
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(iter.common_dtype(), "nan_to_num", [&] {
    if constexpr (std::is_integral_v<scalar_t>) {
      kernels::cpu_kernel(iter, [](scalar_t x) -> scalar_t { return x; });
    } else {
      using opm = opmath_t<scalar_t>;
      const opm nan_v = static_cast<opm>(static_cast<scalar_t>(nan.value_or(0.0)));
      const opm pos_v = posinf ? static_cast<opm>(static_cast<scalar_t>(*posinf))
                               : static_cast<opm>(std::numeric_limits<scalar_t>::max());
      const opm neg_v = neginf ? static_cast<opm>(static_cast<scalar_t>(*neginf))
                               : static_cast<opm>(std::numeric_limits<scalar_t>::lowest());
      kernels::run_unary<scalar_t>(iter, [=](opm x) {
        if (x != x) return nan_v;
        if (x == std::numeric_limits<opm>::infinity()) return pos_v;
        if (x == -std::numeric_limits<opm>::infinity()) return neg_v;
        return x;
      });
    }
  });
  iter.cast_outputs();
  return iter.output();
}
}  // namespace

Tensor nan_to_num(const Tensor& self, std::optional<double> nan, std::optional<double> posinf,
                  std::optional<double> neginf) {
  Tensor out = nan_to_num_impl(Tensor(), self, Mode::Functional, nan, posinf, neginf);
  if (FormulaNode* n = record_op("NanToNumBackward0", nan_to_num_backward, self, out)) n->save(self);
  return out;
}
Tensor& nan_to_num_(Tensor& self, std::optional<double> nan, std::optional<double> posinf,
                    std::optional<double> neginf) {
  Tensor original = inplace_original(self, true);
  nan_to_num_impl(self, self, Mode::InPlace, nan, posinf, neginf);
  if (FormulaNode* n = record_op("NanToNumBackward0", nan_to_num_backward, self, self))
    n->save(original);
  return self;
}
Tensor& nan_to_num_out(Tensor& out, const Tensor& self, std::optional<double> nan,
                       std::optional<double> posinf, std::optional<double> neginf) {
  autograd::check_out_no_grad("nan_to_num", out, self);
  nan_to_num_impl(out, self, Mode::Out, nan, posinf, neginf);
  return out;
}
Tensor Tensor::nan_to_num(std::optional<double> nan, std::optional<double> posinf,
                          std::optional<double> neginf) const {
  return wick::nan_to_num(*this, nan, posinf, neginf);
}
Tensor& Tensor::nan_to_num_(std::optional<double> nan, std::optional<double> posinf,
                            std::optional<double> neginf) {
  return wick::nan_to_num_(*this, nan, posinf, neginf);
}

// ---- operators ------------------------------------------------------------------

Tensor Tensor::operator-() const { return wick::neg(*this); }
Tensor Tensor::operator~() const { return wick::bitwise_not(*this); }

}  // namespace wick
