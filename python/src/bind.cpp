#include "python/src/bind.h"

#include <string>
#include <unordered_map>

#include "wick/autograd/grad_mode.h"

namespace wick::python {

py::object return_type(const char* name, const Tensor& a, const Tensor& b) {
  static py::object build;
  if (!build) {
    build = py::module_::import("wick.return_types").attr("_build");
  }
  py::tuple values = py::make_tuple(py::reinterpret_steal<py::object>(wrap(a)),
                                    py::reinterpret_steal<py::object>(wrap(b)));
  return build(name, values);
}

Tensor write_out(const Tensor& out, const Tensor& result) {
  WICK_CHECK(can_cast(result.dtype(), out.dtype()), "result type ", result.dtype(),
             " can't be cast to the desired output type ", out.dtype());
  WICK_CHECK(!(autograd::GradMode::is_enabled() && (result.requires_grad() || out.requires_grad())),
             "functions with out=... arguments don't support automatic differentiation, but one "
             "of the arguments requires grad.");
  Tensor o = out;
  o.resize_(result.sizes());
  o.copy_(result);
  return o;
}

}  // namespace wick::python
