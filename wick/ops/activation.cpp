// Activations of torch.nn.functional. Forward kernels are elementwise
// functors run by the shared unary drivers (kernels/cpu/elementwise.h: one
// contiguous vectorisable loop, parallel over OpenMP); backward formulas are
// written with wick ops beside each forward, so double backward works.
#include "wick/ops/activation.h"

#include "wick/ops/nn_extra.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <mutex>
#include <string>

#include "wick/autograd/formula.h"
#include "wick/kernels/cpu/elementwise.h"
#include "wick/kernels/cpu/vec_math.h"
#include "wick/ops/creation.h"
#include "wick/ops/pointwise.h"
#include "wick/ops/reduce.h"
#include "wick/ops/shape.h"
#include "wick/ops/unary.h"

namespace wick {

namespace {

using autograd::FormulaNode;
using autograd::variable_list;
using kernels::Mode;
// Branch-free select: keeps the loops vectorisable (a plain ?: keeps a branch).
using kernels::vec::select_bits;
using kernels::vec::exp_fast;

// Runs the functor make(opm{}) returns (opm: the op's math type, float for the
// 16-bit floats) over self's elements, floating dtypes only (kname names the
// kernel in the "not implemented for" error, as PyTorch's).
template <typename Make>
Tensor float_act(const Tensor& out, const Tensor& self, Mode mode, const char* kname,
                 const Make& make) {
  TensorIterator iter = kernels::make_iter(out, {self}, mode, false, kname);
  WICK_DISPATCH_FLOATING_AND_HALF(iter.common_dtype(), kname, [&] {
    using opm = opmath_t<scalar_t>;
    kernels::run_unary<scalar_t>(iter, make(opm{}));
  });
  iter.cast_outputs();
  return iter.output();
}

FormulaNode* record1(const char* name, autograd::Formula f, const Tensor& self, const Tensor& out) {
  if (!autograd::compute_requires_grad(self)) return nullptr;
  return autograd::record(name, f, {self}, {out});
}

// In-place forms whose formula reads the input: refuse leaves, keep a copy.
Tensor inplace_original(const Tensor& self, bool needs_input) {
  autograd::impl::check_inplace(self);
  return needs_input && autograd::compute_requires_grad(self) ? self.clone() : Tensor();
}

// ---- derivatives --------------------------------------------------------------------

// ---- gradients of the piecewise-linear activations ----------------------------------
//
// Their gradient is g * m(x) with m piecewise constant in x, computed in one
// fused pass. Under create_graph it is recorded as its own node with edges to g
// and x (PyTorch's <Op>BackwardBackward0): its derivative in g is the same
// gradient of gg, in x zero; so second derivatives through x are zeros, as
// PyTorch's, rather than an "unused tensor" error.

enum PwCode {
  kPwLeakyRelu = 0,  // g where x > a, g * b elsewhere (leaky_relu, threshold, rrelu eval)
  kPwThreshold,
  kPwRreluEval,
  kPwSoftshrink,     // g outside [-a, a] (NaN included), 0 inside
  kPwHardshrink,
  kPwHardsigmoid,    // g / 6 on (-3, 3), 0 elsewhere
  kPwRreluNoise,     // g * noise (rrelu training)
  kPwHardtanh,       // g where a < r < b (r the result), 0 elsewhere (hardtanh, relu6)
};

const char* pw_name(int code) {
  static const char* names[] = {"LeakyReluBackwardBackward0", "ThresholdBackwardBackward0",
                                "RreluWithNoiseBackwardBackward0", "SoftshrinkBackwardBackward0",
                                "HardshrinkBackwardBackward0", "HardsigmoidBackwardBackward0",
                                "RreluWithNoiseBackwardBackward0", "HardtanhBackwardBackward0"};
  return names[code];
}

// g * m(s), one pass over (g, s); no graph.
Tensor pw_compute(int code, const Tensor& g, const Tensor& s, double a, double b) {
  NoGradGuard no_grad;
  if (code == kPwRreluNoise) return g * s;
  TensorIterator iter =
      TensorIteratorConfig().name("pw_grad").add_output(Tensor()).add_input(g).add_input(s).build();
  WICK_DISPATCH_FLOATING_AND_HALF(iter.common_dtype(), "threshold_backward", [&] {
    using T = opmath_t<scalar_t>;
    const T ta = static_cast<T>(a), tb = static_cast<T>(b);
    switch (code) {
      case kPwSoftshrink:
      case kPwHardshrink:
        kernels::run_binary<scalar_t>(
            iter, [ta](T gv, T v) { return select_bits((v >= -ta) & (v <= ta), T(0), gv); });
        break;
      case kPwHardsigmoid:
        kernels::run_binary<scalar_t>(iter, [](T gv, T v) {
          return select_bits((v > T(-3)) & (v < T(3)), gv / T(6), T(0));
        });
        break;
      case kPwHardtanh:
        kernels::run_binary<scalar_t>(
            iter, [ta, tb](T gv, T r) { return select_bits((r > ta) & (r < tb), gv, T(0)); });
        break;
      default:
        if (b == 0.0) {  // a true 0, not g * 0 (which is -0 for negative g)
          kernels::run_binary<scalar_t>(iter,
                                        [ta](T gv, T sv) { return select_bits(sv > ta, gv, T(0)); });
        } else {
          kernels::run_binary<scalar_t>(
              iter, [ta, tb](T gv, T sv) { return select_bits(sv > ta, gv, gv * tb); });
        }
    }
  });
  iter.cast_outputs();
  return iter.output();
}

// The gradient g * m(x); aux: the noise of kPwRreluNoise (m = aux), else unused.
Tensor pw_grad(int code, const Tensor& g, const Tensor& x, const Tensor& aux, double a = 0,
               double b = 0);

// Saved: 0 x, 1 aux; scalars: a, b; ints: code.
variable_list pw_grad_backward(FormulaNode& n, const variable_list& gs) {
  Tensor x = n.saved(0);
  const int code = static_cast<int>(n.int_at(0));
  return {n.needs(0) ? pw_grad(code, gs[0], x, n.saved(1), n.scalar(0).toDouble(),
                               n.scalar(1).toDouble())
                     : Tensor(),
          n.needs(1) ? zeros_like(x) : Tensor()};
}

Tensor pw_grad(int code, const Tensor& g, const Tensor& x, const Tensor& aux, double a, double b) {
  Tensor out = pw_compute(code, g, code == kPwRreluNoise ? aux : x, a, b);
  if (autograd::compute_requires_grad(g, x)) {
    if (FormulaNode* n = autograd::record(pw_name(code), pw_grad_backward, {g, x}, {out}))
      n->save(x)->save(aux)->keep(Scalar(a))->keep(Scalar(b))->keep_int(code);
  }
  return out;
}

// Saved: the result; scalars: min_val, max_val.
variable_list hardtanh_grad_backward(FormulaNode& n, const variable_list& gs) {
  return {pw_grad(kPwHardtanh, gs[0], n.saved(0), Tensor(), n.scalar(0).toDouble(),
                  n.scalar(1).toDouble())};
}

// g where x > 0, g * slope elsewhere (NaN takes the slope, as PyTorch's).
// Saved: x (LeakyReluBackward0) or the result (LeakyReluBackward1, slope >= 0).
variable_list leaky_relu_backward(FormulaNode& n, const variable_list& gs) {
  const Tensor& g = gs[0];
  const double slope = n.scalar(0).toDouble();
  if (n.int_at(0)) {
    WICK_CHECK(slope >= 0,
               "In-place leakyReLu backward calculation is triggered with a negative slope which "
               "is not supported. This is caused by calling in-place forward function with a "
               "negative slope, please call out-of-place version instead. File an issue at "
               "https://github.com/pytorch/pytorch if you do require supporting in-place leakRelu "
               "backward calculation with negative slope");
  }
  return {pw_grad(kPwLeakyRelu, g, n.saved(0), Tensor(), 0.0, slope)};
}

// Plain backward passes (no create_graph: grad mode is off) take one fused
// pass over (g, saved); with create_graph the formulas below use wick ops so
// they can be differentiated again.
template <typename Make>
Tensor fused_grad(const Tensor& g, const Tensor& saved, const Make& make) {
  TensorIterator iter =
      TensorIteratorConfig().name("fused_grad").add_output(Tensor()).add_input(g).add_input(saved).build();
  WICK_DISPATCH_FLOATING_AND_HALF(iter.common_dtype(), "activation_backward", [&] {
    using T = opmath_t<scalar_t>;
    kernels::run_binary<scalar_t>(iter, make(T{}));
  });
  iter.cast_outputs();
  return iter.output();
}

// elu: scale where x > 0 (or NaN), else input_scale * alpha * scale * exp(input_scale * x);
// from the result (in place): input_scale * (r + alpha * scale) where r <= 0.
variable_list elu_backward(FormulaNode& n, const variable_list& gs) {
  const Tensor& g = gs[0];
  const double alpha = n.scalar(0).toDouble(), scale = n.scalar(1).toDouble(),
               is = n.scalar(2).toDouble();
  Tensor s = n.saved(0);
  if (n.int_at(0)) {
    WICK_CHECK(alpha >= 0,
               "In-place elu backward calculation is triggered with a negative slope which is not "
               "supported. This is caused by calling in-place forward function with a negative "
               "slope, please call out-of-place version instead.");
    if (!autograd::GradMode::is_enabled()) {
      return {fused_grad(g, s, [&](auto zero) {
        using T = decltype(zero);
        const T k = static_cast<T>(is), as = static_cast<T>(alpha * scale), sc = static_cast<T>(scale);
        return [k, as, sc](T gv, T r) { return select_bits(r <= T(0), gv * k * (r + as), gv * sc); };
      })};
    }
    return {where(s <= 0, g * (s + alpha * scale) * is, g * scale)};
  }
  if (!autograd::GradMode::is_enabled()) {
    return {fused_grad(g, s, [&](auto zero) {
      using T = decltype(zero);
      const T k = static_cast<T>(is), c = static_cast<T>(is * alpha * scale),
              sc = static_cast<T>(scale);
      return [k, c, sc](T gv, T x) {
        const bool le0 = x <= T(0);
        return select_bits(le0, gv * (exp_fast(select_bits(le0, x, T(0)) * k) * c), gv * sc);
      };
    })};
  }
  // clamp_max keeps exp finite on the branch where() discards.
  return {where(s <= 0, g * ((s.clamp_max(0) * is).exp() * (is * alpha * scale)), g * scale)};
}

// g where x > threshold, 0 elsewhere.
variable_list threshold_backward(FormulaNode& n, const variable_list& gs) {
  const Tensor& g = gs[0];
  return {pw_grad(kPwThreshold, g, n.saved(0), Tensor(), n.scalar(0).toDouble(), 0.0)};
}

variable_list hardsigmoid_backward(FormulaNode& n, const variable_list& gs) {
  return {pw_grad(kPwHardsigmoid, gs[0], n.saved(0), Tensor())};
}

// 0 below -3, x / 3 + 1/2 on [-3, 3), 1 from 3 up (and at NaN), as PyTorch's.
variable_list hardswish_backward(FormulaNode& n, const variable_list& gs) {
  const Tensor& g = gs[0];
  Tensor x = n.saved(0);
  if (!autograd::GradMode::is_enabled()) {
    return {fused_grad(g, x, [](auto zero) {
      using T = decltype(zero);
      return [](T gv, T v) {
        return select_bits(v < T(-3), T(0), select_bits(v < T(3), gv * (v / T(3) + T(0.5)), gv));
      };
    })};
  }
  return {where(x < -3, 0, where(x < 3, g * (x / 3 + 0.5), g))};
}

// g outside [-lambd, lambd] (NaN included), 0 inside: softshrink and hardshrink.
// Saved: x; scalars: lambd; ints: kPwSoftshrink or kPwHardshrink.
variable_list shrink_backward(FormulaNode& n, const variable_list& gs) {
  return {pw_grad(static_cast<int>(n.int_at(0)), gs[0], n.saved(0), Tensor(),
                  n.scalar(0).toDouble())};
}

variable_list log_sigmoid_backward(FormulaNode& n, const variable_list& gs) {
  return {gs[0] * (-n.saved(0)).sigmoid()};
}

// ---- elu family -----------------------------------------------------------------------

// The float32 loop compiled for AVX2+FMA and for baseline x86-64, picked at
// load time (as unary.cpp's exp/sigmoid): exp_fast vectorises only there.
__attribute__((target_clones("arch=x86-64-v3", "default"))) void elu_f32_loop(
    const char* in, int64_t in_stride, char* out, int64_t out_stride, int64_t n, float neg,
    float s, float is) {
// (Written out, not as a lambda: GCC will not inline across target options.)
#define WICK_ELU_F32(x)                                                               \
  select_bits((x) <= 0.0f, (exp_fast(select_bits((x) <= 0.0f, (x), 0.0f) * is) - 1.0f) * neg, \
              (x) * s)
  if (in_stride == sizeof(float) && out_stride == sizeof(float)) {
    const float* src = reinterpret_cast<const float*>(in);
    float* dst = reinterpret_cast<float*>(out);
    for (int64_t i = 0; i < n; ++i) {
      const float x = src[i];
      dst[i] = WICK_ELU_F32(x);
    }
    return;
  }
  for (int64_t i = 0; i < n; ++i) {
    const float x = *reinterpret_cast<const float*>(in + i * in_stride);
    *reinterpret_cast<float*>(out + i * out_stride) = WICK_ELU_F32(x);
  }
#undef WICK_ELU_F32
}

Tensor elu_impl(const Tensor& out, const Tensor& self, Mode mode, const Scalar& alpha,
                const Scalar& scale, const Scalar& input_scale) {
  TensorIterator iter = kernels::make_iter(out, {self}, mode, false, "elu_cpu");
  if (iter.dtype(0) == kFloat && iter.input_dtype(0) == kFloat) {
    const float neg = alpha.to<float>() * scale.to<float>(), s = scale.to<float>(),
                is = input_scale.to<float>();
    iter.for_each([=](char** data, const int64_t* strides, int64_t n) {
      elu_f32_loop(data[1], strides[1], data[0], strides[0], n, neg, s, is);
    });
    return iter.output();
  }
  WICK_DISPATCH_FLOATING_AND_HALF(iter.common_dtype(), "elu_cpu", [&] {
    using T = opmath_t<scalar_t>;
    const T neg = alpha.to<T>() * scale.to<T>(), s = scale.to<T>(), is = input_scale.to<T>();
    kernels::run_unary<scalar_t>(iter, [neg, s, is](T x) {
      return x <= T(0) ? (std::exp(x * is) - T(1)) * neg : x * s;
    });
  });
  iter.cast_outputs();
  return iter.output();
}

Tensor elu_named(const char* name, const Tensor& self, const Scalar& alpha, const Scalar& scale,
                 const Scalar& input_scale) {
  Tensor out = elu_impl(Tensor(), self, Mode::Functional, alpha, scale, input_scale);
  if (FormulaNode* n = record1(name, elu_backward, self, out))
    n->save(self)->keep(alpha)->keep(scale)->keep(input_scale)->keep_int(0);
  return out;
}
Tensor& elu_named_(const char* name, Tensor& self, const Scalar& alpha, const Scalar& scale,
                   const Scalar& input_scale) {
  autograd::impl::check_inplace(self);
  elu_impl(self, self, Mode::InPlace, alpha, scale, input_scale);
  if (FormulaNode* n = record1(name, elu_backward, self, self))
    n->save_output(self)->keep(alpha)->keep(scale)->keep(input_scale)->keep_int(1);
  return self;
}

constexpr double kSeluAlpha = 1.6732632423543772848170429916717;
constexpr double kSeluScale = 1.0507009873554804934193349852946;

}  // namespace

// ---- relu6 ----------------------------------------------------------------------------

// hardtanh(x, 0, 6) with the gradient recorded here (HardtanhBackward0, as
// PyTorch's), so that its second derivative through x is zeros.
Tensor relu6(const Tensor& self) {
  if (!autograd::compute_requires_grad(self)) return hardtanh(self, 0, 6);
  Tensor out;
  {
    NoGradGuard no_grad;
    out = hardtanh(self, 0, 6);
  }
  if (FormulaNode* n = record1("HardtanhBackward0", hardtanh_grad_backward, self, out))
    n->save_output(out)->keep(Scalar(0.0))->keep(Scalar(6.0));
  return out;
}
Tensor& relu6_(Tensor& self) {
  if (!autograd::compute_requires_grad(self)) return hardtanh_(self, 0, 6);
  autograd::impl::check_inplace(self);
  {
    NoGradGuard no_grad;
    hardtanh_(self, 0, 6);
  }
  if (FormulaNode* n = record1("HardtanhBackward0", hardtanh_grad_backward, self, self))
    n->save_output(self)->keep(Scalar(0.0))->keep(Scalar(6.0));
  return self;
}

Tensor hardtanh_grad(const Tensor& grad_output, const Tensor& result, double min_val,
                     double max_val) {
  return pw_grad(kPwHardtanh, grad_output, result, Tensor(), min_val, max_val);
}
Tensor threshold_grad(const Tensor& grad_output, const Tensor& self, double threshold) {
  return pw_grad(kPwThreshold, grad_output, self, Tensor(), threshold, 0.0);
}

// ---- leaky_relu -----------------------------------------------------------------------

namespace {
Tensor leaky_relu_impl(const Tensor& out, const Tensor& self, Mode mode, const Scalar& slope) {
  return float_act(out, self, mode, "leaky_relu_cpu", [&](auto zero) {
    using T = decltype(zero);
    const T s = slope.to<T>();
    return [s](T x) { return select_bits(x > T(0), x, x * s); };
  });
}
}  // namespace

Tensor leaky_relu(const Tensor& self, const Scalar& negative_slope) {
  Tensor out = leaky_relu_impl(Tensor(), self, Mode::Functional, negative_slope);
  if (FormulaNode* n = record1("LeakyReluBackward0", leaky_relu_backward, self, out))
    n->save(self)->keep(negative_slope)->keep_int(0);
  return out;
}
Tensor& leaky_relu_(Tensor& self, const Scalar& negative_slope) {
  autograd::impl::check_inplace(self);
  leaky_relu_impl(self, self, Mode::InPlace, negative_slope);
  if (FormulaNode* n = record1("LeakyReluBackward1", leaky_relu_backward, self, self))
    n->save_output(self)->keep(negative_slope)->keep_int(1);
  return self;
}
Tensor& leaky_relu_out(Tensor& out, const Tensor& self, const Scalar& negative_slope) {
  autograd::check_out_no_grad("leaky_relu", out, self);
  leaky_relu_impl(out, self, Mode::Out, negative_slope);
  return out;
}

// ---- elu, selu, celu ------------------------------------------------------------------

Tensor elu(const Tensor& self, const Scalar& alpha, const Scalar& scale,
           const Scalar& input_scale) {
  return elu_named("EluBackward0", self, alpha, scale, input_scale);
}
Tensor& elu_(Tensor& self, const Scalar& alpha, const Scalar& scale, const Scalar& input_scale) {
  return elu_named_("EluBackward1", self, alpha, scale, input_scale);
}
Tensor& elu_out(Tensor& out, const Tensor& self, const Scalar& alpha, const Scalar& scale,
                const Scalar& input_scale) {
  autograd::check_out_no_grad("elu", out, self);
  elu_impl(out, self, Mode::Out, alpha, scale, input_scale);
  return out;
}
Tensor selu(const Tensor& self) { return elu_named("EluBackward0", self, kSeluAlpha, kSeluScale, 1); }
Tensor& selu_(Tensor& self) { return elu_named_("EluBackward1", self, kSeluAlpha, kSeluScale, 1); }

namespace {
void celu_check(const Scalar& alpha) {
  WICK_CHECK(alpha.toDouble() != 0, "ZeroDivisionError: alpha cannot be 0 for CELU");
}
}  // namespace
Tensor celu(const Tensor& self, const Scalar& alpha) {
  celu_check(alpha);
  return elu_named("CeluBackward0", self, alpha, 1, 1.0 / alpha.toDouble());
}
Tensor& celu_(Tensor& self, const Scalar& alpha) {
  celu_check(alpha);
  return elu_named_("CeluBackward1", self, alpha, 1, 1.0 / alpha.toDouble());
}

// ---- threshold (every dtype but bool) -----------------------------------------------------

namespace {
Tensor threshold_impl(const Tensor& out, const Tensor& self, Mode mode, const Scalar& th,
                      const Scalar& value) {
  TensorIterator iter = kernels::make_iter(out, {self}, mode, false, "threshold");
  WICK_DISPATCH_ALL_TYPES(iter.common_dtype(), "threshold_cpu", [&] {
    using opm = opmath_t<scalar_t>;
    const opm t = th.to<opm>(), v = value.to<opm>();
    kernels::run_unary<scalar_t>(iter, [t, v](opm x) { return x <= t ? v : x; });
  });
  iter.cast_outputs();
  return iter.output();
}
}  // namespace

Tensor threshold(const Tensor& self, const Scalar& th, const Scalar& value) {
  Tensor out = threshold_impl(Tensor(), self, Mode::Functional, th, value);
  if (FormulaNode* n = record1("ThresholdBackward0", threshold_backward, self, out))
    n->save(self)->keep(th);
  return out;
}
// In place the gradient still follows the input (as PyTorch's), so it is kept.
Tensor& threshold_(Tensor& self, const Scalar& th, const Scalar& value) {
  Tensor original = inplace_original(self, true);
  threshold_impl(self, self, Mode::InPlace, th, value);
  if (FormulaNode* n = record1("ThresholdBackward1", threshold_backward, self, self))
    n->save(original)->keep(th);
  return self;
}
Tensor& threshold_out(Tensor& out, const Tensor& self, const Scalar& th, const Scalar& value) {
  autograd::check_out_no_grad("threshold", out, self);
  threshold_impl(out, self, Mode::Out, th, value);
  return out;
}

// ---- hardsigmoid, hardswish -----------------------------------------------------------

namespace {
Tensor hardsigmoid_impl(const Tensor& out, const Tensor& self, Mode mode) {
  return float_act(out, self, mode, "hardsigmoid_cpu", [](auto zero) {
    using T = decltype(zero);
    return [](T x) { return std::min(std::max(x + T(3), T(0)), T(6)) / T(6); };
  });
}
Tensor hardswish_impl(const Tensor& out, const Tensor& self, Mode mode) {
  return float_act(out, self, mode, "hardswish_cpu", [](auto zero) {
    using T = decltype(zero);
    return [](T x) { return x * std::min(std::max(x + T(3), T(0)), T(6)) / T(6); };
  });
}
}  // namespace

#define WICK_ACT_SAVING_INPUT(name, node, formula)                                        \
  Tensor name(const Tensor& self) {                                                       \
    Tensor out = name##_impl(Tensor(), self, Mode::Functional);                           \
    if (FormulaNode* n = record1(node, formula, self, out)) n->save(self);                 \
    return out;                                                                           \
  }                                                                                       \
  Tensor& name##_(Tensor& self) {                                                         \
    Tensor original = inplace_original(self, true);                                       \
    name##_impl(self, self, Mode::InPlace);                                               \
    if (FormulaNode* n = record1(node, formula, self, self)) n->save(original);            \
    return self;                                                                          \
  }                                                                                       \
  Tensor& name##_out(Tensor& out, const Tensor& self) {                                   \
    autograd::check_out_no_grad(#name, out, self);                                        \
    name##_impl(out, self, Mode::Out);                                                    \
    return out;                                                                           \
  }

WICK_ACT_SAVING_INPUT(hardsigmoid, "HardsigmoidBackward0", hardsigmoid_backward)
WICK_ACT_SAVING_INPUT(hardswish, "HardswishBackward0", hardswish_backward)
#undef WICK_ACT_SAVING_INPUT

// ---- softsign, tanhshrink (composites, as PyTorch's) -----------------------------------

Tensor softsign(const Tensor& self) { return self / (self.abs() + 1); }
Tensor tanhshrink(const Tensor& self) { return self - self.tanh(); }

// ---- softshrink, hardshrink ------------------------------------------------------------

namespace {
Tensor softshrink_impl(const Tensor& out, const Tensor& self, Mode mode, const Scalar& lambd) {
  WICK_CHECK(lambd.toDouble() >= 0, "lambda must be greater or equal to 0, but found to be ",
             lambd.toDouble(), ".");
  return float_act(out, self, mode, "softshrink_cpu", [&](auto zero) {
    using T = decltype(zero);
    const T l = lambd.to<T>();
    // NaN stays NaN, as in PyTorch 2.
    return [l](T x) {
      return select_bits(x > l, x - l, select_bits(x < -l, x + l, select_bits(x != x, x, T(0))));
    };
  });
}
Tensor hardshrink_impl(const Tensor& out, const Tensor& self, Mode mode, const Scalar& lambd) {
  return float_act(out, self, mode, "hardshrink_cpu", [&](auto zero) {
    using T = decltype(zero);
    const T l = lambd.to<T>();
    return [l](T x) { return select_bits((x >= -l) & (x <= l), T(0), x); };
  });
}
}  // namespace

Tensor softshrink(const Tensor& self, const Scalar& lambd) {
  Tensor out = softshrink_impl(Tensor(), self, Mode::Functional, lambd);
  if (FormulaNode* n = record1("SoftshrinkBackward0", shrink_backward, self, out))
    n->save(self)->keep(lambd)->keep_int(kPwSoftshrink);
  return out;
}
Tensor& softshrink_out(Tensor& out, const Tensor& self, const Scalar& lambd) {
  autograd::check_out_no_grad("softshrink", out, self);
  softshrink_impl(out, self, Mode::Out, lambd);
  return out;
}
Tensor hardshrink(const Tensor& self, const Scalar& lambd) {
  Tensor out = hardshrink_impl(Tensor(), self, Mode::Functional, lambd);
  if (FormulaNode* n = record1("HardshrinkBackward0", shrink_backward, self, out))
    n->save(self)->keep(lambd)->keep_int(kPwHardshrink);
  return out;
}
Tensor& hardshrink_out(Tensor& out, const Tensor& self, const Scalar& lambd) {
  autograd::check_out_no_grad("hardshrink", out, self);
  hardshrink_impl(out, self, Mode::Out, lambd);
  return out;
}

// ---- log_sigmoid ------------------------------------------------------------------------

namespace {
Tensor log_sigmoid_impl(const Tensor& out, const Tensor& self, Mode mode) {
  return float_act(out, self, mode, "log_sigmoid_cpu", [](auto zero) {
    using T = decltype(zero);
    // min(x, 0) - log1p(exp(-|x|)): no overflow either side.
    return [](T x) { return std::min(x, T(0)) - std::log1p(std::exp(-std::abs(x))); };
  });
}
}  // namespace

Tensor log_sigmoid(const Tensor& self) {
  Tensor out = log_sigmoid_impl(Tensor(), self, Mode::Functional);
  if (FormulaNode* n = record1("LogSigmoidBackward0", log_sigmoid_backward, self, out))
    n->save(self);
  return out;
}
Tensor& log_sigmoid_out(Tensor& out, const Tensor& self) {
  autograd::check_out_no_grad("log_sigmoid", out, self);
  log_sigmoid_impl(out, self, Mode::Out);
  return out;
}

// ---- prelu ------------------------------------------------------------------------------

namespace {
// weight viewed so it broadcasts against self along dim 1 (or everywhere for one element).
Tensor prelu_weight_view(const Tensor& self, const Tensor& weight) {
  const int64_t nw = weight.numel();
  if (nw == 1 || self.dim() < 2) return weight.reshape({});
  DimVector shape(static_cast<size_t>(self.dim()), 1);
  shape[1] = nw;
  return weight.reshape(shape);
}

// contrib (x's shape) summed to weight's shape.
Tensor prelu_reduce(const Tensor& contrib, const Tensor& x, const Tensor& w) {
  if (w.numel() == 1 || x.dim() < 2) return contrib.sum().reshape(w.sizes());
  DimVector dims;
  for (int64_t d = 0; d < x.dim(); ++d)
    if (d != 1) dims.push_back(d);
  return contrib.sum(dims).reshape(w.sizes());
}

// The derivatives of (gx, gw) = (where(x > 0, g, g w), sum where(x > 0, 0, g x)):
// in g, x and w (PreluBackwardBackward0). Saved: g, x, w; ints: has gx, has gw.
variable_list prelu_double_backward(FormulaNode& n, const variable_list& gr) {
  Tensor g = n.saved(0), x = n.saved(1), w = n.saved(2);
  const bool hx = n.int_at(0) != 0, hw = n.int_at(1) != 0;
  size_t k = 0;
  Tensor ggx = hx ? gr[k++] : Tensor();
  Tensor ggw = hw ? gr[k++] : Tensor();
  Tensor wv = prelu_weight_view(x, w);
  Tensor pos = x > 0;
  Tensor ggw_b = ggw.defined() ? prelu_weight_view(x, ggw) : Tensor();
  Tensor dg, dx, dw;
  if (n.needs(0)) {
    if (ggx.defined()) dg = where(pos, ggx, ggx * wv);
    if (ggw_b.defined()) {
      Tensor t = where(pos, 0, ggw_b * x);
      dg = dg.defined() ? dg + t : t;
    }
    if (!dg.defined()) dg = zeros_like(g);
  }
  if (n.needs(1)) dx = ggw_b.defined() ? where(pos, 0, ggw_b * g) : zeros_like(x);
  if (n.needs(2)) dw = ggx.defined() ? prelu_reduce(where(pos, 0, ggx * g), x, w) : zeros_like(w);
  return {dg, dx, dw};
}

// One fused pass for each gradient; under create_graph recorded as
// PreluBackwardBackward0 (edges to g, x and w) for the second derivatives.
variable_list prelu_backward(FormulaNode& n, const variable_list& gs) {
  const Tensor& g = gs[0];
  Tensor x = n.saved(0), w = n.saved(1);
  Tensor gx, gw;
  {
    NoGradGuard no_grad;
    Tensor wv = prelu_weight_view(x, w);
    if (n.needs(0)) {
      TensorIterator iter = TensorIteratorConfig()
                                .name("prelu_backward")
                                .add_output(Tensor())
                                .add_input(g)
                                .add_input(x)
                                .add_input(wv)
                                .build();
      WICK_DISPATCH_FLOATING_AND_HALF(iter.common_dtype(), "prelu_backward_cpu", [&] {
        using T = opmath_t<scalar_t>;
        kernels::cpu_kernel(iter, [](scalar_t gv, scalar_t xv, scalar_t wvv) -> scalar_t {
          const T gg = static_cast<T>(gv);
          return static_cast<scalar_t>(
              select_bits(static_cast<T>(xv) > T(0), gg, gg * static_cast<T>(wvv)));
        });
      });
      iter.cast_outputs();
      gx = iter.output();
    }
    if (n.needs(1)) {
      Tensor contrib = fused_grad(g, x, [](auto zero) {
        using T = decltype(zero);
        return [](T gv, T xv) { return select_bits(xv > T(0), T(0), gv * xv); };
      });
      gw = prelu_reduce(contrib, x, w);
    }
  }
  if (autograd::compute_requires_grad(g, x, w)) {
    std::vector<Tensor> outs;
    if (gx.defined()) outs.push_back(gx);
    if (gw.defined()) outs.push_back(gw);
    if (!outs.empty()) {
      if (FormulaNode* r = autograd::record("PreluBackwardBackward0", prelu_double_backward,
                                            {g, x, w}, outs))
        r->save(g)->save(x)->save(w)->keep_int(gx.defined())->keep_int(gw.defined());
    }
  }
  return {gx, gw};
}
}  // namespace

Tensor prelu(const Tensor& self, const Tensor& weight) {
  WICK_CHECK(weight.dim() <= 1, "prelu: Expected `weight` to be a scalar or 1D tensor, but got ndim = ",
             weight.dim());
  const int64_t nw = weight.numel();
  if (nw != 1) {
    WICK_CHECK(self.dim() > 0, "Not allow zero-dim input tensor.");
    const int64_t channels = self.dim() >= 2 ? self.size(1) : 1;
    WICK_CHECK(channels == nw,
               "Mismatch of parameter numbers and input channel size. Found parameter numbers = ",
               nw, " and channel size = ", channels, ".");
  }
  WICK_CHECK(self.scalar_type() == weight.scalar_type() || !is_floating_type(self.scalar_type()),
             "Found dtype ", weight.scalar_type(), " but expected ", self.scalar_type());
  Tensor wv = prelu_weight_view(self, weight);
  Tensor out;
  {
    TensorIterator iter = TensorIteratorConfig()
                              .name("prelu")
                              .add_output(Tensor())
                              .add_input(self)
                              .add_input(wv)
                              .build();
    WICK_DISPATCH_FLOATING_AND_HALF(iter.common_dtype(), "prelu_cpu", [&] {
      kernels::run_binary<scalar_t>(iter, [](auto x, auto w) {
        using T = decltype(x);
        return select_bits(x > T(0), x, w * x);
      });
    });
    iter.cast_outputs();
    out = iter.output();
  }
  if (autograd::compute_requires_grad(self, weight)) {
    autograd::record("PreluBackward0", prelu_backward, {self, weight}, {out})
        ->save(self)
        ->save(weight);
  }
  return out;
}

// ---- rrelu ------------------------------------------------------------------------------

namespace {
// g * noise (training) or the leaky_relu gradient with the mean slope; saved:
// x or the result (in place, whose sign is x's), then the noise when training.
variable_list rrelu_backward(FormulaNode& n, const variable_list& gs) {
  const Tensor& g = gs[0];
  if (n.int_at(0)) return {pw_grad(kPwRreluNoise, g, n.saved(0), n.saved(1))};
  return {pw_grad(kPwRreluEval, g, n.saved(0), Tensor(), 0.0, n.scalar(0).toDouble())};
}

// Fills noise and writes out = x * noise in one pass over the elements in
// order, drawing one uniform(lower, upper) per element x <= 0 (64 bits, as
// PyTorch's uniform_real_distribution<double>).
Tensor rrelu_train(const Tensor& out, const Tensor& self, Tensor& noise, double lower, double upper,
                   std::optional<Generator> generator) {
  Tensor x = self.contiguous();
  Tensor result = out.defined() && out.is_contiguous() ? out : empty_like(x);
  noise = empty_like(x);
  GeneratorImpl* g = generator && generator->defined() ? generator->impl()
                                                       : default_generator().impl();
  std::lock_guard<std::mutex> lock(g->mutex);
  const int64_t n = x.numel();
  WICK_DISPATCH_FLOATING_AND_HALF(x.scalar_type(), "rrelu_with_noise_out_cpu", [&] {
    using opm = opmath_t<scalar_t>;
    const scalar_t* src = x.data_ptr<scalar_t>();
    scalar_t* dst = result.data_ptr<scalar_t>();
    scalar_t* nz = noise.data_ptr<scalar_t>();
    const double width = upper - lower;
    constexpr double kScale = 1.0 / static_cast<double>(uint64_t{1} << 53);
    for (int64_t i = 0; i < n; ++i) {
      const opm v = static_cast<opm>(src[i]);
      if (v <= opm(0)) {
        const double u =
            static_cast<double>(g->random64() & ((uint64_t{1} << 53) - 1)) * kScale;
        // The slope is rounded to the tensor's dtype before the product (as PyTorch's).
        const scalar_t r = static_cast<scalar_t>(u * width + lower);
        dst[i] = static_cast<scalar_t>(v * static_cast<opm>(r));
        nz[i] = r;
      } else {
        dst[i] = src[i];
        nz[i] = scalar_t(1);
      }
    }
  });
  if (out.defined() && !result.is_same(out)) {
    Tensor o = out;
    o.copy_(result);
    return out;
  }
  return result;
}

void rrelu_check(const Tensor& self, const Scalar& lower, const Scalar& upper) {
  WICK_CHECK(lower.toDouble() <= upper.toDouble(),
             "Lower bound should be less than or equal to the upper bound");
  WICK_CHECK(is_floating_type(self.scalar_type()), "\"leaky_relu_cpu\" not implemented for '",
             self.scalar_type(), "'");
}
}  // namespace

Tensor rrelu(const Tensor& self, const Scalar& lower, const Scalar& upper, bool training,
             std::optional<Generator> generator) {
  rrelu_check(self, lower, upper);
  const double lo = lower.toDouble(), hi = upper.toDouble();
  const bool noisy = training && hi - lo > 1e-6;
  Tensor out, noise;
  if (training) {
    NoGradGuard no_grad;
    out = rrelu_train(Tensor(), self, noise, lo, hi, generator);
  } else {
    NoGradGuard no_grad;
    out = leaky_relu(self, (lo + hi) / 2);
  }
  if (FormulaNode* n = record1("RreluWithNoiseBackward0", rrelu_backward, self, out)) {
    n->save(self)->save(noise)->keep(Scalar((lo + hi) / 2))->keep_int(noisy);
  }
  return out;
}

Tensor& rrelu_(Tensor& self, const Scalar& lower, const Scalar& upper, bool training,
               std::optional<Generator> generator) {
  rrelu_check(self, lower, upper);
  autograd::impl::check_inplace(self);
  const double lo = lower.toDouble(), hi = upper.toDouble();
  const bool noisy = training && hi - lo > 1e-6;
  Tensor noise;
  {
    NoGradGuard no_grad;
    if (training) rrelu_train(self, self, noise, lo, hi, generator);
    else leaky_relu_(self, (lo + hi) / 2);
  }
  if (FormulaNode* n = record1("RreluWithNoiseBackward1", rrelu_backward, self, self)) {
    n->save_output(self)->save(noise)->keep(Scalar((lo + hi) / 2))->keep_int(noisy);
  }
  return self;
}

// ---- glu ----------------------------------------------------------------------------------

namespace {
variable_list glu_backward(FormulaNode& n, const variable_list& gs) {
  const Tensor& g = gs[0];
  Tensor x = n.saved(0);
  const int64_t dim = n.int_at(0), half = x.size(dim) / 2;
  Tensor a = x.narrow(dim, 0, half), sb = x.narrow(dim, half, half).sigmoid();
  Tensor ga = g * sb;
  Tensor gb = ga * a * (1 - sb);
  return {cat({ga, gb}, dim)};
}

Tensor glu_checked(const Tensor& self, int64_t& dim) {
  WICK_CHECK(self.dim() > 0, "glu does not support scalars because halving size must be even");
  dim = maybe_wrap_dim(dim, self.dim());
  WICK_CHECK(self.size(dim) % 2 == 0, "Halving dimension must be even, but dimension ", dim,
             " is size ", self.size(dim));
  WICK_CHECK(is_floating_type(self.scalar_type()), "\"glu_cpu\" not implemented for '",
             self.scalar_type(), "'");
  const int64_t half = self.size(dim) / 2;
  Tensor a = self.narrow(dim, 0, half), b = self.narrow(dim, half, half);
  TensorIterator iter =
      TensorIteratorConfig().name("glu").add_output(Tensor()).add_input(a).add_input(b).build();
  WICK_DISPATCH_FLOATING_AND_HALF(iter.common_dtype(), "glu_cpu", [&] {
    kernels::run_binary<scalar_t>(iter, [](auto x, auto y) {
      using T = decltype(x);
      return x / (T(1) + exp_fast(-y));
    });
  });
  iter.cast_outputs();
  return iter.output();
}
}  // namespace

Tensor glu(const Tensor& self, int64_t dim) {
  Tensor out;
  {
    NoGradGuard no_grad;
    out = glu_checked(self, dim);
  }
  if (FormulaNode* n = record1("GluBackward0", glu_backward, self, out)) n->save(self)->keep_int(dim);
  return out;
}
Tensor& glu_out(Tensor& out, const Tensor& self, int64_t dim) {
  autograd::check_out_no_grad("glu", out, self);
  Tensor r;
  {
    NoGradGuard no_grad;
    r = glu_checked(self, dim);
  }
  out.resize_(r.sizes());
  out.copy_(r);
  return out;
}

}  // namespace wick
