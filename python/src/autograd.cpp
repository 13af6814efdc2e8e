// Autograd from Python: grad_fn node objects (names, next_functions, hooks,
// metadata), tensor hooks, Tensor.backward, wick.autograd.backward / grad,
// custom Python autograd Functions, gradcheck, and the grad-mode and
// anomaly-mode switches.
//
// Note [GIL and the engine]
// Tensor.backward / autograd.grad release the GIL while the engine runs, so
// every C++ callback that calls into Python (hooks, Function.backward,
// gradcheck's function) takes the GIL itself, and every Python object that a
// graph node keeps is held through a PyHolder (py_holder.h), whose destructor
// takes the GIL: nodes can die on any thread, with or without it. A Python
// exception raised in a callback travels through the engine as
// py::error_already_set and comes out of backward() as the same exception.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <atomic>
#include <unordered_map>

#include "python/src/autograd_py.h"
#include "python/src/bind.h"
#include "python/src/init.h"
#include "python/src/py_holder.h"
#include "wick/autograd/accumulate_grad.h"
#include "wick/autograd/autograd.h"
#include "wick/tensor/print.h"
#include "wick/autograd/function.h"
#include "wick/autograd/grad_mode.h"
#include "wick/autograd/gradcheck.h"
#include "wick/autograd/node.h"
#include "wick/autograd/variable.h"
#include "wick/ops/creation.h"

namespace wick::python {

namespace {

using autograd::AccumulateGrad;
using autograd::AutogradContext;
using autograd::CustomFunctionNode;
using autograd::Node;
using autograd::variable_list;

py::object to_py(const Tensor& t) { return py::reinterpret_steal<py::object>(wrap(t)); }

std::string type_name(py::handle o) { return Py_TYPE(o.ptr())->tp_name; }

// A callable's name for error messages, as PyTorch prints it.
std::string callable_name(py::handle fn) {
  if (py::hasattr(fn, "__name__")) return py::str(fn.attr("__name__"));
  return py::repr(fn);
}


py::tuple next_functions(const Node& n) {
  py::tuple out(n.num_outputs());
  for (size_t i = 0; i < n.num_outputs(); ++i) {
    const auto& e = n.next_edge(i);
    py::object fn = py::reinterpret_steal<py::object>(node_to_py(e.function));
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

// ---- hook handles -------------------------------------------------------------
// Every Python hook lives in a slot shared by the C++ callback and the handle;
// handle.remove() empties the slot, and the callback then does nothing.
std::atomic<uint64_t> next_handle_id{0};

struct RemovableHandle {
  PyHolderPtr slot;
  uint64_t id;
  void remove() {
    if (slot) slot->reset();
  }
};

py::object make_handle(const PyHolderPtr& slot) {
  return py::cast(RemovableHandle{slot, next_handle_id++});
}

// A node hook's result: None keeps the gradients, a tuple/list replaces them.
variable_list hook_result(py::handle fn, const py::object& r, size_t expected) {
  if (r.is_none()) return {};
  if (!PyTuple_Check(r.ptr()) && !PyList_Check(r.ptr()))
    throw py::type_error("expected tuple, but hook returned '" + type_name(r) + "'");
  py::sequence seq = py::reinterpret_borrow<py::sequence>(r);
  if (seq.size() != expected)
    throw Error("hook '" + callable_name(fn) +
                          "' has returned an incorrect number of values (got " +
                          std::to_string(seq.size()) + ", but expected " +
                          std::to_string(expected) + ")");
  variable_list out;
  for (auto item : seq) {
    if (item.is_none()) {
      out.emplace_back();
    } else if (is_tensor(item.ptr())) {
      out.push_back(unpack(item.ptr()));
    } else {
      throw py::type_error("expected Variable or None (got " + type_name(item) + ")");
    }
  }
  // All undefined would read as "keep" to the engine only if empty; a list of
  // Nones is a real answer (no gradients), so keep its size.
  return out;
}

py::object register_node_hook(Node& n, py::object fn) {
  auto slot = hold(fn);
  n.register_hook([slot](const variable_list& grad_inputs,
                         const variable_list& grad_outputs) -> variable_list {
    py::gil_scoped_acquire gil;
    if (!*slot) return {};
    py::object r = slot->handle()(to_tuple(grad_inputs), to_tuple(grad_outputs));
    return hook_result(slot->handle(), r, grad_inputs.size());
  });
  return make_handle(slot);
}

py::object register_node_prehook(Node& n, py::object fn) {
  auto slot = hold(fn);
  n.register_prehook([slot](const variable_list& grad_outputs) -> variable_list {
    py::gil_scoped_acquire gil;
    if (!*slot) return {};
    py::object r = slot->handle()(to_tuple(grad_outputs));
    return hook_result(slot->handle(), r, grad_outputs.size());
  });
  return make_handle(slot);
}

// ---- per-node Python state ------------------------------------------------------
// grad_fn.metadata (a dict) and a custom Function's ctx must outlive the
// node's Python wrapper (pybind11 makes a fresh wrapper once the old one is
// gone), so the node owns them: the ctx through its backward closure, the
// metadata dict through a do-nothing pre-hook. This table finds them from the
// node; entries are weak and leave with their holder. Guarded by the GIL.
struct NodeState;
std::unordered_map<const Node*, std::weak_ptr<NodeState>>& node_table() {
  static auto* t = new std::unordered_map<const Node*, std::weak_ptr<NodeState>>();
  return *t;
}

struct NodeState {
  explicit NodeState(const Node* n) : node(n) {}
  ~NodeState() {
    if (!Py_IsInitialized()) return;
    py::gil_scoped_acquire gil;
    auto& t = node_table();
    auto it = t.find(node);
    if (it != t.end() && it->second.expired()) t.erase(it);
    metadata.reset();
    ctx.reset();
    cls.reset();
  }
  const Node* node;
  std::unique_ptr<PyHolder> metadata;  // dict
  std::unique_ptr<PyHolder> ctx;       // FunctionCtx (custom Functions)
  std::unique_ptr<PyHolder> cls;       // the Function subclass
};

std::shared_ptr<NodeState> find_state(const Node* n) {
  auto& t = node_table();
  auto it = t.find(n);
  if (it == t.end()) return nullptr;
  return it->second.lock();
}

py::object node_metadata(Node& n) {
  auto st = find_state(&n);
  if (!st) {
    st = std::make_shared<NodeState>(&n);
    node_table()[&n] = st;
    // The node owns its state through a pre-hook that does nothing.
    n.register_prehook([st](const variable_list&) { return variable_list(); });
  }
  if (!st->metadata) st->metadata = std::make_unique<PyHolder>(py::dict());
  return py::reinterpret_borrow<py::object>(st->metadata->handle());
}

// ---- custom Python Functions ------------------------------------------------------
// The ctx handed to forward and backward. Its attributes (ctx.foo = ...) live
// in its __dict__; the autograd state lives in the node's AutogradContext.
struct FunctionCtx {
  std::weak_ptr<CustomFunctionNode> node;
  bool materialize_grads = true;
  // save_for_backward checks its arguments when forward returns (a later
  // call may replace a bad one), as PyTorch does.
  std::string save_error;
  std::vector<const TensorImpl*> dirty;  // mark_dirty's tensors

  std::shared_ptr<CustomFunctionNode> lock() const {
    auto n = node.lock();
    if (!n)
      throw Error(
          "Trying to backward through the graph a second time (or directly access saved "
          "tensors after they have already been freed). Saved intermediate values of the "
          "graph are freed when you call .backward() or autograd.grad(). Specify "
          "retain_graph=True if you need to backward through the graph a second time or if "
          "you need to access saved tensors after calling backward.");
    return n;
  }
};

variable_list ctx_tensor_args(const char* what, py::args args, bool allow_none,
                              std::string* error = nullptr) {
  variable_list out;
  size_t i = 0;
  for (auto a : args) {
    if (is_tensor(a.ptr())) {
      out.push_back(unpack(a.ptr()));
    } else if (allow_none && a.is_none()) {
      out.emplace_back();
    } else {
      std::string msg = std::string(what) + " can only save variables, but argument " +
                        std::to_string(i) + " is of type " + type_name(a);
      if (!error) throw py::type_error(msg);
      *error = msg;
      return {};
    }
    ++i;
  }
  return out;
}

// What backward needs to know about forward's outputs.
struct OutputInfo {
  bool is_tensor = false;
  int slot = -1;  // the node input receiving this output's gradient
  DimVector shape;
  ScalarType dtype = ScalarType::Undefined;
};

struct FunctionState {
  std::shared_ptr<NodeState> node_state;  // ctx and class
  std::vector<OutputInfo> outputs;
};

variable_list call_python_backward(const std::shared_ptr<FunctionState>& fs,
                                   variable_list grads, const std::string& name) {
  py::gil_scoped_acquire gil;
  NodeState& st = *fs->node_state;
  py::handle ctx = st.ctx->handle();
  const bool materialize = py::cast<FunctionCtx&>(ctx).materialize_grads;
  py::tuple args(fs->outputs.size() + 1);
  args[0] = ctx;
  for (size_t i = 0; i < fs->outputs.size(); ++i) {
    const OutputInfo& o = fs->outputs[i];
    Tensor g;
    if (o.slot >= 0 && static_cast<size_t>(o.slot) < grads.size()) g = grads[o.slot];
    if (!g.defined() && o.is_tensor && materialize) {
      py::gil_scoped_release nogil;
      g = zeros(o.shape, TensorOptions(o.dtype));
    }
    args[i + 1] = to_py(g);
  }
  py::object r = st.cls->handle().attr("backward")(*args);
  variable_list out;
  auto take = [&](py::handle item) {
    if (item.is_none()) {
      out.emplace_back();
    } else if (is_tensor(item.ptr())) {
      out.push_back(unpack(item.ptr()));
    } else {
      throw Error("expected Variable or None (got " + type_name(item) + ")");
    }
  };
  if (PyTuple_Check(r.ptr()) || PyList_Check(r.ptr())) {
    for (auto item : r) take(item);
  } else {
    take(r);
  }
  return out;
}

py::object function_apply(py::object cls, py::tuple args, py::dict kwargs, bool setup_context) {
  variable_list inputs;
  std::vector<bool> is_tensor_arg;
  for (auto a : args) {
    const bool t = is_tensor(a.ptr());
    is_tensor_arg.push_back(t);
    if (t) inputs.push_back(unpack(a.ptr()));
  }
  const std::string name = py::str(cls.attr("__name__")).cast<std::string>() + "Backward";
  auto fs = std::make_shared<FunctionState>();
  auto node = autograd::make_function_node(
      name,
      [fs, name](AutogradContext*, variable_list grads) {
        return call_python_backward(fs, std::move(grads), name);
      },
      is_tensor_arg, inputs);

  py::object ctx = cls.attr("_backward_cls")();
  py::cast<FunctionCtx&>(ctx).node = node;
  auto st = std::make_shared<NodeState>(node.get());
  st->ctx = std::make_unique<PyHolder>(ctx);
  st->cls = std::make_unique<PyHolder>(cls);
  fs->node_state = st;
  node_table()[node.get()] = st;

  py::tuple needs(is_tensor_arg.size());
  for (size_t i = 0, k = 0; i < is_tensor_arg.size(); ++i)
    needs[i] = py::bool_(is_tensor_arg[i] && inputs[k++].requires_grad());
  ctx.attr("needs_input_grad") = needs;

  py::object result;
  {
    autograd::NoGradGuard no_grad;
    if (setup_context) {
      result = cls.attr("forward")(*args, **kwargs);
      cls.attr("setup_context")(ctx, args, result);
    } else {
      result = cls.attr("forward")(ctx, *args, **kwargs);
    }
  }

  {
    auto& c = py::cast<FunctionCtx&>(ctx);
    if (!c.save_error.empty()) throw py::type_error(c.save_error);
  }
  const bool is_tuple = PyTuple_Check(result.ptr()) || PyList_Check(result.ptr());
  std::vector<py::object> outs;
  if (is_tuple) {
    for (auto o : result) outs.push_back(py::reinterpret_borrow<py::object>(o));
  } else {
    outs.push_back(result);
  }
  variable_list tensor_outs;
  bool differentiable = false;
  for (const auto& e : node->next_edges()) differentiable = differentiable || e.is_valid();
  int slot = 0;
  for (auto& o : outs) {
    OutputInfo info;
    if (is_tensor(o.ptr())) {
      const Tensor& t = unpack(o.ptr());
      tensor_outs.push_back(t);
      info.is_tensor = true;
      info.shape = DimVector(t.sizes().begin(), t.sizes().end());
      info.dtype = t.dtype();
      if (differentiable && t.is_floating_point()) info.slot = slot++;
    }
    fs->outputs.push_back(std::move(info));
  }
  {
    const auto& dirty = py::cast<FunctionCtx&>(ctx).dirty;
    auto is_out = [&](const TensorImpl* p) {
      for (const Tensor& t : tensor_outs)
        if (t.unsafeGetTensorImpl() == p) return true;
      return false;
    };
    for (const TensorImpl* p : dirty)
      if (!is_out(p))
        throw Error("Some elements marked as dirty during the forward method were not returned "
                    "as output. The inputs that are modified inplace must all be outputs of the "
                    "Function.");
    if (differentiable)
      for (const Tensor& t : tensor_outs)
        if (std::find(dirty.begin(), dirty.end(), t.unsafeGetTensorImpl()) != dirty.end() &&
            t.is_leaf() && t.requires_grad())
          throw Error("a leaf Variable that requires grad has been used in an in-place operation.");
  }
  variable_list wrapped = autograd::wrap_function_outputs(node, inputs, std::move(tensor_outs));
  size_t k = 0;
  for (auto& o : outs)
    if (is_tensor(o.ptr())) o = to_py(wrapped[k++]);
  if (!is_tuple) return outs[0];
  py::tuple r(outs.size());
  for (size_t i = 0; i < outs.size(); ++i) r[i] = outs[i];
  return r;
}

// ---- gradcheck ------------------------------------------------------------------
// `fn` takes the tensors of `inputs` and returns a tuple of tensors.
autograd::CheckedFunction checked(py::object fn) {
  auto h = hold(fn);
  return [h](const variable_list& in) {
    py::gil_scoped_acquire gil;
    py::object r = h->handle()(*to_tuple(in));
    return tensors_arg(r);
  };
}

}  // namespace

PyObject* node_to_py(const std::shared_ptr<Node>& node) {
  if (!node) Py_RETURN_NONE;
  if (auto st = find_state(node.get()); st && st->ctx) return st->ctx->handle().inc_ref().ptr();
  return py::cast(node).release().ptr();
}

void init_autograd(py::module_& m) {
  py::module_ ag = m.def_submodule("_autograd", "autograd engine bindings");

  py::class_<RemovableHandle>(ag, "RemovableHandle")
      .def("remove", &RemovableHandle::remove)
      .def_readonly("id", &RemovableHandle::id)
      .def("__enter__", [](py::object self) { return self; })
      .def("__exit__", [](RemovableHandle& h, py::args) { h.remove(); });

  py::class_<Node, std::shared_ptr<Node>>(ag, "Node")
      .def("name", &Node::name)
      .def_property_readonly("next_functions", &next_functions)
      .def("register_hook", &register_node_hook, arg("fn"))
      .def("register_prehook", &register_node_prehook, arg("fn"))
      .def_property_readonly("metadata", &node_metadata)
      .def("__repr__", [](py::handle self) {
        const Node& n = self.cast<const Node&>();
        // Like PyTorch, the repr shows the class name without its namespace
        // (<AccumulateGrad object at ...> for wick::autograd::AccumulateGrad).
        std::string name = n.name();
        if (auto pos = name.rfind("::"); pos != std::string::npos) name = name.substr(pos + 2);
        return "<" + name + " object at " +
               py::str(py::module_::import("builtins").attr("hex")(py::int_(reinterpret_cast<uintptr_t>(self.ptr())))).cast<std::string>() + ">";
      })
      .def("_sequence_nr", &Node::sequence_nr)
      .def("__call__", [](Node& n, py::args grads) {
        variable_list g = tensors_arg(grads);
        variable_list r;
        {
          py::gil_scoped_release nogil;
          r = n.apply(std::move(g));
        }
        return r.size() == 1 ? to_py(r[0]) : py::object(to_tuple(r));
      });

  py::class_<AccumulateGrad, Node, std::shared_ptr<AccumulateGrad>>(ag, "AccumulateGrad")
      .def_property_readonly("variable", [](const AccumulateGrad& a) { return a.variable(); });

  // A custom Function's node: unknown attributes come from its ctx (PyTorch's
  // grad_fn of a custom Function is its ctx: y.grad_fn.saved_tensors works).
  py::class_<CustomFunctionNode, Node, std::shared_ptr<CustomFunctionNode>>(ag, "CppFunctionNode")
      .def("__repr__", [](py::handle self) {
        const auto& n = self.cast<const CustomFunctionNode&>();
        auto st = find_state(&n);
        // PyTorch makes the node classes of Python Functions in torch.autograd.function.
        std::string module = st && st->cls ? "wick.autograd.function." : "";
        return "<" + module + n.name() + " object at " +
               py::str(py::module_::import("builtins").attr("hex")(py::int_(reinterpret_cast<uintptr_t>(self.ptr())))).cast<std::string>() + ">";
      })
      .def("__getattr__", [](CustomFunctionNode& n, const std::string& attr) -> py::object {
        auto st = find_state(&n);
        if (!st || !st->ctx)
          throw py::attribute_error("'" + n.name() + "' object has no attribute '" + attr + "'");
        return st->ctx->handle().attr(attr.c_str());
      });

  // The ctx of a Python Function, and its grad_fn: Function subclasses get a
  // Python subclass "<Name>Backward" of this (python/wick/autograd/function.py).
  py::class_<FunctionCtx>(ag, "FunctionCtx", py::dynamic_attr())
      .def(py::init<>())
      .def("name", [](FunctionCtx& c) { return c.lock()->name(); })
      .def_property_readonly("next_functions", [](FunctionCtx& c) { return next_functions(*c.lock()); })
      .def("register_hook", [](FunctionCtx& c, py::object fn) { return register_node_hook(*c.lock(), fn); },
           arg("fn"))
      .def("register_prehook", [](FunctionCtx& c, py::object fn) { return register_node_prehook(*c.lock(), fn); },
           arg("fn"))
      .def_property_readonly("metadata", [](FunctionCtx& c) { return node_metadata(*c.lock()); })
      .def("_sequence_nr", [](FunctionCtx& c) { return c.lock()->sequence_nr(); })
      .def("save_for_backward", [](FunctionCtx& c, py::args args) {
        c.save_error.clear();
        variable_list ts = ctx_tensor_args("save_for_backward", args, true, &c.save_error);
        c.lock()->ctx.save_for_backward(std::move(ts));
      })
      .def_property_readonly("saved_tensors", [](FunctionCtx& c) {
        return to_tuple(c.lock()->ctx.get_saved_variables());
      })
      .def_property_readonly("saved_variables", [](FunctionCtx& c) {
        return to_tuple(c.lock()->ctx.get_saved_variables());
      })
      .def("mark_dirty", [](FunctionCtx& c, py::args args) {
        variable_list ts = ctx_tensor_args("mark_dirty", args, false);
        for (const Tensor& t : ts) c.dirty.push_back(t.unsafeGetTensorImpl());
        c.lock()->ctx.mark_dirty(ts);
      })
      .def("mark_non_differentiable", [](FunctionCtx& c, py::args args) {
        c.lock()->ctx.mark_non_differentiable(ctx_tensor_args("mark_non_differentiable", args, false));
      })
      .def("set_materialize_grads", [](FunctionCtx& c, bool value) {
        c.materialize_grads = value;
        c.lock()->ctx.set_materialize_grads(value);
      }, arg("value"));

  ag.def("_function_apply", &function_apply, arg("cls"), arg("args"), arg("kwargs"),
         arg("setup_context") = false);

  def_method("register_hook", [](const Tensor& self, py::object fn) {
    if (!self.requires_grad())
      throw Error("cannot register a hook on a tensor that doesn't require gradient");
    auto slot = hold(fn);
    self.register_hook([slot](const Tensor& g) -> Tensor {
      py::gil_scoped_acquire gil;
      if (!*slot) return Tensor();
      py::object r = slot->handle()(to_py(g));
      if (r.is_none()) return Tensor();
      if (!is_tensor(r.ptr()))
        throw py::type_error("expected Variable, but hook returned '" + type_name(r) + "'");
      const Tensor& out = unpack(r.ptr());
      if (out.dtype() != g.dtype() || out.device() != g.device())
        throw Error("hook '" + callable_name(slot->handle()) +
                    "' has changed the type of value (was " + legacy_type_name(g) + " got " +
                    legacy_type_name(out) + ")");
      if (!out.sizes().equals(g.sizes()))
        throw Error("hook '" + callable_name(slot->handle()) + "' has changed the size of value");
      return out;
    });
    return make_handle(slot);
  }, arg("hook"));
  def_method("register_post_accumulate_grad_hook", [](const Tensor& self, py::object fn) {
    auto slot = hold(fn);
    self.register_post_accumulate_grad_hook([slot](const Tensor& t) {
      py::gil_scoped_acquire gil;
      if (!*slot) return;
      slot->handle()(to_py(t));
    });
    return make_handle(slot);
  }, arg("hook"));

  def_method("backward", [](const Tensor& self, py::object gradient, std::optional<bool> retain_graph,
                            bool create_graph, py::object inputs) {
    Tensor g = gradient.is_none() ? Tensor() : py::cast<Tensor>(gradient);
    variable_list in = tensors_arg(inputs);
    if (!inputs.is_none() && in.empty())
      throw Error("'inputs' argument to backward() cannot be empty.");
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

  ag.def("_gradcheck", [](py::object fn, py::object inputs, double eps, double atol, double rtol,
                          bool raise_exception) {
    autograd::GradcheckOptions o;
    o.eps = eps;
    o.atol = atol;
    o.rtol = rtol;
    o.raise_exception = raise_exception;
    return autograd::gradcheck(checked(fn), tensors_arg(inputs), o);
  });
  ag.def("_gradgradcheck", [](py::object fn, py::object inputs, py::object grad_outputs,
                              double eps, double atol, double rtol, bool raise_exception) {
    autograd::GradcheckOptions o;
    o.eps = eps;
    o.atol = atol;
    o.rtol = rtol;
    o.raise_exception = raise_exception;
    return autograd::gradgradcheck(checked(fn), tensors_arg(inputs), tensors_arg(grad_outputs), o);
  });

  def_method("requires_grad_", [](Tensor& t, bool rg) -> Tensor& { return t.requires_grad_(rg); },
             arg("requires_grad") = true);
  def_method("retain_grad", [](const Tensor& t) { t.retain_grad(); });

  m.def("is_grad_enabled", &autograd::GradMode::is_enabled);
  m.def("_set_grad_enabled", &autograd::GradMode::set_enabled, arg("mode"));
  m.def("is_inference_mode_enabled", &autograd::InferenceMode::is_enabled);
  // Anomaly mode is process-wide, as in PyTorch. The engine's NaN check is
  // AnomalyMode; wick records no forward traces, so check_nan=False leaves
  // it off and only is_anomaly_enabled() reports the mode.
  static std::atomic<bool> anomaly_mode{false}, anomaly_check_nan{true};
  m.def("is_anomaly_enabled", []() { return anomaly_mode.load(); });
  m.def("is_anomaly_check_nan_enabled", []() { return anomaly_check_nan.load(); });
  m.def("set_anomaly_enabled", [](bool enabled, bool check_nan) {
    anomaly_mode = enabled;
    anomaly_check_nan = check_nan;
    autograd::AnomalyMode::set_enabled(enabled && check_nan);
  }, arg("enabled"), arg("check_nan") = true);
}

}  // namespace wick::python
