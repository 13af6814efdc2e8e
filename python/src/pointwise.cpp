// Other pointwise ops: where (both forms), clamp/clip and clamp_min/clamp_max,
// lerp, addcmul, addcdiv.
#include <pybind11/pybind11.h>

#include "python/src/bind.h"
#include "python/src/init.h"
#include "wick/ops/creation.h"
#include "wick/ops/index.h"
#include "wick/ops/pointwise.h"
#include "wick/tensor/tensor_iterator.h"

namespace wick::python {

namespace {
using TS = TensorOrScalar;
using OptT = std::optional<Tensor>;
using OptTS = std::optional<TensorOrScalar>;

Tensor as_tensor(const TS& b) { return b.is_tensor() ? b.tensor : wrapped_scalar_tensor(b.scalar); }

// clamp's bounds: numbers use the Scalar overload, a tensor on either side the Tensor one.
bool any_tensor(const OptTS& lo, const OptTS& hi) {
  return (lo && lo->is_tensor()) || (hi && hi->is_tensor());
}
OptT bound_tensor(const OptTS& b) {
  if (!b) return std::nullopt;
  return as_tensor(*b);
}
std::optional<Scalar> bound_scalar(const OptTS& b) {
  if (!b) return std::nullopt;
  return b->scalar;
}

Tensor clamp_any(const Tensor& a, const OptTS& lo, const OptTS& hi, const OptT& out) {
  if (out) {
    Tensor o = *out;
    if (any_tensor(lo, hi)) return clamp_out(o, a, bound_tensor(lo), bound_tensor(hi));
    return clamp_out(o, a, bound_scalar(lo), bound_scalar(hi));
  }
  if (any_tensor(lo, hi)) return clamp(a, bound_tensor(lo), bound_tensor(hi));
  return clamp(a, bound_scalar(lo), bound_scalar(hi));
}
Tensor& clamp_any_(Tensor& a, const OptTS& lo, const OptTS& hi) {
  if (any_tensor(lo, hi)) return clamp_(a, bound_tensor(lo), bound_tensor(hi));
  return clamp_(a, bound_scalar(lo), bound_scalar(hi));
}
}  // namespace

void init_pointwise(py::module_& m) {
  // where(condition) -> tuple of index tensors; where(condition, input, other, *, out=None).
  m.def("where", [](const Tensor& c) { return to_tuple(nonzero_numpy(c)); }, arg("condition"));
  m.def("where", [](const Tensor& c, const TS& a, const TS& b, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(where_out(o, c, as_tensor(a), as_tensor(b)));
    }
    if (a.is_tensor()) return b.is_tensor() ? where(c, a.tensor, b.tensor) : where(c, a.tensor, b.scalar);
    return b.is_tensor() ? where(c, a.scalar, b.tensor) : where(c, a.scalar, b.scalar);
  }, arg("condition"), arg("input"), arg("other"), py::kw_only(), arg("out") = py::none(), nogil());
  def_method("where", [](const Tensor& a, const Tensor& c, const TS& b) {
    return b.is_tensor() ? where(c, a, b.tensor) : where(c, a, b.scalar);
  }, arg("condition"), arg("other"), nogil());

  // clamp/clip(input, min=None, max=None, *, out=None), numbers or tensors.
  for (const char* name : {"clamp", "clip"}) {
    const std::string in_name = std::string(name) + "_";
    m.def(name, &clamp_any, arg("input"), arg("min") = py::none(), arg("max") = py::none(),
          py::kw_only(), arg("out") = py::none(), nogil());
    def_method(name, [](const Tensor& a, const OptTS& lo, const OptTS& hi) {
      return clamp_any(a, lo, hi, std::nullopt);
    }, arg("min") = py::none(), arg("max") = py::none(), nogil());
    m.def(in_name.c_str(), &clamp_any_, arg("input"), arg("min") = py::none(),
          arg("max") = py::none(), nogil());
    def_method(in_name.c_str(), &clamp_any_, arg("min") = py::none(), arg("max") = py::none(),
               nogil());
  }
  // clamp_min/clamp_max(input, min|max, *, out=None)
  m.def("clamp_min", [](const Tensor& a, const TS& b, OptT out) {
    if (out) {
      Tensor o = *out;
      return b.is_tensor() ? Tensor(clamp_out(o, a, OptT(b.tensor), OptT()))
                           : Tensor(clamp_out(o, a, std::optional<Scalar>(b.scalar), std::nullopt));
    }
    return b.is_tensor() ? clamp_min(a, b.tensor) : clamp_min(a, b.scalar);
  }, arg("input"), arg("min"), py::kw_only(), arg("out") = py::none(), nogil());
  m.def("clamp_max", [](const Tensor& a, const TS& b, OptT out) {
    if (out) {
      Tensor o = *out;
      return b.is_tensor() ? Tensor(clamp_out(o, a, OptT(), OptT(b.tensor)))
                           : Tensor(clamp_out(o, a, std::nullopt, std::optional<Scalar>(b.scalar)));
    }
    return b.is_tensor() ? clamp_max(a, b.tensor) : clamp_max(a, b.scalar);
  }, arg("input"), arg("max"), py::kw_only(), arg("out") = py::none(), nogil());
  def_method("clamp_min", [](const Tensor& a, const TS& b) {
    return b.is_tensor() ? clamp_min(a, b.tensor) : clamp_min(a, b.scalar);
  }, arg("min"), nogil());
  def_method("clamp_max", [](const Tensor& a, const TS& b) {
    return b.is_tensor() ? clamp_max(a, b.tensor) : clamp_max(a, b.scalar);
  }, arg("max"), nogil());
  auto clamp_min_in = [](Tensor& a, const TS& b) -> Tensor& {
    return b.is_tensor() ? clamp_(a, OptT(b.tensor), OptT()) : clamp_min_(a, b.scalar);
  };
  auto clamp_max_in = [](Tensor& a, const TS& b) -> Tensor& {
    return b.is_tensor() ? clamp_(a, OptT(), OptT(b.tensor)) : clamp_max_(a, b.scalar);
  };
  m.def("clamp_min_", clamp_min_in, arg("input"), arg("min"), nogil());
  m.def("clamp_max_", clamp_max_in, arg("input"), arg("max"), nogil());
  def_method("clamp_min_", clamp_min_in, arg("min"), nogil());
  def_method("clamp_max_", clamp_max_in, arg("max"), nogil());

  // lerp(input, end, weight, *, out=None)
  m.def("lerp", [](const Tensor& a, const Tensor& end, const TS& w, OptT out) {
    if (out) {
      Tensor o = *out;
      return w.is_tensor() ? Tensor(lerp_out(o, a, end, w.tensor)) : Tensor(lerp_out(o, a, end, w.scalar));
    }
    return w.is_tensor() ? lerp(a, end, w.tensor) : lerp(a, end, w.scalar);
  }, arg("input"), arg("end"), arg("weight"), py::kw_only(), arg("out") = py::none(), nogil());
  def_method("lerp", [](const Tensor& a, const Tensor& end, const TS& w) {
    return w.is_tensor() ? lerp(a, end, w.tensor) : lerp(a, end, w.scalar);
  }, arg("end"), arg("weight"), nogil());
  def_method("lerp_", [](Tensor& a, const Tensor& end, const TS& w) -> Tensor& {
    return w.is_tensor() ? lerp_(a, end, w.tensor) : lerp_(a, end, w.scalar);
  }, arg("end"), arg("weight"), nogil());

  // addcmul/addcdiv(input, tensor1, tensor2, *, value=1, out=None)
#define WICK_PY_ADDC(name)                                                                      \
  m.def(#name, [](const Tensor& a, const Tensor& t1, const Tensor& t2, const Scalar& v, OptT out) { \
    if (out) {                                                                                  \
      Tensor o = *out;                                                                          \
      return Tensor(name##_out(o, a, t1, t2, v));                                               \
    }                                                                                           \
    return name(a, t1, t2, v);                                                                  \
  }, arg("input"), arg("tensor1"), arg("tensor2"), py::kw_only(), arg("value") = 1,             \
        arg("out") = py::none(), nogil());                                                      \
  def_method(#name, [](const Tensor& a, const Tensor& t1, const Tensor& t2, const Scalar& v) {  \
    return name(a, t1, t2, v);                                                                  \
  }, arg("tensor1"), arg("tensor2"), py::kw_only(), arg("value") = 1, nogil());                 \
  def_method(#name "_", [](Tensor& a, const Tensor& t1, const Tensor& t2, const Scalar& v)      \
                 -> Tensor& { return name##_(a, t1, t2, v); },                                  \
             arg("tensor1"), arg("tensor2"), py::kw_only(), arg("value") = 1, nogil());
  WICK_PY_ADDC(addcmul)
  WICK_PY_ADDC(addcdiv)
#undef WICK_PY_ADDC
}

}  // namespace wick::python
