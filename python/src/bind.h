#pragma once
// Helpers for binding ops the way PyTorch exposes them: as a function
// wick.<name>(input, ...) and as a method Tensor.<name>(...), with the same
// keyword names and defaults. Work is done with the GIL released.
#include <pybind11/pybind11.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "python/src/casters.h"
#include "python/src/tensor_object.h"

namespace wick::python {

namespace py = pybind11;
using py::arg;
using nogil = py::call_guard<py::gil_scoped_release>;

inline py::handle tensor_class() { return py::handle(reinterpret_cast<PyObject*>(TensorType)); }

// Tensor.<name>(self, ...): `extra` names the arguments after self.
template <typename F, typename... Extra>
void def_method(const char* name, F&& f, const Extra&... extra) {
  py::handle cls = tensor_class();
  py::cpp_function cf(std::forward<F>(f), py::name(name), py::is_method(cls),
                      py::sibling(py::getattr(cls, name, py::none())), extra...);
  py::setattr(cls, name, cf);
}

// wick.<name>(...) in module m (overloads chain like m.def).
template <typename F, typename... Extra>
void def_function(py::module_& m, const char* name, F&& f, const Extra&... extra) {
  m.def(name, std::forward<F>(f), extra...);
}

// Both: the function's first argument is `input`, the method's is self.
template <typename F, typename... Extra>
void def_both(py::module_& m, const char* name, F f, const Extra&... extra) {
  m.def(name, f, arg("input"), extra...);
  def_method(name, f, extra...);
}

// wick._C._nn, the functions behind wick.nn.functional (torch._C._nn's role,
// with F's signatures); every nn area adds to the same submodule.
py::module_ nn_module(py::module_& m);

// Tuples of tensors come back as Python tuples (split, chunk, unbind, ...).
inline py::tuple to_tuple(const std::vector<Tensor>& ts) {
  py::tuple out(ts.size());
  for (size_t i = 0; i < ts.size(); ++i) {
    out[i] = py::reinterpret_steal<py::object>(wrap(ts[i]));
  }
  return out;
}

// A named tuple wick.return_types.<name>(values=..., indices=...) as PyTorch returns
// from max(dim), sort, topk, ...; the classes live in python/wick/return_types.py.
py::object return_type(const char* name, std::initializer_list<Tensor> ts);
inline py::object return_type(const char* name, const Tensor& a, const Tensor& b) {
  return return_type(name, {a, b});
}

// For ops with no C++ out= form: writes `result` into `out` (resized to the
// result's shape; the result dtype must be castable to out's) and returns out.
Tensor write_out(const Tensor& out, const Tensor& result);

}  // namespace wick::python
