#include "wick/ops/pointwise.h"

#include <cmath>
#include <limits>
#include <type_traits>

#include "wick/autograd/formula.h"
#include "wick/kernels/cpu/elementwise.h"
#include "wick/ops/binary.h"
#include "wick/ops/creation.h"

namespace wick {

using kernels::Mode;
using autograd::FormulaNode;
using autograd::variable_list;

namespace {

// The C type name PyTorch prints for a dtype in some messages ("float", "double").
const char* c_type_name(ScalarType t) {
  switch (t) {
    case kBool: return "bool";
    case kByte: return "unsigned char";
    case kChar: return "signed char";
    case kShort: return "short int";
    case kInt: return "int";
    case kLong: return "long int";
    case kHalf: return "c10::Half";
    case kBFloat16: return "c10::BFloat16";
    case kFloat: return "float";
    case kDouble: return "double";
    default: return "undefined";
  }
}

template <typename T>
inline T nan_max(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (a != a) return a;
    if (b != b) return b;
  }
  return a < b ? b : a;
}
template <typename T>
inline T nan_min(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (a != a) return a;
    if (b != b) return b;
  }
  return b < a ? b : a;
}

}  // namespace

// ---- where ---------------------------------------------------------------------

namespace {
Tensor where_impl(const Tensor& out, const Tensor& condition, const Tensor& self,
                  const Tensor& other) {
  WICK_CHECK(condition.dtype() == kBool || condition.dtype() == kByte,
             "where expected condition to be a boolean tensor, but got a tensor with dtype ",
             to_string(condition.dtype()));
  const Tensor cond = condition.dtype() == kBool ? condition : condition.to(kBool);
  const Tensor tensors[2] = {self, other};
  const ScalarType common = result_type(ArrayRef<Tensor>(tensors, 2));
  TensorIterator iter = TensorIteratorConfig()
                            .name("where")
                            .add_output(out)
                            .add_input(cond)
                            .add_input(self.to(common))
                            .add_input(other.to(common))
                            .promote_inputs_to_common_dtype(false)
                            .declare_static_dtype(common)
                            .build();
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(common, "where_cpu", [&] {
    kernels::cpu_kernel(iter, [](bool c, scalar_t a, scalar_t b) -> scalar_t { return c ? a : b; });
  });
  iter.cast_outputs();
  return iter.output();
}
}  // namespace

namespace {
// WhereBackward0: g goes to self where the condition holds, to other elsewhere.
variable_list where_backward(FormulaNode& n, const variable_list& g) {
  Tensor cond = n.saved(0);
  return {n.needs(0) ? where(cond, g[0], Scalar(0.0)) : Tensor(),
          n.needs(1) ? where(cond, Scalar(0.0), g[0]) : Tensor()};
}
}  // namespace

Tensor where(const Tensor& condition, const Tensor& self, const Tensor& other) {
  Tensor out;
  {
    autograd::NoGradGuard no_grad;  // the dtype casts inside are part of this op
    out = where_impl(Tensor(), condition, self, other);
  }
  if (autograd::compute_requires_grad(self, other))
    if (auto* n = autograd::record("WhereBackward0", where_backward, {self, other}, {out}))
      n->save(condition.dtype() == kBool ? condition : condition.to(kBool));
  return out;
}
Tensor where(const Tensor& condition, const Tensor& self, const Scalar& other) {
  return where(condition, self, wrapped_scalar_tensor(other));
}
Tensor where(const Tensor& condition, const Scalar& self, const Tensor& other) {
  return where(condition, wrapped_scalar_tensor(self), other);
}
Tensor where(const Tensor& condition, const Scalar& self, const Scalar& other) {
  return where_impl(Tensor(), condition, wrapped_scalar_tensor(self), wrapped_scalar_tensor(other));
}
Tensor& where_out(Tensor& out, const Tensor& condition, const Tensor& self, const Tensor& other) {
  autograd::check_out_no_grad("where", out, condition, self, other);
  kernels::check_no_internal_overlap(out);
  where_impl(out, condition, self, other);
  return out;
}
Tensor Tensor::where(const Tensor& condition, const Tensor& other) const {
  return wick::where(condition, *this, other);
}
Tensor Tensor::where(const Tensor& condition, const Scalar& other) const {
  return wick::where(condition, *this, other);
}

// ---- lerp ----------------------------------------------------------------------

namespace {
void lerp_dtype_check(const Tensor& self, const Tensor& t, const char* what) {
  WICK_CHECK(self.dtype() == t.dtype(), "expected dtype ", c_type_name(self.dtype()), " for `",
             what, "` but got dtype ", c_type_name(t.dtype()));
}

// Two formulas, each exact at its end: start + w * d near start, end - (1 - w) * d near end.
template <typename T>
inline T lerp_value(T start, T end, T w) {
  const T d = end - start;
  return std::abs(w) < T(0.5) ? start + w * d : end - d * (T(1) - w);
}

Tensor lerp_scalar_impl(const Tensor& out, const Tensor& self, const Tensor& end,
                        const Scalar& weight, Mode mode) {
  lerp_dtype_check(self, end, "end");
  TensorIterator iter = kernels::make_iter(out, {self, end}, mode, false, "lerp");
  WICK_DISPATCH_FLOATING_AND_HALF(iter.common_dtype(), "lerp_kernel_scalar", [&] {
    using opm = opmath_t<scalar_t>;
    const opm w = weight.to<opm>();
    kernels::run_binary<scalar_t>(iter, [w](opm a, opm b) { return lerp_value(a, b, w); });
  });
  iter.cast_outputs();
  return iter.output();
}
Tensor lerp_tensor_impl(const Tensor& out, const Tensor& self, const Tensor& end,
                        const Tensor& weight, Mode mode) {
  lerp_dtype_check(self, end, "end");
  lerp_dtype_check(self, weight, "weight");
  TensorIterator iter = kernels::make_iter(out, {self, end, weight}, mode, false, "lerp");
  WICK_DISPATCH_FLOATING_AND_HALF(iter.common_dtype(), "lerp_kernel_tensor", [&] {
    using opm = opmath_t<scalar_t>;
    kernels::cpu_kernel(iter, [](scalar_t a, scalar_t b, scalar_t w) -> scalar_t {
      return static_cast<scalar_t>(
          lerp_value(static_cast<opm>(a), static_cast<opm>(b), static_cast<opm>(w)));
    });
  });
  iter.cast_outputs();
  return iter.output();
}
}  // namespace

namespace {
// LerpBackward0 (Scalar weight w): g * (1 - w), g * w.
variable_list lerp_scalar_backward(FormulaNode& n, const variable_list& g) {
  const double w = n.scalar(0).toDouble();
  return {n.needs(0) ? g[0] * (1.0 - w) : Tensor(), n.needs(1) ? g[0] * w : Tensor()};
}
// LerpBackward1: saved(0) = self (before the write), saved(1) = end, saved(2) = weight.
variable_list lerp_tensor_backward(FormulaNode& n, const variable_list& g) {
  Tensor w = n.saved(2);
  Tensor gw;
  if (n.needs(2)) gw = g[0] * (n.saved(1) - n.saved(0));
  return {n.needs(0) ? g[0] * (1 - w) : Tensor(), n.needs(1) ? g[0] * w : Tensor(), gw};
}
void record_lerp_tensor(const Tensor& self, const Tensor& end, const Tensor& weight,
                        const Tensor& out, const Tensor& self_value) {
  if (auto* n = autograd::record("LerpBackward1", lerp_tensor_backward, {self, end, weight}, {out}))
    n->save(self_value)->save(autograd::requires_grad(weight) ? end : Tensor())->save(weight);
}
}  // namespace

Tensor lerp(const Tensor& self, const Tensor& end, const Scalar& weight) {
  Tensor out = lerp_scalar_impl(Tensor(), self, end, weight, Mode::Functional);
  if (autograd::compute_requires_grad(self, end))
    if (auto* n = autograd::record("LerpBackward0", lerp_scalar_backward, {self, end}, {out}))
      n->keep(weight);
  return out;
}
Tensor lerp(const Tensor& self, const Tensor& end, const Tensor& weight) {
  Tensor out = lerp_tensor_impl(Tensor(), self, end, weight, Mode::Functional);
  if (autograd::compute_requires_grad(self, end, weight))
    record_lerp_tensor(self, end, weight, out, autograd::requires_grad(weight) ? self : Tensor());
  return out;
}
Tensor& lerp_(Tensor& self, const Tensor& end, const Scalar& weight) {
  autograd::impl::check_inplace(self);
  lerp_scalar_impl(self, self, end, weight, Mode::InPlace);
  if (autograd::compute_requires_grad(self, end))
    if (auto* n = autograd::record("LerpBackward0", lerp_scalar_backward, {self, end}, {self}))
      n->keep(weight);
  return self;
}
Tensor& lerp_(Tensor& self, const Tensor& end, const Tensor& weight) {
  autograd::impl::check_inplace(self);
  const bool grad = autograd::compute_requires_grad(self, end, weight);
  Tensor original;  // weight's gradient reads self as it was
  if (grad && autograd::requires_grad(weight)) original = self.clone();
  lerp_tensor_impl(self, self, end, weight, Mode::InPlace);
  if (grad) record_lerp_tensor(self, end, weight, self, original);
  return self;
}
Tensor& lerp_out(Tensor& out, const Tensor& self, const Tensor& end, const Scalar& weight) {
  autograd::check_out_no_grad("lerp", out, self, end);
  lerp_scalar_impl(out, self, end, weight, Mode::Out);
  return out;
}
Tensor& lerp_out(Tensor& out, const Tensor& self, const Tensor& end, const Tensor& weight) {
  autograd::check_out_no_grad("lerp", out, self, end, weight);
  lerp_tensor_impl(out, self, end, weight, Mode::Out);
  return out;
}
Tensor Tensor::lerp(const Tensor& end, const Scalar& weight) const {
  return wick::lerp(*this, end, weight);
}
Tensor Tensor::lerp(const Tensor& end, const Tensor& weight) const {
  return wick::lerp(*this, end, weight);
}
Tensor& Tensor::lerp_(const Tensor& end, const Scalar& weight) {
  return wick::lerp_(*this, end, weight);
}
Tensor& Tensor::lerp_(const Tensor& end, const Tensor& weight) {
  return wick::lerp_(*this, end, weight);
}

// ---- addcmul / addcdiv ------------------------------------------------------------

namespace {
Tensor addcmul_impl(const Tensor& out, const Tensor& self, const Tensor& t1, const Tensor& t2,
                    const Scalar& value, Mode mode) {
  TensorIterator iter = kernels::make_iter(out, {self, t1, t2}, mode, false, "addcmul");
  WICK_DISPATCH_ALL_TYPES(iter.common_dtype(), "addcmul_cpu_out", [&] {
    using opm = opmath_t<scalar_t>;
    const opm v = value.to<opm>();
    kernels::cpu_kernel(iter, [v](scalar_t s, scalar_t a, scalar_t b) -> scalar_t {
      return static_cast<scalar_t>(static_cast<opm>(s) +
                                   v * static_cast<opm>(a) * static_cast<opm>(b));
    });
  });
  iter.cast_outputs();
  return iter.output();
}
Tensor addcdiv_impl(const Tensor& out, const Tensor& self, const Tensor& t1, const Tensor& t2,
                    const Scalar& value, Mode mode) {
  WICK_CHECK(!(is_integral_type(t1.dtype(), true) && is_integral_type(t2.dtype(), true)),
             "Integer division with addcdiv is no longer supported, and in a future  release "
             "addcdiv will perform a true division of tensor1 and tensor2. The historic addcdiv "
             "behavior can be implemented as (input + value * torch.trunc(tensor1 / "
             "tensor2)).to(input.dtype) for integer inputs and as (input + value * tensor1 / "
             "tensor2) for float inputs. The future addcdiv behavior is just the latter "
             "implementation: (input + value * tensor1 / tensor2), for all dtypes.");
  TensorIterator iter = kernels::make_iter(out, {self, t1, t2}, mode, false, "addcdiv");
  WICK_DISPATCH_FLOATING_AND_HALF(iter.common_dtype(), "addcdiv_cpu_out", [&] {
    using opm = opmath_t<scalar_t>;
    const opm v = value.to<opm>();
    kernels::cpu_kernel(iter, [v](scalar_t s, scalar_t a, scalar_t b) -> scalar_t {
      return static_cast<scalar_t>(static_cast<opm>(s) +
                                   v * static_cast<opm>(a) / static_cast<opm>(b));
    });
  });
  iter.cast_outputs();
  return iter.output();
}
}  // namespace

namespace {
// self + v * t1 * t2 and self + v * t1 / t2; saved(0) = t1, saved(1) = t2.
variable_list addcmul_backward(FormulaNode& n, const variable_list& g) {
  const Scalar& v = n.scalar(0);
  return {n.needs(0) ? g[0] : Tensor(), n.needs(1) ? g[0] * n.saved(1) * v : Tensor(),
          n.needs(2) ? g[0] * n.saved(0) * v : Tensor()};
}
variable_list addcdiv_backward(FormulaNode& n, const variable_list& g) {
  const Scalar& v = n.scalar(0);
  Tensor t2 = n.saved(1);
  Tensor q = g[0] * v / t2;
  return {n.needs(0) ? g[0] : Tensor(), n.needs(1) ? q : Tensor(),
          n.needs(2) ? -q * n.saved(0) / t2 : Tensor()};
}
void record_addc(const char* name, autograd::Formula f, const Tensor& self, const Tensor& t1,
                 const Tensor& t2, const Scalar& value, const Tensor& out) {
  if (!autograd::compute_requires_grad(self, t1, t2)) return;
  if (auto* n = autograd::record(name, f, {self, t1, t2}, {out})) n->save(t1)->save(t2)->keep(value);
}
}  // namespace

Tensor addcmul(const Tensor& self, const Tensor& t1, const Tensor& t2, const Scalar& value) {
  Tensor out = addcmul_impl(Tensor(), self, t1, t2, value, Mode::Functional);
  record_addc("AddcmulBackward0", addcmul_backward, self, t1, t2, value, out);
  return out;
}
Tensor& addcmul_(Tensor& self, const Tensor& t1, const Tensor& t2, const Scalar& value) {
  autograd::impl::check_inplace(self);
  addcmul_impl(self, self, t1, t2, value, Mode::InPlace);
  record_addc("AddcmulBackward0", addcmul_backward, self, t1, t2, value, self);
  return self;
}
Tensor& addcmul_out(Tensor& out, const Tensor& self, const Tensor& t1, const Tensor& t2,
                    const Scalar& value) {
  autograd::check_out_no_grad("addcmul", out, self, t1, t2);
  addcmul_impl(out, self, t1, t2, value, Mode::Out);
  return out;
}
Tensor addcdiv(const Tensor& self, const Tensor& t1, const Tensor& t2, const Scalar& value) {
  Tensor out = addcdiv_impl(Tensor(), self, t1, t2, value, Mode::Functional);
  record_addc("AddcdivBackward0", addcdiv_backward, self, t1, t2, value, out);
  return out;
}
Tensor& addcdiv_(Tensor& self, const Tensor& t1, const Tensor& t2, const Scalar& value) {
  autograd::impl::check_inplace(self);
  addcdiv_impl(self, self, t1, t2, value, Mode::InPlace);
  record_addc("AddcdivBackward0", addcdiv_backward, self, t1, t2, value, self);
  return self;
}
Tensor& addcdiv_out(Tensor& out, const Tensor& self, const Tensor& t1, const Tensor& t2,
                    const Scalar& value) {
  autograd::check_out_no_grad("addcdiv", out, self, t1, t2);
  addcdiv_impl(out, self, t1, t2, value, Mode::Out);
  return out;
}
Tensor Tensor::addcmul(const Tensor& t1, const Tensor& t2, const Scalar& value) const {
  return wick::addcmul(*this, t1, t2, value);
}
Tensor& Tensor::addcmul_(const Tensor& t1, const Tensor& t2, const Scalar& value) {
  return wick::addcmul_(*this, t1, t2, value);
}
Tensor Tensor::addcdiv(const Tensor& t1, const Tensor& t2, const Scalar& value) const {
  return wick::addcdiv(*this, t1, t2, value);
}
Tensor& Tensor::addcdiv_(const Tensor& t1, const Tensor& t2, const Scalar& value) {
  return wick::addcdiv_(*this, t1, t2, value);
}

// ---- clamp -----------------------------------------------------------------------

namespace {
constexpr const char* kClampNoneMsg = "torch.clamp: At least one of 'min' or 'max' must not be None";

// Scalar bounds: the result dtype counts them as wrapped numbers (int tensor, 0.5 -> float).
// Promoting against each bound in turn gives the same dtype as promoting against both at
// once (both land in the wrapped-number tier), without allocating scalar tensors.
Tensor clamp_scalar_impl(const Tensor& out, const Tensor& self, const std::optional<Scalar>& min,
                         const std::optional<Scalar>& max, Mode mode) {
  WICK_CHECK(min || max, kClampNoneMsg);
  ScalarType common = min ? result_type(self, *min) : result_type(self, *max);
  if (min && max) common = promote_types(common, result_type(self, *max));
  const Tensor input = self.dtype() == common ? self : self.to(common);
  TensorIterator iter = kernels::make_iter(out, {input}, mode, false, "clamp");
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(common, "clamp_scalar_cpu", [&] {
    using opm = opmath_t<scalar_t>;
    const bool has_lo = min.has_value(), has_hi = max.has_value();
    const opm lo = has_lo ? min->to<opm>() : opm(0);
    const opm hi = has_hi ? max->to<opm>() : opm(0);
    // A NaN bound makes every element NaN; otherwise plain selects keep a NaN
    // element (NaN < lo and NaN > hi are false) and vectorise.
    if ((has_lo && lo != lo) || (has_hi && hi != hi)) {
      kernels::run_unary<scalar_t>(iter, [](opm) { return std::numeric_limits<opm>::quiet_NaN(); });
    } else if (has_lo && has_hi) {
      kernels::run_unary<scalar_t>(iter, [lo, hi](opm x) {
        const opm r = x < lo ? lo : x;
        return r > hi ? hi : r;
      });
    } else if (has_lo) {
      kernels::run_unary<scalar_t>(iter, [lo](opm x) { return x < lo ? lo : x; });
    } else {
      kernels::run_unary<scalar_t>(iter, [hi](opm x) { return x > hi ? hi : x; });
    }
  });
  iter.cast_outputs();
  return iter.output();
}

Tensor clamp_tensor_impl(const Tensor& out, const Tensor& self, const std::optional<Tensor>& min,
                         const std::optional<Tensor>& max, Mode mode) {
  const bool has_lo = min && min->defined(), has_hi = max && max->defined();
  WICK_CHECK(has_lo || has_hi, kClampNoneMsg);
  TensorIteratorConfig cfg;
  cfg.name("clamp").add_output(out).add_input(self);
  if (has_lo) cfg.add_input(*min);
  if (has_hi) cfg.add_input(*max);
  kernels::apply_mode(cfg, mode, out);
  TensorIterator iter = cfg.build();
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(iter.common_dtype(), "clamp_cpu", [&] {
    using opm = opmath_t<scalar_t>;
    if (has_lo && has_hi) {
      kernels::cpu_kernel(iter, [](scalar_t x, scalar_t lo, scalar_t hi) -> scalar_t {
        return static_cast<scalar_t>(nan_min(
            nan_max(static_cast<opm>(x), static_cast<opm>(lo)), static_cast<opm>(hi)));
      });
    } else if (has_lo) {
      kernels::run_binary<scalar_t>(iter, [](opm x, opm lo) { return nan_max(x, lo); });
    } else {
      kernels::run_binary<scalar_t>(iter, [](opm x, opm hi) { return nan_min(x, hi); });
    }
  });
  iter.cast_outputs();
  return iter.output();
}
}  // namespace

// ---- clamp derivatives -----------------------------------------------------------
//
// As PyTorch, g passes to self where min <= self <= max (bounds included); a
// tensor min takes it where self < min (and min < max when both are given), a
// tensor max where self > max (or max < min). The masks are worked out before
// the kernel runs, so in-place forms need no copy of self: saved(i) is input
// i's mask (undefined for a bound not given).

namespace {
variable_list clamp_backward(FormulaNode& n, const variable_list& g) {
  variable_list out(n.num_outputs());
  for (size_t i = 0; i < out.size(); ++i)
    if (n.needs(i)) out[i] = where(n.saved(i), g[0], Scalar(0.0));
  return out;
}

struct ClampMasks {
  Tensor self, min, max;
};
ClampMasks clamp_masks(const Tensor& self, const std::optional<Scalar>& min,
                       const std::optional<Scalar>& max) {
  autograd::NoGradGuard no_grad;
  if (min && max) return {logical_and(self >= *min, self <= *max), {}, {}};
  return {min ? self >= *min : self <= *max, {}, {}};
}
ClampMasks clamp_masks(const Tensor& self, const std::optional<Tensor>& min,
                       const std::optional<Tensor>& max) {
  autograd::NoGradGuard no_grad;
  const bool has_lo = min && min->defined(), has_hi = max && max->defined();
  if (has_lo && has_hi)
    return {logical_and(self >= *min, self <= *max), logical_and(self < *min, *min < *max),
            logical_or(self > *max, *max < *min)};
  if (has_lo) return {self >= *min, self < *min, {}};
  return {self <= *max, {}, self > *max};
}

void record_clamp(const char* name, const Tensor& self, const ClampMasks& m, const Tensor& out) {
  if (auto* n = autograd::record(name, clamp_backward, {self}, {out})) n->save(m.self);
}
void record_clamp(const char* name, const Tensor& self, const std::optional<Tensor>& min,
                  const std::optional<Tensor>& max, const ClampMasks& m, const Tensor& out) {
  const Tensor lo = min ? *min : Tensor(), hi = max ? *max : Tensor();
  if (auto* n = autograd::record(name, clamp_backward, {self, lo, hi}, {out}))
    n->save(m.self)->save(m.min)->save(m.max);
}
bool clamp_grad(const Tensor& self, const std::optional<Tensor>& min,
                const std::optional<Tensor>& max) {
  auto wants = [](const std::optional<Tensor>& t) { return t && t->defined() && autograd::requires_grad(*t); };
  return autograd::GradMode::is_enabled() && (autograd::requires_grad(self) || wants(min) || wants(max));
}

Tensor clamp_scalar(const char* name, const Tensor& self, const std::optional<Scalar>& min,
                    const std::optional<Scalar>& max) {
  Tensor out = clamp_scalar_impl(Tensor(), self, min, max, Mode::Functional);
  if (autograd::compute_requires_grad(self)) record_clamp(name, self, clamp_masks(self, min, max), out);
  return out;
}
Tensor& clamp_scalar_(const char* name, Tensor& self, const std::optional<Scalar>& min,
                      const std::optional<Scalar>& max) {
  autograd::impl::check_inplace(self);
  const bool grad = autograd::compute_requires_grad(self) && (min || max);
  ClampMasks m;
  if (grad) m = clamp_masks(self, min, max);
  clamp_scalar_impl(self, self, min, max, Mode::InPlace);
  if (grad) record_clamp(name, self, m, self);
  return self;
}
Tensor clamp_tensor(const char* name, const Tensor& self, const std::optional<Tensor>& min,
                    const std::optional<Tensor>& max) {
  Tensor out = clamp_tensor_impl(Tensor(), self, min, max, Mode::Functional);
  if (clamp_grad(self, min, max)) record_clamp(name, self, min, max, clamp_masks(self, min, max), out);
  return out;
}
Tensor& clamp_tensor_(const char* name, Tensor& self, const std::optional<Tensor>& min,
                      const std::optional<Tensor>& max) {
  autograd::impl::check_inplace(self);
  const bool grad = clamp_grad(self, min, max) && ((min && min->defined()) || (max && max->defined()));
  ClampMasks m;
  if (grad) m = clamp_masks(self, min, max);
  clamp_tensor_impl(self, self, min, max, Mode::InPlace);
  if (grad) record_clamp(name, self, min, max, m, self);
  return self;
}
}  // namespace

Tensor clamp(const Tensor& self, const std::optional<Scalar>& min, const std::optional<Scalar>& max) {
  return clamp_scalar("ClampBackward1", self, min, max);
}
Tensor clamp(const Tensor& self, const std::optional<Tensor>& min, const std::optional<Tensor>& max) {
  return clamp_tensor("ClampBackward0", self, min, max);
}
Tensor& clamp_(Tensor& self, const std::optional<Scalar>& min, const std::optional<Scalar>& max) {
  return clamp_scalar_("ClampBackward1", self, min, max);
}
Tensor& clamp_(Tensor& self, const std::optional<Tensor>& min, const std::optional<Tensor>& max) {
  return clamp_tensor_("ClampBackward0", self, min, max);
}
Tensor& clamp_out(Tensor& out, const Tensor& self, const std::optional<Scalar>& min,
                  const std::optional<Scalar>& max) {
  autograd::check_out_no_grad("clamp", out, self);
  clamp_scalar_impl(out, self, min, max, Mode::Out);
  return out;
}
Tensor& clamp_out(Tensor& out, const Tensor& self, const std::optional<Tensor>& min,
                  const std::optional<Tensor>& max) {
  autograd::check_out_no_grad("clamp", out, self, min, max);
  clamp_tensor_impl(out, self, min, max, Mode::Out);
  return out;
}
Tensor clip(const Tensor& self, const std::optional<Scalar>& min, const std::optional<Scalar>& max) {
  return clamp(self, min, max);
}
Tensor clip(const Tensor& self, const std::optional<Tensor>& min, const std::optional<Tensor>& max) {
  return clamp(self, min, max);
}
Tensor& clip_(Tensor& self, const std::optional<Scalar>& min, const std::optional<Scalar>& max) {
  return clamp_(self, min, max);
}
Tensor clamp_min(const Tensor& self, const Scalar& min) {
  return clamp_scalar("ClampMinBackward0", self, min, std::nullopt);
}
Tensor clamp_min(const Tensor& self, const Tensor& min) {
  return clamp_tensor("ClampMinBackward1", self, min, std::nullopt);
}
Tensor& clamp_min_(Tensor& self, const Scalar& min) {
  return clamp_scalar_("ClampMinBackward0", self, min, std::nullopt);
}
Tensor clamp_max(const Tensor& self, const Scalar& max) {
  return clamp_scalar("ClampMaxBackward0", self, std::nullopt, max);
}
Tensor clamp_max(const Tensor& self, const Tensor& max) {
  return clamp_tensor("ClampMaxBackward1", self, std::nullopt, max);
}
Tensor& clamp_max_(Tensor& self, const Scalar& max) {
  return clamp_scalar_("ClampMaxBackward0", self, std::nullopt, max);
}

Tensor Tensor::clamp(std::optional<Scalar> min, std::optional<Scalar> max) const {
  return wick::clamp(*this, min, max);
}
Tensor Tensor::clamp(const std::optional<Tensor>& min, const std::optional<Tensor>& max) const {
  return wick::clamp(*this, min, max);
}
Tensor& Tensor::clamp_(std::optional<Scalar> min, std::optional<Scalar> max) {
  return wick::clamp_(*this, min, max);
}
Tensor& Tensor::clamp_(const std::optional<Tensor>& min, const std::optional<Tensor>& max) {
  return wick::clamp_(*this, min, max);
}
Tensor Tensor::clamp_min(const Scalar& min) const { return wick::clamp_min(*this, min); }
Tensor Tensor::clamp_max(const Scalar& max) const { return wick::clamp_max(*this, max); }
Tensor& Tensor::clamp_min_(const Scalar& min) { return wick::clamp_min_(*this, min); }
Tensor& Tensor::clamp_max_(const Scalar& max) { return wick::clamp_max_(*this, max); }
Tensor Tensor::clip(std::optional<Scalar> min, std::optional<Scalar> max) const {
  return wick::clamp(*this, min, max);
}
Tensor& Tensor::clip_(std::optional<Scalar> min, std::optional<Scalar> max) {
  return wick::clamp_(*this, min, max);
}

}  // namespace wick
