// Binary ops: arithmetic, comparison, logical and bitwise, as wick.<op>,
// Tensor.<op>, Tensor.<op>_ and the Python operators (+, -, *, /, //, %, **,
// @, &, |, ^, <<, >>, ==, !=, <, <=, >, >=, their reflected and in-place forms).
#include <pybind11/pybind11.h>

#include "python/src/bind.h"
#include "python/src/init.h"
#include "wick/ops/binary.h"
#include "wick/ops/creation.h"
#include "wick/ops/linalg.h"
#include "wick/tensor/tensor_iterator.h"

namespace wick::python {

namespace {

using TS = TensorOrScalar;
using OptStr = std::optional<std::string>;

// Plain binary ops: name(input, other, *, out=None), Tensor.name(other), Tensor.name_(other).
#define WICK_PY_BINARY(name)                                                                   \
  m.def(#name, [](const Tensor& a, const TS& b, std::optional<Tensor> out) {                   \
    if (out) {                                                                                 \
      Tensor o = *out;                                                                         \
      return Tensor(name##_out(o, a, b.is_tensor() ? b.tensor : scalar_tensor(b.scalar)));     \
    }                                                                                          \
    return b.is_tensor() ? name(a, b.tensor) : name(a, b.scalar);                              \
  }, arg("input"), arg("other"), py::kw_only(), arg("out") = py::none(), nogil());             \
  def_method(#name, [](const Tensor& a, const TS& b) {                                         \
    return b.is_tensor() ? name(a, b.tensor) : name(a, b.scalar);                              \
  }, arg("other"), nogil());                                                                   \
  def_method(#name "_", [](Tensor& a, const TS& b) -> Tensor& {                                \
    return b.is_tensor() ? name##_(a, b.tensor) : name##_(a, b.scalar);                        \
  }, arg("other"), nogil());

Tensor as_tensor_like(const TS& b) {
  return b.is_tensor() ? b.tensor : wrapped_scalar_tensor(b.scalar);
}

}  // namespace

void init_binary(py::module_& m) {
  // add/sub(input, other, *, alpha=1, out=None)
  m.def("add", [](const Tensor& a, const TS& b, const Scalar& alpha, std::optional<Tensor> out) {
    if (out) {
      Tensor o = *out;
      return Tensor(add_out(o, a, as_tensor_like(b), alpha));
    }
    return b.is_tensor() ? add(a, b.tensor, alpha) : add(a, b.scalar, alpha);
  }, arg("input"), arg("other"), py::kw_only(), arg("alpha") = 1, arg("out") = py::none(), nogil());
  def_method("add", [](const Tensor& a, const TS& b, const Scalar& alpha) {
    return b.is_tensor() ? add(a, b.tensor, alpha) : add(a, b.scalar, alpha);
  }, arg("other"), py::kw_only(), arg("alpha") = 1, nogil());
  def_method("add_", [](Tensor& a, const TS& b, const Scalar& alpha) -> Tensor& {
    return b.is_tensor() ? add_(a, b.tensor, alpha) : add_(a, b.scalar, alpha);
  }, arg("other"), py::kw_only(), arg("alpha") = 1, nogil());
  for (const char* name : {"sub", "subtract"}) {
    m.def(name, [](const Tensor& a, const TS& b, const Scalar& alpha, std::optional<Tensor> out) {
      if (out) {
        Tensor o = *out;
        return Tensor(sub_out(o, a, as_tensor_like(b), alpha));
      }
      return b.is_tensor() ? sub(a, b.tensor, alpha) : sub(a, b.scalar, alpha);
    }, arg("input"), arg("other"), py::kw_only(), arg("alpha") = 1, arg("out") = py::none(),
          nogil());
    def_method(name, [](const Tensor& a, const TS& b, const Scalar& alpha) {
      return b.is_tensor() ? sub(a, b.tensor, alpha) : sub(a, b.scalar, alpha);
    }, arg("other"), py::kw_only(), arg("alpha") = 1, nogil());
    def_method((std::string(name) + "_").c_str(),
               [](Tensor& a, const TS& b, const Scalar& alpha) -> Tensor& {
      return b.is_tensor() ? sub_(a, b.tensor, alpha) : sub_(a, b.scalar, alpha);
    }, arg("other"), py::kw_only(), arg("alpha") = 1, nogil());
  }
  m.def("rsub", [](const Tensor& a, const TS& b, const Scalar& alpha) {
    return b.is_tensor() ? rsub(a, b.tensor, alpha) : rsub(a, b.scalar, alpha);
  }, arg("input"), arg("other"), py::kw_only(), arg("alpha") = 1, nogil());

  // div(input, other, *, rounding_mode=None, out=None)
  for (const char* name : {"div", "divide", "true_divide"}) {
    const bool rounding = std::string(name) != "true_divide";
    auto fn = [](const Tensor& a, const TS& b, OptStr mode, std::optional<Tensor> out) {
      if (out) {
        Tensor o = *out;
        return Tensor(div_out(o, a, as_tensor_like(b), mode));
      }
      return b.is_tensor() ? div(a, b.tensor, mode) : div(a, b.scalar, mode);
    };
    auto method = [](const Tensor& a, const TS& b, OptStr mode) {
      return b.is_tensor() ? div(a, b.tensor, mode) : div(a, b.scalar, mode);
    };
    auto inplace = [](Tensor& a, const TS& b, OptStr mode) -> Tensor& {
      return b.is_tensor() ? div_(a, b.tensor, mode) : div_(a, b.scalar, mode);
    };
    const std::string in_name = std::string(name) + "_";
    if (rounding) {
      m.def(name, fn, arg("input"), arg("other"), py::kw_only(), arg("rounding_mode") = py::none(),
            arg("out") = py::none(), nogil());
      def_method(name, method, arg("other"), py::kw_only(), arg("rounding_mode") = py::none(),
                 nogil());
      def_method(in_name.c_str(), inplace, arg("other"), py::kw_only(),
                 arg("rounding_mode") = py::none(), nogil());
    } else {
      m.def(name, [fn](const Tensor& a, const TS& b, std::optional<Tensor> out) {
        return fn(a, b, std::nullopt, out);
      }, arg("input"), arg("other"), py::kw_only(), arg("out") = py::none(), nogil());
      def_method(name, [method](const Tensor& a, const TS& b) { return method(a, b, std::nullopt); },
                 arg("other"), nogil());
      def_method(in_name.c_str(), [inplace](Tensor& a, const TS& b) -> Tensor& {
        return inplace(a, b, std::nullopt);
      }, arg("other"), nogil());
    }
  }

  WICK_PY_BINARY(mul)
  WICK_PY_BINARY(multiply)
  WICK_PY_BINARY(floor_divide)
  WICK_PY_BINARY(fmod)
  WICK_PY_BINARY(float_power)
  WICK_PY_BINARY(atan2)
  WICK_PY_BINARY(arctan2)
  WICK_PY_BINARY(hypot)
  WICK_PY_BINARY(copysign)
  WICK_PY_BINARY(logaddexp)
  WICK_PY_BINARY(logaddexp2)
  WICK_PY_BINARY(bitwise_and)
  WICK_PY_BINARY(bitwise_or)
  WICK_PY_BINARY(bitwise_xor)
  WICK_PY_BINARY(bitwise_left_shift)
  WICK_PY_BINARY(bitwise_right_shift)
  WICK_PY_BINARY(logical_and)
  WICK_PY_BINARY(logical_or)
  WICK_PY_BINARY(logical_xor)
  WICK_PY_BINARY(eq)
  WICK_PY_BINARY(ne)
  WICK_PY_BINARY(lt)
  WICK_PY_BINARY(le)
  WICK_PY_BINARY(gt)
  WICK_PY_BINARY(ge)
  WICK_PY_BINARY(greater)
  WICK_PY_BINARY(greater_equal)
  WICK_PY_BINARY(less)
  WICK_PY_BINARY(less_equal)
  WICK_PY_BINARY(not_equal)

  // Ops whose first operand may be a number too: pow(2, t), remainder(5, t), xlogy(2, t).
#define WICK_PY_BINARY_SCALAR_SELF(name)                                                      \
  m.def(#name, [](const TS& a, const TS& b, std::optional<Tensor> out) {                      \
    if (!a.is_tensor() && !b.is_tensor())                                                     \
      throw py::type_error(#name "() received an invalid combination of arguments - got "    \
                           "(Number, Number)");                                                \
    if (out) {                                                                                \
      Tensor o = *out;                                                                        \
      return Tensor(name##_out(o, as_tensor_like(a), as_tensor_like(b)));                     \
    }                                                                                         \
    if (!a.is_tensor()) return name(a.scalar, b.tensor);                                      \
    return b.is_tensor() ? name(a.tensor, b.tensor) : name(a.tensor, b.scalar);               \
  }, arg("input"), arg("other"), py::kw_only(), arg("out") = py::none(), nogil());            \
  def_method(#name, [](const Tensor& a, const TS& b) {                                        \
    return b.is_tensor() ? name(a, b.tensor) : name(a, b.scalar);                             \
  }, arg("other"), nogil());                                                                  \
  def_method(#name "_", [](Tensor& a, const TS& b) -> Tensor& {                               \
    return b.is_tensor() ? name##_(a, b.tensor) : name##_(a, b.scalar);                       \
  }, arg("other"), nogil());
  WICK_PY_BINARY_SCALAR_SELF(remainder)
  WICK_PY_BINARY_SCALAR_SELF(xlogy)
#undef WICK_PY_BINARY_SCALAR_SELF
  // pow(input, exponent, *, out=None); pow(self: Number, exponent: Tensor)
  m.def("pow", [](const TS& a, const TS& b, std::optional<Tensor> out) {
    if (!a.is_tensor() && !b.is_tensor())
      throw py::type_error("pow() received an invalid combination of arguments - got (Number, Number)");
    if (out) {
      Tensor o = *out;
      return Tensor(pow_out(o, as_tensor_like(a), as_tensor_like(b)));
    }
    if (!a.is_tensor()) return pow(a.scalar, b.tensor);
    return b.is_tensor() ? pow(a.tensor, b.tensor) : pow(a.tensor, b.scalar);
  }, arg("input"), arg("exponent"), py::kw_only(), arg("out") = py::none(), nogil());
  def_method("pow", [](const Tensor& a, const TS& b) {
    return b.is_tensor() ? pow(a, b.tensor) : pow(a, b.scalar);
  }, arg("exponent"), nogil());
  def_method("pow_", [](Tensor& a, const TS& b) -> Tensor& {
    return b.is_tensor() ? pow_(a, b.tensor) : pow_(a, b.scalar);
  }, arg("exponent"), nogil());
  for (const char* name : {"maximum", "minimum", "fmax", "fmin"}) {
    using F = Tensor (*)(const Tensor&, const Tensor&);
    using FO = Tensor& (*)(Tensor&, const Tensor&, const Tensor&);
    const std::string n = name;
    F f = n == "maximum" ? static_cast<F>(maximum) : n == "minimum" ? static_cast<F>(minimum)
          : n == "fmax" ? static_cast<F>(fmax) : static_cast<F>(fmin);
    FO fo = n == "maximum" ? static_cast<FO>(maximum_out) : n == "minimum" ? static_cast<FO>(minimum_out)
            : n == "fmax" ? static_cast<FO>(fmax_out) : static_cast<FO>(fmin_out);
    m.def(name, [f, fo](const Tensor& a, const Tensor& b, std::optional<Tensor> out) {
      if (out) {
        Tensor o = *out;
        return Tensor(fo(o, a, b));
      }
      return f(a, b);
    }, arg("input"), arg("other"), py::kw_only(), arg("out") = py::none(), nogil());
    def_method(name, f, arg("other"), nogil());
  }
  def_both(m, "equal", [](const Tensor& a, const Tensor& b) { return equal(a, b); }, arg("other"),
           nogil());
  def_both(m, "isclose", [](const Tensor& a, const Tensor& b, double rtol, double atol, bool en) {
    return isclose(a, b, rtol, atol, en);
  }, arg("other"), arg("rtol") = 1e-05, arg("atol") = 1e-08, arg("equal_nan") = false, nogil());
  def_both(m, "allclose", [](const Tensor& a, const Tensor& b, double rtol, double atol, bool en) {
    return allclose(a, b, rtol, atol, en);
  }, arg("other"), arg("rtol") = 1e-05, arg("atol") = 1e-08, arg("equal_nan") = false, nogil());

  // ---- Python operators ----------------------------------------------------------
  // py::is_operator makes an unsupported operand give NotImplemented, so Python
  // tries the other operand's reflected method (numpy arrays, user types).
  auto op = py::is_operator();
#define WICK_PY_OPERATOR(dunder, expr_t, expr_s)                                         \
  def_method(dunder, [](const Tensor& a, const Operand& b) {                                \
    if (b.is_tensor()) {                                                                  \
      const Tensor& o = b.tensor;                                                         \
      return expr_t;                                                                      \
    }                                                                                     \
    const Scalar& o = b.scalar;                                                           \
    return expr_s;                                                                        \
  }, op, nogil());
  WICK_PY_OPERATOR("__add__", add(a, o), add(a, o))
  WICK_PY_OPERATOR("__radd__", add(o, a), add(a, o))
  WICK_PY_OPERATOR("__sub__", sub(a, o), sub(a, o))
  WICK_PY_OPERATOR("__rsub__", sub(o, a), rsub(a, o))
  WICK_PY_OPERATOR("__mul__", mul(a, o), mul(a, o))
  WICK_PY_OPERATOR("__rmul__", mul(o, a), mul(a, o))
  WICK_PY_OPERATOR("__truediv__", div(a, o), div(a, o))
  WICK_PY_OPERATOR("__rtruediv__", div(o, a), div(wrapped_scalar_tensor(o), a))
  WICK_PY_OPERATOR("__floordiv__", floor_divide(a, o), floor_divide(a, o))
  WICK_PY_OPERATOR("__rfloordiv__", floor_divide(o, a), floor_divide(wrapped_scalar_tensor(o), a))
  WICK_PY_OPERATOR("__mod__", remainder(a, o), remainder(a, o))
  WICK_PY_OPERATOR("__rmod__", remainder(o, a), remainder(o, a))
  WICK_PY_OPERATOR("__pow__", pow(a, o), pow(a, o))
  WICK_PY_OPERATOR("__rpow__", pow(o, a), pow(o, a))
  WICK_PY_OPERATOR("__and__", bitwise_and(a, o), bitwise_and(a, o))
  WICK_PY_OPERATOR("__rand__", bitwise_and(o, a), bitwise_and(a, o))
  WICK_PY_OPERATOR("__or__", bitwise_or(a, o), bitwise_or(a, o))
  WICK_PY_OPERATOR("__ror__", bitwise_or(o, a), bitwise_or(a, o))
  WICK_PY_OPERATOR("__xor__", bitwise_xor(a, o), bitwise_xor(a, o))
  WICK_PY_OPERATOR("__rxor__", bitwise_xor(o, a), bitwise_xor(a, o))
  WICK_PY_OPERATOR("__lshift__", bitwise_left_shift(a, o), bitwise_left_shift(a, o))
  WICK_PY_OPERATOR("__rlshift__", bitwise_left_shift(o, a), bitwise_left_shift(o, a))
  WICK_PY_OPERATOR("__rshift__", bitwise_right_shift(a, o), bitwise_right_shift(a, o))
  WICK_PY_OPERATOR("__rrshift__", bitwise_right_shift(o, a), bitwise_right_shift(o, a))
#undef WICK_PY_OPERATOR
  // Comparisons take tensors and numbers only: with a numpy array Python falls
  // back to numpy's reflected comparison, as it does for PyTorch.
#define WICK_PY_COMPARE(dunder, name)                                    \
  def_method(dunder, [](const Tensor& a, const TS& b) {                  \
    return b.is_tensor() ? name(a, b.tensor) : name(a, b.scalar);        \
  }, op, nogil());
  WICK_PY_COMPARE("__eq__", eq)
  WICK_PY_COMPARE("__ne__", ne)
  WICK_PY_COMPARE("__lt__", lt)
  WICK_PY_COMPARE("__le__", le)
  WICK_PY_COMPARE("__gt__", gt)
  WICK_PY_COMPARE("__ge__", ge)
#undef WICK_PY_COMPARE
#define WICK_PY_INPLACE(dunder, name)                                   \
  def_method(dunder, [](Tensor& a, const TS& b) -> Tensor& {            \
    return b.is_tensor() ? name(a, b.tensor) : name(a, b.scalar);       \
  }, op, nogil());
  WICK_PY_INPLACE("__iadd__", add_)
  WICK_PY_INPLACE("__isub__", sub_)
  WICK_PY_INPLACE("__imul__", mul_)
  WICK_PY_INPLACE("__itruediv__", div_)
  WICK_PY_INPLACE("__ifloordiv__", floor_divide_)
  WICK_PY_INPLACE("__imod__", remainder_)
  WICK_PY_INPLACE("__ipow__", pow_)
  WICK_PY_INPLACE("__iand__", bitwise_and_)
  WICK_PY_INPLACE("__ior__", bitwise_or_)
  WICK_PY_INPLACE("__ixor__", bitwise_xor_)
  WICK_PY_INPLACE("__ilshift__", bitwise_left_shift_)
  WICK_PY_INPLACE("__irshift__", bitwise_right_shift_)
#undef WICK_PY_INPLACE
  def_method("__matmul__", [](const Tensor& a, const Tensor& b) { return matmul(a, b); }, op, nogil());
  def_method("__rmatmul__", [](const Tensor& a, const Tensor& b) { return matmul(b, a); }, op, nogil());
  // Tensors hash by identity even though == is elementwise.
  py::setattr(tensor_class(), "__hash__", py::module_::import("builtins").attr("object").attr("__hash__"));
}

#undef WICK_PY_BINARY

}  // namespace wick::python
