// Unary ops as wick.<op>(input, *, out=None), Tensor.<op>(), Tensor.<op>_() and, where
// PyTorch has it, wick.<op>_(input); the operators -t, +t, abs(t), ~t. The
// activations of torch._C._nn (gelu, silu, ...) are in nn_activation.cpp.
#include <pybind11/pybind11.h>

#include "python/src/bind.h"
#include "python/src/init.h"
#include "wick/ops/unary.h"

namespace wick::python {

namespace {
using OptT = std::optional<Tensor>;
using OptD = std::optional<double>;

// Tensor <op>(input, *, out=None), method and in-place method.
#define WICK_PY_UNARY_BASE(name)                                                           \
  m.def(#name, [](const Tensor& a, OptT out) {                                             \
    if (out) {                                                                             \
      Tensor o = *out;                                                                     \
      return Tensor(name##_out(o, a));                                                     \
    }                                                                                      \
    return name(a);                                                                        \
  }, arg("input"), py::kw_only(), arg("out") = py::none(), nogil());                      \
  def_method(#name, [](const Tensor& a) { return name(a); }, nogil());                     \
  def_method(#name "_", [](Tensor& a) -> Tensor& { return name##_(a); }, nogil());
// ... plus wick.<op>_(input).
#define WICK_PY_UNARY(name)                                                                \
  WICK_PY_UNARY_BASE(name)                                                                 \
  m.def(#name "_", [](Tensor& a) -> Tensor& { return name##_(a); }, arg("input"), nogil());

}  // namespace

void init_unary(py::module_& m) {
  WICK_PY_UNARY(abs)
  WICK_PY_UNARY_BASE(absolute)
  WICK_PY_UNARY(neg)
  WICK_PY_UNARY(negative)
  WICK_PY_UNARY_BASE(sign)
  WICK_PY_UNARY_BASE(sgn)
  WICK_PY_UNARY(sqrt)
  WICK_PY_UNARY(rsqrt)
  WICK_PY_UNARY(exp)
  WICK_PY_UNARY(exp2)
  WICK_PY_UNARY(expm1)
  WICK_PY_UNARY(log)
  WICK_PY_UNARY(log2)
  WICK_PY_UNARY(log10)
  WICK_PY_UNARY(log1p)
  WICK_PY_UNARY(sin)
  WICK_PY_UNARY(cos)
  WICK_PY_UNARY(tan)
  WICK_PY_UNARY(asin)
  WICK_PY_UNARY(acos)
  WICK_PY_UNARY(atan)
  WICK_PY_UNARY(arcsin)
  WICK_PY_UNARY(arccos)
  WICK_PY_UNARY(arctan)
  WICK_PY_UNARY(sinh)
  WICK_PY_UNARY(cosh)
  WICK_PY_UNARY(tanh)
  WICK_PY_UNARY(asinh)
  WICK_PY_UNARY(acosh)
  WICK_PY_UNARY(atanh)
  WICK_PY_UNARY(arcsinh)
  WICK_PY_UNARY(arccosh)
  WICK_PY_UNARY(arctanh)
  WICK_PY_UNARY(sigmoid)
  WICK_PY_UNARY(erf)
  WICK_PY_UNARY(erfc)
  WICK_PY_UNARY_BASE(erfinv)
  WICK_PY_UNARY(ceil)
  WICK_PY_UNARY(floor)
  WICK_PY_UNARY(trunc)
  WICK_PY_UNARY(fix)
  WICK_PY_UNARY(frac)
  WICK_PY_UNARY(reciprocal)
  WICK_PY_UNARY(square)
  WICK_PY_UNARY_BASE(bitwise_not)
  WICK_PY_UNARY_BASE(logical_not)
#undef WICK_PY_UNARY
#undef WICK_PY_UNARY_BASE

  // relu(input) has no out= in PyTorch.
  m.def("relu", [](const Tensor& a) { return relu(a); }, arg("input"), nogil());
  m.def("relu_", [](Tensor& a) -> Tensor& { return relu_(a); }, arg("input"), nogil());
  def_method("relu", [](const Tensor& a) { return relu(a); }, nogil());
  def_method("relu_", [](Tensor& a) -> Tensor& { return relu_(a); }, nogil());

  // round(input, *, decimals=0, out=None)
  m.def("round", [](const Tensor& a, int64_t decimals, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(round_out(o, a, decimals));
    }
    return round(a, decimals);
  }, arg("input"), py::kw_only(), arg("decimals") = 0, arg("out") = py::none(), nogil());
  m.def("round_", [](Tensor& a, int64_t decimals) -> Tensor& { return round_(a, decimals); },
        arg("input"), py::kw_only(), arg("decimals") = 0, nogil());
  def_method("round", [](const Tensor& a, int64_t decimals) { return round(a, decimals); },
             py::kw_only(), arg("decimals") = 0, nogil());
  def_method("round_", [](Tensor& a, int64_t decimals) -> Tensor& { return round_(a, decimals); },
             py::kw_only(), arg("decimals") = 0, nogil());

  // logit(input, eps=None, *, out=None)
  m.def("logit", [](const Tensor& a, OptD eps, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(logit_out(o, a, eps));
    }
    return logit(a, eps);
  }, arg("input"), arg("eps") = py::none(), py::kw_only(), arg("out") = py::none(), nogil());
  m.def("logit_", [](Tensor& a, OptD eps) -> Tensor& { return logit_(a, eps); }, arg("input"),
        arg("eps") = py::none(), nogil());
  def_method("logit", [](const Tensor& a, OptD eps) { return logit(a, eps); },
             arg("eps") = py::none(), nogil());
  def_method("logit_", [](Tensor& a, OptD eps) -> Tensor& { return logit_(a, eps); },
             arg("eps") = py::none(), nogil());

  // nan_to_num(input, nan=0.0, posinf=None, neginf=None, *, out=None)
  m.def("nan_to_num", [](const Tensor& a, OptD nan, OptD posinf, OptD neginf, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(nan_to_num_out(o, a, nan, posinf, neginf));
    }
    return nan_to_num(a, nan, posinf, neginf);
  }, arg("input"), arg("nan") = 0.0, arg("posinf") = py::none(), arg("neginf") = py::none(),
        py::kw_only(), arg("out") = py::none(), nogil());
  m.def("nan_to_num_", [](Tensor& a, OptD nan, OptD posinf, OptD neginf) -> Tensor& {
    return nan_to_num_(a, nan, posinf, neginf);
  }, arg("input"), arg("nan") = 0.0, arg("posinf") = py::none(), arg("neginf") = py::none(),
        nogil());
  def_method("nan_to_num", [](const Tensor& a, OptD nan, OptD posinf, OptD neginf) {
    return nan_to_num(a, nan, posinf, neginf);
  }, arg("nan") = 0.0, arg("posinf") = py::none(), arg("neginf") = py::none(), nogil());
  def_method("nan_to_num_", [](Tensor& a, OptD nan, OptD posinf, OptD neginf) -> Tensor& {
    return nan_to_num_(a, nan, posinf, neginf);
  }, arg("nan") = 0.0, arg("posinf") = py::none(), arg("neginf") = py::none(), nogil());

  // Predicates: isnan/isinf/isfinite have no out=; isposinf/isneginf/signbit do.
  def_both(m, "isnan", [](const Tensor& a) { return isnan(a); }, nogil());
  def_both(m, "isinf", [](const Tensor& a) { return isinf(a); }, nogil());
  def_both(m, "isfinite", [](const Tensor& a) { return isfinite(a); }, nogil());
#define WICK_PY_PREDICATE_OUT(name)                                                       \
  m.def(#name, [](const Tensor& a, OptT out) {                                            \
    if (out) {                                                                            \
      Tensor o = *out;                                                                    \
      return Tensor(name##_out(o, a));                                                    \
    }                                                                                     \
    return name(a);                                                                       \
  }, arg("input"), py::kw_only(), arg("out") = py::none(), nogil());                     \
  def_method(#name, [](const Tensor& a) { return name(a); }, nogil());
  WICK_PY_PREDICATE_OUT(isposinf)
  WICK_PY_PREDICATE_OUT(isneginf)
  WICK_PY_PREDICATE_OUT(signbit)
#undef WICK_PY_PREDICATE_OUT

  // Operators.
  def_method("__neg__", [](const Tensor& a) { return neg(a); }, nogil());
  def_method("__abs__", [](const Tensor& a) { return abs(a); }, nogil());
  def_method("__invert__", [](const Tensor& a) {
    if (is_floating_type(a.scalar_type())) {
      throw py::type_error(
          "~ (operator.invert) is only implemented on integer and Boolean-type tensors");
    }
    py::gil_scoped_release g;
    return bitwise_not(a);
  });
  // +t and positive(t) return t itself (PyTorch refuses bool tensors).
  auto positive = [](const Tensor& a) {
    WICK_CHECK(a.scalar_type() != kBool,
               "The `+` operator, on a bool tensor is not supported.");
    return a;
  };
  def_method("__pos__", positive);
  def_both(m, "positive", positive);
  // The torch._C._nn activations (gelu, silu, ...) are bound in nn_activation.cpp.
}

}  // namespace wick::python
