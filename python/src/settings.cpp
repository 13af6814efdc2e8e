// Process-wide settings: default dtype, print options, thread count, and the
// InferenceMode guard used by wick.inference_mode.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>

#include "python/src/bind.h"
#include "python/src/init.h"
#include "wick/autograd/grad_mode.h"
#include "wick/core/cpu_capability.h"
#include "wick/core/parallel.h"
#include "wick/tensor/print.h"

namespace wick::python {

namespace {
// A guard object whose scope Python controls (__enter__/__exit__).
struct InferenceModeScope {
  bool enabled;
  std::unique_ptr<autograd::InferenceMode> guard;
};
}  // namespace

void init_settings(py::module_& m) {
  m.def("_set_default_dtype", [](ScalarType t) { set_default_dtype(t); });
  m.def("_get_default_dtype", []() { return get_default_dtype(); });
  m.def("_set_printoptions", [](std::optional<int64_t> precision, std::optional<double> threshold,
                                std::optional<int64_t> edgeitems, std::optional<int64_t> linewidth,
                                std::optional<std::string> profile, std::optional<bool> sci_mode) {
    PrintOptions o;
    o.precision = precision;
    o.threshold = threshold;
    o.edgeitems = edgeitems;
    o.linewidth = linewidth;
    o.profile = profile;
    o.sci_mode = sci_mode;
    set_printoptions(o);
  });
  m.def("_set_num_threads", [](int n) { set_num_threads(n); });
  m.def("_get_num_threads", []() { return get_num_threads(); });
  m.def("_get_cpu_capability", []() { return cpu_capability_name(cpu_capability()); });
  py::class_<InferenceModeScope>(m, "_InferenceMode")
      .def(py::init([](bool enabled) { return InferenceModeScope{enabled, nullptr}; }))
      .def("__enter__", [](InferenceModeScope& s) {
        s.guard = std::make_unique<autograd::InferenceMode>(s.enabled);
      })
      .def("__exit__", [](InferenceModeScope& s, py::args) { s.guard.reset(); });
}

}  // namespace wick::python
