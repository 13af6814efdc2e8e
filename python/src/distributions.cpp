// wick._standard_gamma(input, generator=None) and
// wick._sample_dirichlet(input, generator=None): the samplers behind
// torch.distributions.Gamma / Dirichlet and torchvision's AugMix, with torch
// 1.13's CPU streams (wick/ops/distributions.h).
#include <pybind11/pybind11.h>

#include "python/src/bind.h"
#include "wick/ops/distributions.h"

namespace wick::python {

void init_distributions(py::module_& m) {
  m.def("_standard_gamma", [](const Tensor& input, std::optional<Generator> generator) {
    return _standard_gamma(input, generator);
  }, arg("input"), arg("generator") = py::none(), nogil());
  m.def("_sample_dirichlet", [](const Tensor& input, std::optional<Generator> generator) {
    return _sample_dirichlet(input, generator);
  }, arg("input"), arg("generator") = py::none(), nogil());
}

}  // namespace wick::python
