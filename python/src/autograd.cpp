// Autograd from Python: grad_fn node objects, Tensor.backward,
// wick.autograd.backward / grad, and the grad-mode switches behind
// wick.no_grad / enable_grad / set_grad_enabled / inference_mode.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "python/src/bind.h"
#include "python/src/init.h"
#include "wick/autograd/autograd.h"
#include "wick/autograd/grad_mode.h"
#include "wick/autograd/node.h"

namespace wick::python {

namespace {

using autograd::Node;
using autograd::variable_list;

py::tuple next_functions(const Node& n) {
  py::tuple out(n.num_outputs());
  for (size_t i = 0; i < n.num_outputs(); ++i) {
    const auto& e = n.next_edge(i);
    py::object fn = e.function ? py::cast(e.function) : py::none();
    out[i] = py::make_tuple(fn, e.input_nr);
  }
  return out;
}

variable_list tensors_arg(py::handle h) {
  if (h.is_none()) return {};
  if (is_tensor(h.ptr())) return {unpack(h.ptr())};
  variable_list out;
  for (auto item : h) {
    out.push_back(item.is_none() ? Tensor() : py::cast<Tensor>(item));
  }
  return out;
}

}  // namespace

void init_autograd(py::module_& m) {
  py::module_ ag = m.def_submodule("_autograd", "autograd engine bindings");

  py::class_<Node, std::shared_ptr<Node>>(ag, "Node")
      .def("name", &Node::name)
      .def_property_readonly("next_functions", &next_functions)
      .def("__repr__", [](py::handle self) {
        const Node& n = self.cast<const Node&>();
        return "<" + n.name() + " object at " +
               py::str(py::module_::import("builtins").attr("hex")(py::int_(reinterpret_cast<uintptr_t>(self.ptr())))).cast<std::string>() + ">";
      })
      .def("_sequence_nr", &Node::sequence_nr);

  def_method("backward", [](const Tensor& self, py::object gradient, std::optional<bool> retain_graph,
                            bool create_graph, py::object inputs) {
    Tensor g = gradient.is_none() ? Tensor() : py::cast<Tensor>(gradient);
    variable_list in = tensors_arg(inputs);
    py::gil_scoped_release nogil;
    autograd::backward({self}, {g}, retain_graph, create_graph, in);
  }, arg("gradient") = py::none(), arg("retain_graph") = py::none(), arg("create_graph") = false,
     arg("inputs") = py::none());
  ag.def("backward", [](py::object tensors, py::object grad_tensors, std::optional<bool> retain_graph,
                        bool create_graph, py::object inputs) {
    variable_list ts = tensors_arg(tensors), gs = tensors_arg(grad_tensors), in = tensors_arg(inputs);
    py::gil_scoped_release nogil;
    autograd::backward(ts, gs, retain_graph, create_graph, in);
  }, arg("tensors"), arg("grad_tensors") = py::none(), arg("retain_graph") = py::none(),
     arg("create_graph") = false, arg("inputs") = py::none());
  ag.def("grad", [](py::object outputs, py::object inputs, py::object grad_outputs,
                    std::optional<bool> retain_graph, bool create_graph, bool allow_unused) {
    variable_list os = tensors_arg(outputs), is = tensors_arg(inputs), gs = tensors_arg(grad_outputs);
    variable_list r;
    {
      py::gil_scoped_release nogil;
      r = autograd::grad(os, is, gs, retain_graph, create_graph, allow_unused);
    }
    return to_tuple(r);
  }, arg("outputs"), arg("inputs"), arg("grad_outputs") = py::none(),
     arg("retain_graph") = py::none(), arg("create_graph") = false, arg("allow_unused") = false);

  def_method("requires_grad_", [](Tensor& t, bool rg) -> Tensor& { return t.requires_grad_(rg); },
             arg("requires_grad") = true);
  def_method("retain_grad", [](const Tensor& t) { t.retain_grad(); });

  m.def("is_grad_enabled", &autograd::GradMode::is_enabled);
  m.def("_set_grad_enabled", &autograd::GradMode::set_enabled, arg("mode"));
  m.def("is_inference_mode_enabled", &autograd::InferenceMode::is_enabled);
  ag.def("is_anomaly_enabled", &autograd::AnomalyMode::is_enabled);
  ag.def("set_anomaly_enabled", &autograd::AnomalyMode::set_enabled, arg("enabled"));
}

}  // namespace wick::python
