// Arithmetic binary ops. Comparison, logical and bitwise ops live in compare.cpp.
#include <cmath>
#include <limits>
#include <type_traits>

#include "wick/autograd/formula.h"
#include "wick/ops/binary_common.h"
#include "wick/ops/pointwise.h"
#include "wick/ops/unary.h"

namespace wick {

using binary_detail::Kind;
using binary_detail::Mode;

namespace {

template <typename T>
constexpr bool is_int_v = std::is_integral_v<T> && !std::is_same_v<T, bool>;

// Integer arithmetic wraps like two's complement, without signed-overflow UB.
template <typename T>
inline T wrap_add(T a, T b) {
  if constexpr (is_int_v<T>) {
    using U = std::make_unsigned_t<T>;
    return static_cast<T>(static_cast<U>(a) + static_cast<U>(b));
  } else {
    return a + b;
  }
}
template <typename T>
inline T wrap_mul(T a, T b) {
  if constexpr (std::is_same_v<T, bool>) {
    return a && b;
  } else if constexpr (is_int_v<T>) {
    using U = std::make_unsigned_t<T>;
    return static_cast<T>(static_cast<U>(a) * static_cast<U>(b));
  } else {
    return a * b;
  }
}

[[noreturn]] void zero_division() { throw Error("ZeroDivisionError"); }

// C-style truncating division; b == -1 is special so INT_MIN / -1 wraps instead of trapping.
template <typename T>
inline T int_div_trunc(T a, T b) {
  if (b == 0) zero_division();
  if constexpr (std::is_signed_v<T>) {
    if (b == T(-1)) return wrap_mul(a, T(-1));
  }
  return static_cast<T>(a / b);
}
template <typename T>
inline T int_div_floor(T a, T b) {
  if (b == 0) zero_division();
  if constexpr (std::is_signed_v<T>) {
    if (b == T(-1)) return wrap_mul(a, T(-1));
    T q = static_cast<T>(a / b);
    if (static_cast<T>(a % b) != 0 && ((a < 0) != (b < 0))) --q;
    return q;
  }
  return static_cast<T>(a / b);
}
template <typename T>
inline T int_remainder(T a, T b) {  // result takes the divisor's sign
  if (b == 0) zero_division();
  if constexpr (std::is_signed_v<T>) {
    if (b == T(-1)) return 0;
    T r = static_cast<T>(a % b);
    if (r != 0 && ((r < 0) != (b < 0))) r = static_cast<T>(r + b);
    return r;
  }
  return static_cast<T>(a % b);
}
template <typename T>
inline T int_fmod(T a, T b) {  // result takes the dividend's sign
  if (b == 0) zero_division();
  if constexpr (std::is_signed_v<T>) {
    if (b == T(-1)) return 0;
  }
  return static_cast<T>(a % b);
}

// Floor of a / b for floats, exact where a / b rounds across an integer.
template <typename T>
inline T float_div_floor(T a, T b) {
  if (b == T(0)) return a / b;
  T mod = std::fmod(a, b);
  T div = (a - mod) / b;
  if (mod != T(0) && ((b < T(0)) != (mod < T(0)))) div -= T(1);
  if (div == T(0)) return std::copysign(T(0), a / b);
  T floordiv = std::floor(div);
  if (div - floordiv > T(0.5)) floordiv += T(1);
  return floordiv;
}
template <typename T>
inline T float_remainder(T a, T b) {
  T mod = std::fmod(a, b);
  if (mod != T(0) && ((b < T(0)) != (mod < T(0)))) mod += b;
  return mod;
}

// Integer power by squaring; negative exponents give 0 except for bases 1 and -1.
template <typename T>
inline T int_pow(T base, T exp) {
  if constexpr (std::is_signed_v<T>) {
    if (exp < 0) {
      if (base == 1) return 1;
      if (base == -1) return (exp & 1) ? T(-1) : T(1);
      return 0;
    }
  }
  T result = 1;
  while (exp) {
    if (exp & 1) result = wrap_mul(result, base);
    base = wrap_mul(base, base);
    exp = static_cast<T>(exp >> 1);
  }
  return result;
}

// ---- kernels -----------------------------------------------------------------

void mul_kernel(const TensorIterator& it) {
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(it.common_dtype(), "mul_cpu", [&] {
    if constexpr (std::is_same_v<scalar_t, bool>) {
      kernels::cpu_kernel(it, [](bool a, bool b) -> bool { return a && b; });
    } else {
      kernels::run_binary<scalar_t>(it, [](auto a, auto b) { return wrap_mul(a, b); });
    }
  });
}

void true_div_kernel(const TensorIterator& it) {
  WICK_DISPATCH_FLOATING_AND_HALF(it.common_dtype(), "div_true_cpu", [&] {
    kernels::run_binary<scalar_t>(it, [](auto a, auto b) { return a / b; });
  });
}
void div_trunc_kernel(const TensorIterator& it) {
  WICK_DISPATCH_ALL_TYPES(it.common_dtype(), "div_trunc_cpu", [&] {
    kernels::run_binary<scalar_t>(it, [](auto a, auto b) {
      if constexpr (std::is_integral_v<decltype(a)>) return int_div_trunc(a, b);
      else return std::trunc(a / b);
    });
  });
}
void div_floor_kernel(const TensorIterator& it) {
  WICK_DISPATCH_ALL_TYPES(it.common_dtype(), "div_floor_cpu", [&] {
    kernels::run_binary<scalar_t>(it, [](auto a, auto b) {
      if constexpr (std::is_integral_v<decltype(a)>) return int_div_floor(a, b);
      else return float_div_floor(a, b);
    });
  });
}
void remainder_kernel(const TensorIterator& it) {
  WICK_DISPATCH_ALL_TYPES(it.common_dtype(), "remainder_cpu", [&] {
    kernels::run_binary<scalar_t>(it, [](auto a, auto b) {
      if constexpr (std::is_integral_v<decltype(a)>) return int_remainder(a, b);
      else return float_remainder(a, b);
    });
  });
}
void fmod_kernel(const TensorIterator& it) {
  WICK_DISPATCH_ALL_TYPES(it.common_dtype(), "fmod_cpu", [&] {
    kernels::run_binary<scalar_t>(it, [](auto a, auto b) {
      if constexpr (std::is_integral_v<decltype(a)>) return int_fmod(a, b);
      else return std::fmod(a, b);
    });
  });
}
void pow_kernel(const TensorIterator& it) {
  WICK_DISPATCH_ALL_TYPES(it.common_dtype(), "pow", [&] {
    kernels::run_binary<scalar_t>(it, [](auto a, auto b) {
      if constexpr (std::is_integral_v<decltype(a)>) return int_pow(a, b);
      else return std::pow(a, b);
    });
  });
}
// Float ops: `expr` in terms of a, b (float or double) and T = their type.
#define WICK_FLOAT_BINARY_KERNEL(name, kname, expr)                       \
  void name##_kernel(const TensorIterator& it) {                          \
    WICK_DISPATCH_FLOATING_AND_HALF(it.common_dtype(), kname, [&] {       \
      kernels::run_binary<scalar_t>(it, [](auto a, auto b) {              \
        using T = decltype(a);                                            \
        return static_cast<T>(expr);                                      \
      });                                                                 \
    });                                                                   \
  }
WICK_FLOAT_BINARY_KERNEL(atan2, "atan2_cpu", std::atan2(a, b))
WICK_FLOAT_BINARY_KERNEL(hypot, "hypot_cpu", std::hypot(a, b))
WICK_FLOAT_BINARY_KERNEL(copysign, "copysign_cpu", std::copysign(a, b))
// max + log1p(exp(-|a - b|)), with equal infinities handled so inf - inf gives no NaN.
WICK_FLOAT_BINARY_KERNEL(logaddexp, "logaddexp_cpu",
                         (std::isinf(a) && a == b)
                             ? a
                             : std::max(a, b) + std::log1p(std::exp(-std::abs(a - b))))
WICK_FLOAT_BINARY_KERNEL(logaddexp2, "logaddexp2_cpu",
                         (std::isinf(a) && a == b)
                             ? a
                             : std::max(a, b) + std::log1p(std::exp2(-std::abs(a - b))) /
                                                    static_cast<T>(0.6931471805599453))
// 0 where a == 0 (unless b is NaN), as scipy's xlogy.
WICK_FLOAT_BINARY_KERNEL(xlogy, "xlogy_cpu",
                         std::isnan(b) ? b : (a == T(0) ? T(0) : a * std::log(b)))
#undef WICK_FLOAT_BINARY_KERNEL

void maximum_kernel(const TensorIterator& it) {
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(it.common_dtype(), "maximum_cpu", [&] {
    kernels::run_binary<scalar_t>(it, [](auto a, auto b) {
      if constexpr (std::is_floating_point_v<decltype(a)>) {
        if (a != a) return a;
        if (b != b) return b;
      }
      return a > b ? a : b;
    });
  });
}
void minimum_kernel(const TensorIterator& it) {
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(it.common_dtype(), "minimum_cpu", [&] {
    kernels::run_binary<scalar_t>(it, [](auto a, auto b) {
      if constexpr (std::is_floating_point_v<decltype(a)>) {
        if (a != a) return a;
        if (b != b) return b;
      }
      return a < b ? a : b;
    });
  });
}
void fmax_kernel(const TensorIterator& it) {
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(it.common_dtype(), "fmax_cpu", [&] {
    kernels::run_binary<scalar_t>(it, [](auto a, auto b) {
      if constexpr (std::is_floating_point_v<decltype(a)>) return std::fmax(a, b);
      else return a > b ? a : b;
    });
  });
}
void fmin_kernel(const TensorIterator& it) {
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(it.common_dtype(), "fmin_cpu", [&] {
    kernels::run_binary<scalar_t>(it, [](auto a, auto b) {
      if constexpr (std::is_floating_point_v<decltype(a)>) return std::fmin(a, b);
      else return a < b ? a : b;
    });
  });
}

// ---- add / sub -----------------------------------------------------------------

void alpha_check(ScalarType dtype, const Scalar& alpha) {
  WICK_CHECK(!alpha.isBoolean() || dtype == kBool,
             "Boolean alpha only supported for Boolean results.");
  WICK_CHECK(is_floating_type(dtype) || alpha.isIntegral(true),
             "For integral input tensors, argument alpha must not be a floating point number.");
}

void sub_check(const Tensor& a, const Tensor& b) {
  WICK_CHECK(a.dtype() != kBool || b.dtype() != kBool,
             "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` "
             "or `logical_xor()` operator instead.");
  WICK_CHECK(a.dtype() != kBool && b.dtype() != kBool,
             "Subtraction, the `-` operator, with a bool tensor is not supported. If you are "
             "trying to invert a mask, use the `~` or `logical_not()` operator instead.");
}

// out = a + alpha * b. `alpha` was checked against the result dtype by the caller.
Tensor add_impl(const Tensor& out, const Tensor& a, const Tensor& b, const Scalar& alpha,
                Mode mode, const char* name) {
  TensorIterator iter = kernels::make_iter(out, {a, b}, mode, false, name);
  alpha_check(iter.common_dtype(), alpha);
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(iter.common_dtype(), "add_cpu", [&] {
    if constexpr (std::is_same_v<scalar_t, bool>) {
      const bool al = alpha.toBool();
      kernels::cpu_kernel(iter, [al](bool x, bool y) -> bool { return x || (al && y); });
    } else {
      using opm = opmath_t<scalar_t>;
      const opm al = alpha.to<opm>();
      if (al == opm(1)) {
        kernels::run_binary<scalar_t>(iter, [](opm x, opm y) { return wrap_add(x, y); });
      } else {
        kernels::run_binary<scalar_t>(iter,
                                      [al](opm x, opm y) { return wrap_add(x, wrap_mul(al, y)); });
      }
    }
  });
  iter.cast_outputs();
  return iter.output();
}

Tensor sub_impl(const Tensor& out, const Tensor& a, const Tensor& b, const Scalar& alpha,
                Mode mode) {
  sub_check(a, b);
  WICK_CHECK(!alpha.isBoolean(), "Boolean alpha only supported for Boolean results.");
  return add_impl(out, a, b, -alpha, mode, "sub");
}

// ---- div ---------------------------------------------------------------------

enum class Rounding { True, Trunc, Floor };
Rounding parse_rounding(const std::optional<std::string>& mode) {
  if (!mode) return Rounding::True;
  if (*mode == "trunc") return Rounding::Trunc;
  if (*mode == "floor") return Rounding::Floor;
  throw Error(str("div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '",
                  *mode, "'"));
}

Tensor div_impl(const Tensor& out, const Tensor& a, const Tensor& b,
                const std::optional<std::string>& rounding_mode, Mode mode) {
  switch (parse_rounding(rounding_mode)) {
    case Rounding::True:
      return binary_detail::run_binary_op(out, a, b, mode, Kind::Float, "div", true_div_kernel);
    case Rounding::Trunc:
      return binary_detail::run_binary_op(out, a, b, mode, Kind::Same, "div", div_trunc_kernel);
    default:
      return binary_detail::run_binary_op(out, a, b, mode, Kind::Same, "div", div_floor_kernel);
  }
}

}  // namespace

// ---- derivatives ----------------------------------------------------------------

namespace {
using autograd::FormulaNode;
using autograd::variable_list;

// d(a + alpha*b): g, alpha*g. Sub records the same formula with -alpha.
variable_list add_backward(FormulaNode& n, const variable_list& g) {
  const Scalar& alpha = n.scalar(0);
  return {n.needs(0) ? g[0] : Tensor(), n.needs(1) ? g[0] * alpha : Tensor()};
}
variable_list rsub_backward(FormulaNode& n, const variable_list& g) {
  return {n.needs(0) ? g[0] * -n.scalar(0) : Tensor(), n.needs(1) ? g[0] : Tensor()};
}
variable_list mul_backward(FormulaNode& n, const variable_list& g) {
  return {n.needs(0) ? g[0] * n.saved(1) : Tensor(), n.needs(1) ? g[0] * n.saved(0) : Tensor()};
}
// d(a / b): g / b, -g * a / b^2 = -(g / b) * out.
variable_list div_backward(FormulaNode& n, const variable_list& g) {
  Tensor b = n.saved(0);
  Tensor ga = g[0] / b;
  return {n.needs(0) ? ga : Tensor(), n.needs(1) ? -ga * n.saved(1) : Tensor()};
}

void record_add(const char* name, const Tensor& self, const Tensor& other, const Scalar& alpha,
                const Tensor& out) {
  if (autograd::compute_requires_grad(self, other))
    autograd::record(name, add_backward, {self, other}, {out})->keep(alpha);
}
}  // namespace

Tensor add(const Tensor& self, const Tensor& other, const Scalar& alpha) {
  Tensor out = add_impl(Tensor(), self, other, alpha, Mode::Functional, "add");
  record_add("AddBackward0", self, other, alpha, out);
  return out;
}
Tensor add(const Tensor& self, const Scalar& other, const Scalar& alpha) {
  return add(self, binary_detail::wrapped_scalar_for(self, other), alpha);
}
Tensor& add_(Tensor& self, const Tensor& other, const Scalar& alpha) {
  autograd::impl::check_inplace(self);
  add_impl(self, self, other, alpha, Mode::InPlace, "add_");
  record_add("AddBackward0", self, other, alpha, self);
  return self;
}
Tensor& add_(Tensor& self, const Scalar& other, const Scalar& alpha) {
  return add_(self, binary_detail::wrapped_scalar_for(self, other), alpha);
}
Tensor& add_out(Tensor& out, const Tensor& self, const Tensor& other, const Scalar& alpha) {
  autograd::check_out_no_grad("add", out, self, other);
  add_impl(out, self, other, alpha, Mode::Out, "add");
  return out;
}

Tensor sub(const Tensor& self, const Tensor& other, const Scalar& alpha) {
  Tensor out = sub_impl(Tensor(), self, other, alpha, Mode::Functional);
  record_add("SubBackward0", self, other, -alpha, out);
  return out;
}
Tensor sub(const Tensor& self, const Scalar& other, const Scalar& alpha) {
  return sub(self, wrapped_scalar_tensor(other), alpha);
}
Tensor& sub_(Tensor& self, const Tensor& other, const Scalar& alpha) {
  autograd::impl::check_inplace(self);
  sub_impl(self, self, other, alpha, Mode::InPlace);
  record_add("SubBackward0", self, other, -alpha, self);
  return self;
}
Tensor& sub_(Tensor& self, const Scalar& other, const Scalar& alpha) {
  return sub_(self, wrapped_scalar_tensor(other), alpha);
}
Tensor& sub_out(Tensor& out, const Tensor& self, const Tensor& other, const Scalar& alpha) {
  autograd::check_out_no_grad("sub", out, self, other);
  sub_impl(out, self, other, alpha, Mode::Out);
  return out;
}
Tensor subtract(const Tensor& self, const Tensor& other, const Scalar& alpha) {
  return sub(self, other, alpha);
}
Tensor subtract(const Tensor& self, const Scalar& other, const Scalar& alpha) {
  return sub(self, other, alpha);
}
// rsub(self, other) = other - alpha * self: RsubBackward0, or RsubBackward1 for a Scalar other.
Tensor rsub(const Tensor& self, const Tensor& other, const Scalar& alpha) {
  Tensor out = sub_impl(Tensor(), other, self, alpha, Mode::Functional);
  if (autograd::compute_requires_grad(self, other)) {
    const char* name =
        other.unsafeGetTensorImpl()->is_wrapped_number() ? "RsubBackward1" : "RsubBackward0";
    if (auto* n = autograd::record(name, rsub_backward, {self, other}, {out})) n->keep(alpha);
  }
  return out;
}
Tensor rsub(const Tensor& self, const Scalar& other, const Scalar& alpha) {
  return rsub(self, wrapped_scalar_tensor(other), alpha);
}

Tensor div(const Tensor& self, const Tensor& other, std::optional<std::string> rounding_mode) {
  Tensor out = div_impl(Tensor(), self, other, rounding_mode, Mode::Functional);
  // Rounded division is piecewise constant: no gradient flows (PyTorch gives zeros).
  if (!rounding_mode && autograd::compute_requires_grad(self, other))
    autograd::record("DivBackward0", div_backward, {self, other}, {out})->save(other)->save_output(out);
  return out;
}
Tensor div(const Tensor& self, const Scalar& other, std::optional<std::string> rounding_mode) {
  return div(self, binary_detail::wrapped_scalar_for(self, other, !rounding_mode), rounding_mode);
}
Tensor& div_(Tensor& self, const Tensor& other, std::optional<std::string> rounding_mode) {
  autograd::impl::check_inplace(self);
  div_impl(self, self, other, rounding_mode, Mode::InPlace);
  if (!rounding_mode && autograd::compute_requires_grad(self, other))
    autograd::record("DivBackward0", div_backward, {self, other}, {self})->save(other)->save_output(self);
  return self;
}
Tensor& div_(Tensor& self, const Scalar& other, std::optional<std::string> rounding_mode) {
  return div_(self, binary_detail::wrapped_scalar_for(self, other, !rounding_mode), rounding_mode);
}
Tensor& div_out(Tensor& out, const Tensor& self, const Tensor& other,
                std::optional<std::string> rounding_mode) {
  autograd::check_out_no_grad("div", out, self, other);
  div_impl(out, self, other, rounding_mode, Mode::Out);
  return out;
}
Tensor divide(const Tensor& self, const Tensor& other, std::optional<std::string> rounding_mode) {
  return div(self, other, rounding_mode);
}
Tensor divide(const Tensor& self, const Scalar& other, std::optional<std::string> rounding_mode) {
  return div(self, other, rounding_mode);
}
Tensor true_divide(const Tensor& self, const Tensor& other) { return div(self, other); }
Tensor true_divide(const Tensor& self, const Scalar& other) { return div(self, other); }

namespace {
void floor_divide_kernel(const TensorIterator& it) { div_floor_kernel(it); }
}  // namespace

Tensor mul(const Tensor& self, const Tensor& other) {
  Tensor out = binary_detail::run_binary_op(Tensor(), self, other, Mode::Functional, Kind::Same,
                                            "mul", mul_kernel);
  if (autograd::compute_requires_grad(self, other))
    autograd::record("MulBackward0", mul_backward, {self, other}, {out})->save(self)->save(other);
  return out;
}
Tensor mul(const Tensor& self, const Scalar& other) {
  return mul(self, binary_detail::wrapped_scalar_for(self, other));
}
Tensor& mul_(Tensor& self, const Tensor& other) {
  autograd::impl::check_inplace(self);
  const bool grad = autograd::compute_requires_grad(self, other);
  // other's gradient needs self as it was before the write (with its history,
  // for double backward).
  Tensor original;
  if (grad && autograd::requires_grad(other)) original = self.clone();
  binary_detail::run_binary_op(self, self, other, Mode::InPlace, Kind::Same, "mul", mul_kernel);
  if (grad) autograd::record("MulBackward0", mul_backward, {self, other}, {self})->save(original)->save(other);
  return self;
}
Tensor& mul_(Tensor& self, const Scalar& other) {
  return mul_(self, binary_detail::wrapped_scalar_for(self, other));
}
Tensor& mul_out(Tensor& out, const Tensor& self, const Tensor& other) {
  autograd::check_out_no_grad("mul", out, self, other);
  binary_detail::run_binary_op(out, self, other, Mode::Out, Kind::Same, "mul", mul_kernel);
  return out;
}
WICK_BINARY_METHODS(mul, mul)
WICK_BINARY_ALIAS(multiply, mul)

// ---- derivatives of the other binary ops -----------------------------------------
//
// Each op's formula reads fixed slots: saved(0) = self (its value before the
// write for in-place forms), saved(1) = other, saved(2) = the result; a slot the
// formula does not read holds nothing. A wrapped-number operand (a Scalar
// argument) never requires grad; it only changes the node's name, as in PyTorch
// (RemainderBackward0 for `x % 2.0`, RemainderBackward1 for two tensors).

namespace {
struct BinaryGrad {
  const char* name;          // two tensors
  const char* scalar_other;  // other was a Scalar
  const char* scalar_self;   // self was a Scalar
  autograd::Formula formula;
  bool self, other, result;  // which slots the formula reads
};

bool is_wrapped(const Tensor& t) { return t.unsafeGetTensorImpl()->is_wrapped_number(); }

void record_binary(const BinaryGrad& gi, const Tensor& self, const Tensor& other, const Tensor& out,
                   const Tensor& self_value) {
  const char* name = is_wrapped(other) ? gi.scalar_other : is_wrapped(self) ? gi.scalar_self : gi.name;
  if (auto* n = autograd::record(name, gi.formula, {self, other}, {out})) {
    n->save(gi.self ? self_value : Tensor())->save(gi.other ? other : Tensor());
    if (gi.result) n->save_output(out);
  }
}

// Runs an op with its derivative: functional, or in place into `self`.
Tensor run_with_grad(const BinaryGrad& gi, const Tensor& self, const Tensor& other, Kind kind,
                     const char* name, binary_detail::KernelFn kernel) {
  Tensor out = binary_detail::run_binary_op(Tensor(), self, other, Mode::Functional, kind, name, kernel);
  if (autograd::compute_requires_grad(self, other)) record_binary(gi, self, other, out, self);
  return out;
}
Tensor& run_inplace_with_grad(const BinaryGrad& gi, Tensor& self, const Tensor& other, Kind kind,
                              const char* name, binary_detail::KernelFn kernel) {
  autograd::impl::check_inplace(self);
  const bool grad = autograd::compute_requires_grad(self, other);
  // The formula may read self as it was before the write (with its history,
  // for double backward).
  Tensor original;
  if (grad && gi.self) original = self.clone();
  binary_detail::run_binary_op(self, self, other, Mode::InPlace, kind, name, kernel);
  if (grad) record_binary(gi, self, other, self, original);
  return self;
}

Tensor mask_of(const Tensor& cond, const Tensor& like) { return cond.to(like.dtype()); }

// PowBackward1: d(s^o) = o * s^(o-1) (0 where o == 0), s^o * log(s) (0 where s == 0, o >= 0).
variable_list pow_backward(FormulaNode& n, const variable_list& g) {
  Tensor s = n.saved(0), o = n.saved(1);
  Tensor gs, go;
  if (n.needs(0)) gs = where(o == 0, Scalar(0.0), g[0] * o * s.pow(o - 1));
  if (n.needs(1)) {
    Tensor r = n.saved(2);
    go = g[0] * where(logical_and(s == 0, o >= 0), Scalar(0.0), r * s.log());
  }
  return {gs, go};
}
variable_list atan2_backward(FormulaNode& n, const variable_list& g) {
  Tensor s = n.saved(0), o = n.saved(1);
  Tensor d = g[0] / (s * s + o * o);
  return {n.needs(0) ? d * o : Tensor(), n.needs(1) ? -d * s : Tensor()};
}
variable_list hypot_backward(FormulaNode& n, const variable_list& g) {
  Tensor q = g[0] / n.saved(2);
  return {n.needs(0) ? q * n.saved(0) : Tensor(), n.needs(1) ? q * n.saved(1) : Tensor()};
}
// remainder / fmod: s - o * round(s / o): g, -g * round(s / o).
variable_list remainder_backward(FormulaNode& n, const variable_list& g) {
  return {n.needs(0) ? g[0] : Tensor(),
          n.needs(1) ? -g[0] * n.saved(0).div(n.saved(1), "floor") : Tensor()};
}
variable_list fmod_backward(FormulaNode& n, const variable_list& g) {
  return {n.needs(0) ? g[0] : Tensor(),
          n.needs(1) ? -g[0] * n.saved(0).div(n.saved(1), "trunc") : Tensor()};
}
// copysign: g * result / self, 0 where self == 0; other's gradient is zero.
variable_list copysign_backward(FormulaNode& n, const variable_list& g) {
  Tensor gs;
  if (n.needs(0)) {
    Tensor s = n.saved(0), r = n.saved(2);
    gs = g[0] * where(s == 0, Scalar(0.0), r / s);
  }
  return {gs, n.needs(1) ? zeros_like(g[0]) : Tensor()};
}
variable_list logaddexp_backward(FormulaNode& n, const variable_list& g) {
  Tensor s = n.saved(0), o = n.saved(1);
  return {n.needs(0) ? g[0] / ((o - s).exp() + 1) : Tensor(),
          n.needs(1) ? g[0] / ((s - o).exp() + 1) : Tensor()};
}
variable_list logaddexp2_backward(FormulaNode& n, const variable_list& g) {
  Tensor s = n.saved(0), o = n.saved(1);
  return {n.needs(0) ? g[0] / (pow(2.0, o - s) + 1) : Tensor(),
          n.needs(1) ? g[0] / (pow(2.0, s - o) + 1) : Tensor()};
}
// xlogy: g * log(o) (as xlogy(g, o), and 0 where s == 0 and o <= 0, as PyTorch), g * s / o.
variable_list xlogy_backward(FormulaNode& n, const variable_list& g) {
  Tensor s = n.saved(0), o = n.saved(1);
  return {n.needs(0) ? where(logical_and(s == 0, o <= 0), Scalar(0.0), xlogy(g[0], o)) : Tensor(),
          n.needs(1) ? g[0] * s / o : Tensor()};
}

const BinaryGrad pow_grad{"PowBackward1", "PowBackward0", "PowBackward2", pow_backward, true, true, true};
const BinaryGrad atan2_grad{"Atan2Backward0", "Atan2Backward0", "Atan2Backward0", atan2_backward,
                            true, true, false};
const BinaryGrad hypot_grad{"HypotBackward0", "HypotBackward0", "HypotBackward0", hypot_backward,
                            true, true, true};
const BinaryGrad remainder_grad{"RemainderBackward1", "RemainderBackward0", "RemainderBackward1",
                                remainder_backward, true, true, false};
const BinaryGrad fmod_grad{"FmodBackward1", "FmodBackward0", "FmodBackward1", fmod_backward, true,
                           true, false};
const BinaryGrad copysign_grad{"CopysignBackward0", "CopysignBackward1", "CopysignBackward0",
                               copysign_backward, true, false, true};
const BinaryGrad logaddexp_grad{"LogaddexpBackward0", "LogaddexpBackward0", "LogaddexpBackward0",
                                logaddexp_backward, true, true, false};
const BinaryGrad logaddexp2_grad{"Logaddexp2Backward0", "Logaddexp2Backward0",
                                 "Logaddexp2Backward0", logaddexp2_backward, true, true, false};
const BinaryGrad xlogy_grad{"XlogyBackward0", "XlogyBackward2", "XlogyBackward1", xlogy_backward,
                            true, true, false};
}  // namespace

// Like WICK_BINARY_ENTRIES, with the derivative name##_grad recorded.
#define WICK_BINARY_GRAD_ENTRIES(name, kind)                                              \
  Tensor name(const Tensor& self, const Tensor& other) {                                  \
    return run_with_grad(name##_grad, self, other, kind, #name, name##_kernel);           \
  }                                                                                       \
  Tensor name(const Tensor& self, const Scalar& other) {                                  \
    return name(self, binary_detail::wrapped_scalar_for(self, other,                      \
                                                        (kind) == binary_detail::Kind::Float)); \
  }                                                                                       \
  Tensor& name##_(Tensor& self, const Tensor& other) {                                    \
    return run_inplace_with_grad(name##_grad, self, other, kind, #name, name##_kernel);   \
  }                                                                                       \
  Tensor& name##_(Tensor& self, const Scalar& other) {                                    \
    return name##_(self, binary_detail::wrapped_scalar_for(self, other,                   \
                                                           (kind) == binary_detail::Kind::Float)); \
  }                                                                                       \
  Tensor& name##_out(Tensor& out, const Tensor& self, const Tensor& other) {              \
    autograd::check_out_no_grad(#name, out, self, other);                                 \
    binary_detail::run_binary_op(out, self, other, binary_detail::Mode::Out, kind, #name,  \
                                 name##_kernel);                                          \
    return out;                                                                           \
  }                                                                                       \
  WICK_BINARY_METHODS(name, name)

// floor_divide has no derivative in PyTorch (pytorch#43327): its result takes
// a NotImplemented node that raises in backward, and its out= form is not
// refused (Note [out= and autograd]: only differentiable ops are).
namespace {
[[noreturn]] variable_list floor_divide_backward(FormulaNode&, const variable_list&) {
  throw Error("derivative for aten::floor_divide is not implemented");
}
const BinaryGrad floor_divide_grad{"wick::autograd::NotImplemented",
                                   "wick::autograd::NotImplemented",
                                   "wick::autograd::NotImplemented", floor_divide_backward,
                                   false, false, false};
}  // namespace
Tensor floor_divide(const Tensor& self, const Tensor& other) {
  return run_with_grad(floor_divide_grad, self, other, Kind::Same, "floor_divide",
                       floor_divide_kernel);
}
Tensor floor_divide(const Tensor& self, const Scalar& other) {
  return floor_divide(self, binary_detail::wrapped_scalar_for(self, other));
}
Tensor& floor_divide_(Tensor& self, const Tensor& other) {
  return run_inplace_with_grad(floor_divide_grad, self, other, Kind::Same, "floor_divide",
                               floor_divide_kernel);
}
Tensor& floor_divide_(Tensor& self, const Scalar& other) {
  return floor_divide_(self, binary_detail::wrapped_scalar_for(self, other));
}
Tensor& floor_divide_out(Tensor& out, const Tensor& self, const Tensor& other) {
  binary_detail::run_binary_op(out, self, other, Mode::Out, Kind::Same, "floor_divide",
                               floor_divide_kernel);
  return out;
}
WICK_BINARY_METHODS(floor_divide, floor_divide)
WICK_BINARY_GRAD_ENTRIES(remainder, Kind::Same)
WICK_BINARY_GRAD_ENTRIES(fmod, Kind::Same)
WICK_BINARY_GRAD_ENTRIES(atan2, Kind::Float)
WICK_BINARY_ALIAS(arctan2, atan2)
WICK_BINARY_GRAD_ENTRIES(hypot, Kind::Same)
WICK_BINARY_GRAD_ENTRIES(copysign, Kind::Float)
WICK_BINARY_GRAD_ENTRIES(logaddexp, Kind::Same)
WICK_BINARY_GRAD_ENTRIES(logaddexp2, Kind::Same)
WICK_BINARY_GRAD_ENTRIES(xlogy, Kind::Float)
#undef WICK_BINARY_GRAD_ENTRIES

Tensor remainder(const Scalar& self, const Tensor& other) {
  return remainder(wrapped_scalar_tensor(self), other);
}
Tensor xlogy(const Scalar& self, const Tensor& other) {
  return xlogy(wrapped_scalar_tensor(self), other);
}

// ---- pow ---------------------------------------------------------------------

namespace {
void check_int_pow_exponent(const Tensor& base, const Scalar& exp) {
  WICK_CHECK(!(is_integral_type(base.dtype(), true) && exp.isIntegral(true) && exp.toLong() < 0),
             "Integers to negative integer powers are not allowed.");
}
}  // namespace

Tensor pow(const Tensor& self, const Tensor& other) {
  return run_with_grad(pow_grad, self, other, Kind::Same, "pow", pow_kernel);
}
Tensor pow(const Tensor& self, const Scalar& other) {
  check_int_pow_exponent(self, other);
  const Tensor exponent = binary_detail::wrapped_scalar_for(self, other);
  // Common exponents of floating tensors take the exact short forms PyTorch uses
  // too; the node is still PowBackward0.
  if (self.is_floating_point()) {
    const double e = other.toDouble();
    if (e == 2.0 || e == 0.5) {
      Tensor out;
      {
        autograd::NoGradGuard no_grad;
        out = e == 2.0 ? mul(self, self) : wick::sqrt(self);
      }
      if (autograd::compute_requires_grad(self)) record_binary(pow_grad, self, exponent, out, self);
      return out;
    }
  }
  return pow(self, exponent);
}
Tensor pow(const Scalar& self, const Tensor& exponent) {
  return pow(wrapped_scalar_tensor(self), exponent);
}
Tensor& pow_(Tensor& self, const Tensor& other) {
  return run_inplace_with_grad(pow_grad, self, other, Kind::Same, "pow_", pow_kernel);
}
Tensor& pow_(Tensor& self, const Scalar& other) {
  check_int_pow_exponent(self, other);
  return pow_(self, wrapped_scalar_tensor(other));
}
Tensor& pow_out(Tensor& out, const Tensor& self, const Tensor& other) {
  autograd::check_out_no_grad("pow", out, self, other);
  binary_detail::run_binary_op(out, self, other, Mode::Out, Kind::Same, "pow", pow_kernel);
  return out;
}
WICK_BINARY_METHODS(pow, pow)

// float_power: both operands become float64 first.
Tensor float_power(const Tensor& self, const Tensor& other) {
  return pow(self.to(kDouble), other.to(kDouble));
}
Tensor float_power(const Tensor& self, const Scalar& other) {
  return pow(self.to(kDouble), Scalar(other.toDouble()));
}
Tensor float_power(const Scalar& self, const Tensor& exponent) {
  return pow(wrapped_scalar_tensor(Scalar(self.toDouble())), exponent.to(kDouble));
}
Tensor& float_power_(Tensor& self, const Tensor& other) {
  WICK_CHECK(self.dtype() == kDouble, "the base given to float_power_ has dtype ",
             to_string(self.dtype()), " but the operation's result requires dtype Double");
  return pow_(self, other.to(kDouble));
}
Tensor& float_power_(Tensor& self, const Scalar& other) {
  return float_power_(self, wrapped_scalar_tensor(Scalar(other.toDouble())));
}
Tensor& float_power_out(Tensor& out, const Tensor& self, const Tensor& other) {
  WICK_CHECK(out.dtype() == kDouble, "the output given to float_power has dtype ",
             to_string(out.dtype()), " but the operation's result requires dtype Double");
  return pow_out(out, self.to(kDouble), other.to(kDouble));
}
WICK_BINARY_METHODS(float_power, float_power)

// ---- maximum / minimum / fmax / fmin --------------------------------------------

namespace {
// maximum / minimum: the larger (smaller) input takes g, ties split it in half,
// and a NaN passes g to both inputs, as PyTorch.
variable_list maximum_backward(FormulaNode& n, const variable_list& g) {
  Tensor s = n.saved(0), o = n.saved(1);
  Tensor half_eq = mask_of(s == o, g[0]) * 0.5;
  return {n.needs(0) ? g[0] * (1 - mask_of(s < o, g[0]) - half_eq) : Tensor(),
          n.needs(1) ? g[0] * (1 - mask_of(s > o, g[0]) - half_eq) : Tensor()};
}
variable_list minimum_backward(FormulaNode& n, const variable_list& g) {
  Tensor s = n.saved(0), o = n.saved(1);
  Tensor half_eq = mask_of(s == o, g[0]) * 0.5;
  return {n.needs(0) ? g[0] * (1 - mask_of(s > o, g[0]) - half_eq) : Tensor(),
          n.needs(1) ? g[0] * (1 - mask_of(s < o, g[0]) - half_eq) : Tensor()};
}
// fmax / fmin: self takes g where it won or tied or other is NaN; other elsewhere.
variable_list fmax_backward(FormulaNode& n, const variable_list& g) {
  Tensor s = n.saved(0), o = n.saved(1);
  Tensor to_self = mask_of(logical_or(s >= o, o.isnan()), g[0]);
  return {n.needs(0) ? g[0] * to_self : Tensor(), n.needs(1) ? g[0] * (1 - to_self) : Tensor()};
}
variable_list fmin_backward(FormulaNode& n, const variable_list& g) {
  Tensor s = n.saved(0), o = n.saved(1);
  Tensor to_self = mask_of(logical_or(s <= o, o.isnan()), g[0]);
  return {n.needs(0) ? g[0] * to_self : Tensor(), n.needs(1) ? g[0] * (1 - to_self) : Tensor()};
}
const BinaryGrad maximum_grad{"MaximumBackward0", "MaximumBackward0", "MaximumBackward0",
                              maximum_backward, true, true, false};
const BinaryGrad minimum_grad{"MinimumBackward0", "MinimumBackward0", "MinimumBackward0",
                              minimum_backward, true, true, false};
const BinaryGrad fmax_grad{"FmaxBackward0", "FmaxBackward0", "FmaxBackward0", fmax_backward, true,
                           true, false};
const BinaryGrad fmin_grad{"FminBackward0", "FminBackward0", "FminBackward0", fmin_backward, true,
                           true, false};
}  // namespace

#define WICK_BINARY_TT_ENTRIES(name)                                                        \
  Tensor name(const Tensor& self, const Tensor& other) {                                    \
    return run_with_grad(name##_grad, self, other, Kind::Same, #name, name##_kernel);       \
  }                                                                                         \
  Tensor& name##_out(Tensor& out, const Tensor& self, const Tensor& other) {                \
    autograd::check_out_no_grad(#name, out, self, other);                                   \
    binary_detail::run_binary_op(out, self, other, Mode::Out, Kind::Same, #name,            \
                                 name##_kernel);                                            \
    return out;                                                                             \
  }                                                                                         \
  Tensor Tensor::name(const Tensor& other) const { return wick::name(*this, other); }
WICK_BINARY_TT_ENTRIES(maximum)
WICK_BINARY_TT_ENTRIES(minimum)
WICK_BINARY_TT_ENTRIES(fmax)
WICK_BINARY_TT_ENTRIES(fmin)
#undef WICK_BINARY_TT_ENTRIES
// ---- Tensor methods of add/sub/div ----------------------------------------------

Tensor Tensor::add(const Tensor& other, const Scalar& alpha) const {
  return wick::add(*this, other, alpha);
}
Tensor Tensor::add(const Scalar& other, const Scalar& alpha) const {
  return wick::add(*this, other, alpha);
}
Tensor& Tensor::add_(const Tensor& other, const Scalar& alpha) {
  return wick::add_(*this, other, alpha);
}
Tensor& Tensor::add_(const Scalar& other, const Scalar& alpha) {
  return wick::add_(*this, other, alpha);
}
Tensor Tensor::sub(const Tensor& other, const Scalar& alpha) const {
  return wick::sub(*this, other, alpha);
}
Tensor Tensor::sub(const Scalar& other, const Scalar& alpha) const {
  return wick::sub(*this, other, alpha);
}
Tensor& Tensor::sub_(const Tensor& other, const Scalar& alpha) {
  return wick::sub_(*this, other, alpha);
}
Tensor& Tensor::sub_(const Scalar& other, const Scalar& alpha) {
  return wick::sub_(*this, other, alpha);
}
Tensor Tensor::subtract(const Tensor& other, const Scalar& alpha) const {
  return wick::sub(*this, other, alpha);
}
Tensor Tensor::rsub(const Tensor& other, const Scalar& alpha) const {
  return wick::rsub(*this, other, alpha);
}
Tensor Tensor::rsub(const Scalar& other, const Scalar& alpha) const {
  return wick::rsub(*this, other, alpha);
}
Tensor Tensor::div(const Tensor& other, std::optional<std::string> rounding_mode) const {
  return wick::div(*this, other, std::move(rounding_mode));
}
Tensor Tensor::div(const Scalar& other, std::optional<std::string> rounding_mode) const {
  return wick::div(*this, other, std::move(rounding_mode));
}
Tensor& Tensor::div_(const Tensor& other, std::optional<std::string> rounding_mode) {
  return wick::div_(*this, other, std::move(rounding_mode));
}
Tensor& Tensor::div_(const Scalar& other, std::optional<std::string> rounding_mode) {
  return wick::div_(*this, other, std::move(rounding_mode));
}
Tensor Tensor::divide(const Tensor& other, std::optional<std::string> rounding_mode) const {
  return wick::div(*this, other, std::move(rounding_mode));
}
Tensor Tensor::true_divide(const Tensor& other) const { return wick::div(*this, other); }

// ---- operators ----------------------------------------------------------------

Tensor operator+(const Tensor& a, const Tensor& b) { return add(a, b); }
Tensor operator+(const Tensor& a, const Scalar& b) { return add(a, b); }
Tensor operator+(const Scalar& a, const Tensor& b) { return add(b, a); }
Tensor operator-(const Tensor& a, const Tensor& b) { return sub(a, b); }
Tensor operator-(const Tensor& a, const Scalar& b) { return sub(a, b); }
Tensor operator-(const Scalar& a, const Tensor& b) { return rsub(b, a); }
Tensor operator*(const Tensor& a, const Tensor& b) { return mul(a, b); }
Tensor operator*(const Tensor& a, const Scalar& b) { return mul(a, b); }
Tensor operator*(const Scalar& a, const Tensor& b) { return mul(b, a); }
Tensor operator/(const Tensor& a, const Tensor& b) { return div(a, b); }
Tensor operator/(const Tensor& a, const Scalar& b) { return div(a, b); }
Tensor operator/(const Scalar& a, const Tensor& b) { return div(wrapped_scalar_tensor(a), b); }
Tensor operator%(const Tensor& a, const Tensor& b) { return remainder(a, b); }
Tensor operator%(const Tensor& a, const Scalar& b) { return remainder(a, b); }

Tensor& Tensor::operator+=(const Tensor& o) { return wick::add_(*this, o); }
Tensor& Tensor::operator+=(const Scalar& o) { return wick::add_(*this, o); }
Tensor& Tensor::operator-=(const Tensor& o) { return wick::sub_(*this, o); }
Tensor& Tensor::operator-=(const Scalar& o) { return wick::sub_(*this, o); }
Tensor& Tensor::operator*=(const Tensor& o) { return wick::mul_(*this, o); }
Tensor& Tensor::operator*=(const Scalar& o) { return wick::mul_(*this, o); }
Tensor& Tensor::operator/=(const Tensor& o) { return wick::div_(*this, o); }
Tensor& Tensor::operator/=(const Scalar& o) { return wick::div_(*this, o); }

}  // namespace wick
