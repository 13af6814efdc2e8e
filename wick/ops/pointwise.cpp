#include "wick/ops/pointwise.h"

#include <cmath>
#include <limits>
#include <type_traits>

#include "wick/kernels/cpu/elementwise.h"

namespace wick {

using kernels::Mode;

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

Tensor where(const Tensor& condition, const Tensor& self, const Tensor& other) {
  return where_impl(Tensor(), condition, self, other);
}
Tensor where(const Tensor& condition, const Tensor& self, const Scalar& other) {
  return where_impl(Tensor(), condition, self, wrapped_scalar_tensor(other));
}
Tensor where(const Tensor& condition, const Scalar& self, const Tensor& other) {
  return where_impl(Tensor(), condition, wrapped_scalar_tensor(self), other);
}
Tensor where(const Tensor& condition, const Scalar& self, const Scalar& other) {
  return where_impl(Tensor(), condition, wrapped_scalar_tensor(self), wrapped_scalar_tensor(other));
}
Tensor& where_out(Tensor& out, const Tensor& condition, const Tensor& self, const Tensor& other) {
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

Tensor lerp(const Tensor& self, const Tensor& end, const Scalar& weight) {
  return lerp_scalar_impl(Tensor(), self, end, weight, Mode::Functional);
}
Tensor lerp(const Tensor& self, const Tensor& end, const Tensor& weight) {
  return lerp_tensor_impl(Tensor(), self, end, weight, Mode::Functional);
}
Tensor& lerp_(Tensor& self, const Tensor& end, const Scalar& weight) {
  lerp_scalar_impl(self, self, end, weight, Mode::InPlace);
  return self;
}
Tensor& lerp_(Tensor& self, const Tensor& end, const Tensor& weight) {
  lerp_tensor_impl(self, self, end, weight, Mode::InPlace);
  return self;
}
Tensor& lerp_out(Tensor& out, const Tensor& self, const Tensor& end, const Scalar& weight) {
  lerp_scalar_impl(out, self, end, weight, Mode::Out);
  return out;
}
Tensor& lerp_out(Tensor& out, const Tensor& self, const Tensor& end, const Tensor& weight) {
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

Tensor addcmul(const Tensor& self, const Tensor& t1, const Tensor& t2, const Scalar& value) {
  return addcmul_impl(Tensor(), self, t1, t2, value, Mode::Functional);
}
Tensor& addcmul_(Tensor& self, const Tensor& t1, const Tensor& t2, const Scalar& value) {
  addcmul_impl(self, self, t1, t2, value, Mode::InPlace);
  return self;
}
Tensor& addcmul_out(Tensor& out, const Tensor& self, const Tensor& t1, const Tensor& t2,
                    const Scalar& value) {
  addcmul_impl(out, self, t1, t2, value, Mode::Out);
  return out;
}
Tensor addcdiv(const Tensor& self, const Tensor& t1, const Tensor& t2, const Scalar& value) {
  return addcdiv_impl(Tensor(), self, t1, t2, value, Mode::Functional);
}
Tensor& addcdiv_(Tensor& self, const Tensor& t1, const Tensor& t2, const Scalar& value) {
  addcdiv_impl(self, self, t1, t2, value, Mode::InPlace);
  return self;
}
Tensor& addcdiv_out(Tensor& out, const Tensor& self, const Tensor& t1, const Tensor& t2,
                    const Scalar& value) {
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
  kernels::apply_mode(cfg, mode);
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

Tensor clamp(const Tensor& self, const std::optional<Scalar>& min, const std::optional<Scalar>& max) {
  return clamp_scalar_impl(Tensor(), self, min, max, Mode::Functional);
}
Tensor clamp(const Tensor& self, const std::optional<Tensor>& min, const std::optional<Tensor>& max) {
  return clamp_tensor_impl(Tensor(), self, min, max, Mode::Functional);
}
Tensor& clamp_(Tensor& self, const std::optional<Scalar>& min, const std::optional<Scalar>& max) {
  clamp_scalar_impl(self, self, min, max, Mode::InPlace);
  return self;
}
Tensor& clamp_(Tensor& self, const std::optional<Tensor>& min, const std::optional<Tensor>& max) {
  clamp_tensor_impl(self, self, min, max, Mode::InPlace);
  return self;
}
Tensor& clamp_out(Tensor& out, const Tensor& self, const std::optional<Scalar>& min,
                  const std::optional<Scalar>& max) {
  clamp_scalar_impl(out, self, min, max, Mode::Out);
  return out;
}
Tensor& clamp_out(Tensor& out, const Tensor& self, const std::optional<Tensor>& min,
                  const std::optional<Tensor>& max) {
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
Tensor clamp_min(const Tensor& self, const Scalar& min) { return clamp(self, min, std::nullopt); }
Tensor clamp_min(const Tensor& self, const Tensor& min) {
  return clamp(self, std::optional<Tensor>(min), std::nullopt);
}
Tensor& clamp_min_(Tensor& self, const Scalar& min) { return clamp_(self, min, std::nullopt); }
Tensor clamp_max(const Tensor& self, const Scalar& max) {
  return clamp(self, std::optional<Scalar>(), max);
}
Tensor clamp_max(const Tensor& self, const Tensor& max) {
  return clamp(self, std::optional<Tensor>(), std::optional<Tensor>(max));
}
Tensor& clamp_max_(Tensor& self, const Scalar& max) {
  return clamp_(self, std::optional<Scalar>(), max);
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
