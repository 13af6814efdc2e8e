#include "python/src/bind.h"

#include <string>
#include <unordered_map>

#include "wick/autograd/grad_mode.h"

namespace wick::python {

py::object return_type(const char* name, std::initializer_list<Tensor> ts) {
  // Leaked on purpose: a static py::object would be released after the
  // interpreter is gone.
  static py::object* build =
      new py::object(py::module_::import("wick.return_types").attr("_build"));
  py::tuple values(ts.size());
  size_t i = 0;
  for (const Tensor& t : ts) values[i++] = py::reinterpret_steal<py::object>(wrap(t));
  return (*build)(name, values);
}

py::module_ nn_module(py::module_& m) {
  if (py::hasattr(m, "_nn")) return m.attr("_nn").cast<py::module_>();
  return m.def_submodule("_nn", "functions behind wick.nn.functional");
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
