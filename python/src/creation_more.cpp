// More factories and tensor-state methods: range, logspace, empty_strided,
// full_like, scalar_tensor; Tensor.new_empty/new_zeros/new_ones/new_full/
// new_empty_strided/new_tensor; fill_, zero_, resize_, resize_as_, set_;
// clone/detach as functions; is_nonzero, is_same_size, result_type,
// promote_types, can_cast.
#include <pybind11/pybind11.h>

#include "python/src/bind.h"
#include "python/src/factory_args.h"
#include "python/src/init.h"
#include "python/src/tensor_ctor.h"
#include "wick/autograd/grad_mode.h"
#include "wick/ops/creation.h"
#include "wick/tensor/tensor_iterator.h"

namespace wick::python {

namespace {

// Positional start/end/step of arange-like factories from args and kwargs.
std::vector<Scalar> take_range_args(const py::args& args, py::dict& kwargs, const char* fn) {
  std::vector<Scalar> pos;
  for (auto a : args) {
    Scalar s;
    if (!parse_scalar(a.ptr(), s)) {
      throw py::type_error(std::string(fn) + "() received an invalid combination of arguments");
    }
    pos.push_back(s);
  }
  for (const char* k : {"start", "end", "step"}) {
    if (!kwargs.contains(k)) continue;
    Scalar v = py::object(kwargs[k]).cast<Scalar>();
    PyDict_DelItemString(kwargs.ptr(), k);
    const std::string key = k;
    if (key == "start") pos.insert(pos.begin(), v);
    else if (key == "end") pos.insert(pos.begin() + std::min<size_t>(pos.size(), 1), v);
    else {
      while (pos.size() < 2) pos.insert(pos.begin(), Scalar(int64_t(0)));
      pos.push_back(v);
    }
  }
  if (pos.empty() || pos.size() > 3) {
    throw py::type_error(std::string(fn) + "() received an invalid combination of arguments");
  }
  if (pos.size() == 1) pos.insert(pos.begin(), Scalar(int64_t(0)));
  if (pos.size() == 2) pos.push_back(Scalar(int64_t(1)));
  return pos;
}

TensorOptions like_options(const Tensor& self, const FactoryArgs& fa) {
  TensorOptions o(fa.dtype.value_or(self.dtype()));
  return o.device(fa.device.value_or(self.device()));
}

// new_zeros(*size, *, dtype=None, device=None, requires_grad=False, layout=..., pin_memory=False)
template <typename F>
void def_new_sized(const char* name, F make) {
  def_method(name, [name, make](const Tensor& self, py::args args, py::kwargs kw) {
    py::dict kwargs(kw);
    FactoryArgs fa = take_factory_kwargs(kwargs, name);
    DimVector sizes = take_size(args, 0, kwargs, name);
    reject_unknown_kwargs(kwargs, name);
    Tensor r;
    {
      py::gil_scoped_release g;
      r = make(self, sizes, like_options(self, fa));
    }
    if (fa.requires_grad) r.requires_grad_(true);
    return r;
  });
}

Tensor as_wrapped(py::handle o) {
  if (is_tensor(o.ptr())) return unpack(o.ptr());
  Scalar s;
  if (!parse_scalar(o.ptr(), s)) {
    throw py::type_error(std::string("result_type(): argument must be Tensor or Number, not ") +
                         Py_TYPE(o.ptr())->tp_name);
  }
  return wrapped_scalar_tensor(s);
}

}  // namespace

void init_creation_more(py::module_& m) {
  // range(start=0, end, step=1, *, out=None, dtype=None, ...): end inclusive, deprecated.
  m.def("range", [](py::args args, py::kwargs kw) {
    py::dict kwargs(kw);
    FactoryArgs fa = take_factory_kwargs(kwargs, "range");
    if (args.size() + kwargs.contains("start") + kwargs.contains("end") +
            kwargs.contains("step") < 2) {
      throw py::type_error("range() missing 1 required positional arguments: \"end\"");
    }
    std::vector<Scalar> p = take_range_args(args, kwargs, "range");
    reject_unknown_kwargs(kwargs, "range");
    if (PyErr_WarnEx(PyExc_UserWarning,
                     "wick.range is deprecated and will be removed in a future release because "
                     "its behavior is inconsistent with Python's range builtin. Instead, use "
                     "wick.arange, which produces values in [start, end).", 1) < 0) {
      throw py::error_already_set();
    }
    py::gil_scoped_release g;
    if (fa.out.defined()) {
      Tensor o = fa.out;
      return Tensor(range_out(o, p[0], p[1], p[2]));
    }
    Tensor r = range(p[0], p[1], p[2], fa.options(get_default_dtype()));
    if (fa.requires_grad) r.requires_grad_(true);
    return r;
  });
  // logspace(start, end, steps, base=10.0, *, out=None, dtype=None, ...)
  m.def("logspace", [](const Scalar& start, const Scalar& end, int64_t steps, double base,
                       py::kwargs kw) {
    py::dict kwargs(kw);
    FactoryArgs fa = take_factory_kwargs(kwargs, "logspace");
    reject_unknown_kwargs(kwargs, "logspace");
    py::gil_scoped_release g;
    if (fa.out.defined()) {
      Tensor o = fa.out;
      return Tensor(logspace_out(o, start, end, steps, base));
    }
    Tensor r = logspace(start, end, steps, base, fa.options(get_default_dtype()));
    if (fa.requires_grad) r.requires_grad_(true);
    return r;
  }, arg("start"), arg("end"), arg("steps"), arg("base") = 10.0);
  // empty_strided(size, stride, *, dtype=None, layout=None, device=None, requires_grad=False)
  m.def("empty_strided", [](IntList size, IntList stride, py::kwargs kw) {
    py::dict kwargs(kw);
    FactoryArgs fa = take_factory_kwargs(kwargs, "empty_strided");
    reject_unknown_kwargs(kwargs, "empty_strided");
    Tensor r;
    {
      py::gil_scoped_release g;
      r = empty_strided(size, stride, fa.options(get_default_dtype()));
    }
    if (fa.requires_grad) r.requires_grad_(true);
    return r;
  }, arg("size"), arg("stride"));
  // full_like(input, fill_value, *, dtype=None, ..., memory_format=preserve_format)
  m.def("full_like", [](const Tensor& input, const Scalar& fill, py::kwargs kw) {
    py::dict kwargs(kw);
    FactoryArgs fa = take_factory_kwargs(kwargs, "full_like");
    reject_unknown_kwargs(kwargs, "full_like");
    Tensor r;
    {
      py::gil_scoped_release g;
      NoGradGuard ng;
      r = full_like(input, fill, like_options(input, fa));
    }
    if (fa.requires_grad) r.requires_grad_(true);
    return r;
  }, arg("input"), arg("fill_value"));
  // scalar_tensor(s, *, dtype=None (the default float dtype), ...)
  m.def("scalar_tensor", [](const Scalar& s, py::kwargs kw) {
    py::dict kwargs(kw);
    FactoryArgs fa = take_factory_kwargs(kwargs, "scalar_tensor");
    reject_unknown_kwargs(kwargs, "scalar_tensor");
    Tensor r = scalar_tensor(s, fa.options(get_default_dtype()));
    if (fa.requires_grad) r.requires_grad_(true);
    return r;
  }, arg("s"));

  // ---- Tensor.new_* -----------------------------------------------------------------
  def_new_sized("new_empty", [](const Tensor& t, IntArrayRef s, const TensorOptions& o) {
    return t.new_empty(s, o);
  });
  def_new_sized("new_zeros", [](const Tensor& t, IntArrayRef s, const TensorOptions& o) {
    return t.new_zeros(s, o);
  });
  def_new_sized("new_ones", [](const Tensor& t, IntArrayRef s, const TensorOptions& o) {
    return t.new_ones(s, o);
  });
  def_method("new_full", [](const Tensor& self, IntList size, const Scalar& fill, py::kwargs kw) {
    py::dict kwargs(kw);
    FactoryArgs fa = take_factory_kwargs(kwargs, "new_full");
    reject_unknown_kwargs(kwargs, "new_full");
    Tensor r;
    {
      py::gil_scoped_release g;
      r = self.new_full(size, fill, like_options(self, fa));
    }
    if (fa.requires_grad) r.requires_grad_(true);
    return r;
  }, arg("size"), arg("fill_value"));
  def_method("new_empty_strided", [](const Tensor& self, IntList size, IntList stride,
                                     py::kwargs kw) {
    py::dict kwargs(kw);
    FactoryArgs fa = take_factory_kwargs(kwargs, "new_empty_strided");
    reject_unknown_kwargs(kwargs, "new_empty_strided");
    Tensor r;
    {
      py::gil_scoped_release g;
      r = self.new_empty_strided(size, stride, like_options(self, fa));
    }
    if (fa.requires_grad) r.requires_grad_(true);
    return r;
  }, arg("size"), arg("stride"));
  // new_tensor(data, *, dtype=None, device=None, requires_grad=False): a copy, never
  // sharing memory, with self's dtype and device unless given.
  def_method("new_tensor", [](const Tensor& self, py::handle data, py::kwargs kw) {
    py::dict kwargs(kw);
    FactoryArgs fa = take_factory_kwargs(kwargs, "new_tensor");
    reject_unknown_kwargs(kwargs, "new_tensor");
    const ScalarType dt = fa.dtype.value_or(self.dtype());
    const Device dev = fa.device.value_or(self.device());
    Tensor r;
    if (is_tensor(data.ptr())) {
      NoGradGuard ng;
      r = unpack(data.ptr()).detach().to(dev, dt).clone();
    } else {
      r = tensor_from_data(data.ptr(), dt, dev);
    }
    if (fa.requires_grad) r.requires_grad_(true);
    return r;
  }, arg("data"));

  // ---- in-place state ---------------------------------------------------------------
  def_method("fill_", [](Tensor& t, const TensorOrScalar& v) -> Tensor& {
    return v.is_tensor() ? t.fill_(v.tensor) : t.fill_(v.scalar);
  }, arg("value"), nogil());
  m.def("fill_", [](Tensor& t, const TensorOrScalar& v) -> Tensor& {
    return v.is_tensor() ? t.fill_(v.tensor) : t.fill_(v.scalar);
  }, arg("input"), arg("value"), nogil());
  def_method("zero_", [](Tensor& t) -> Tensor& { return t.zero_(); }, nogil());
  m.def("zero_", [](Tensor& t) -> Tensor& { return t.zero_(); }, arg("input"), nogil());
  // resize_(*sizes, memory_format=None)
  def_method("resize_", [](Tensor& t, py::args args, py::kwargs kw) -> Tensor& {
    py::dict kwargs(kw);
    if (kwargs.contains("memory_format")) PyDict_DelItemString(kwargs.ptr(), "memory_format");
    DimVector sizes = take_size(args, 0, kwargs, "resize_");
    reject_unknown_kwargs(kwargs, "resize_");
    py::gil_scoped_release g;
    return t.resize_(sizes);
  });
  def_method("resize_as_", [](Tensor& t, const Tensor& other, py::object) -> Tensor& {
    return t.resize_as_(other);
  }, arg("the_template"), arg("memory_format") = py::none());
  // set_(source) shares source's storage; set_() makes self empty.
  def_method("set_", [](Tensor& t, const Tensor& source) -> Tensor& { return t.set_(source); },
             arg("source"), nogil());
  def_method("set_", [](Tensor& t) -> Tensor& {
    return t.set_(empty({0}, t.options()));
  }, nogil());

  // ---- function forms of methods ---------------------------------------------------
  m.def("clone", [](const Tensor& t, py::object) { return t.clone(); }, arg("input"),
        py::kw_only(), arg("memory_format") = py::none(), nogil());
  m.def("detach", [](const Tensor& t) { return t.detach(); }, arg("input"));
  m.def("detach_", [](Tensor& t) -> Tensor& { return t.detach_(); }, arg("input"));

  // ---- predicates and type promotion -----------------------------------------------
  def_both(m, "is_nonzero", [](const Tensor& t) {
    WICK_CHECK(t.numel() != 0, "Boolean value of Tensor with no values is ambiguous");
    WICK_CHECK(t.numel() == 1, "Boolean value of Tensor with more than one value is ambiguous");
    return t.item().to<bool>();
  });
  def_both(m, "is_same_size", [](const Tensor& a, const Tensor& b) {
    return a.sizes() == b.sizes();
  }, arg("other"));
  m.def("result_type", [](py::handle a, py::handle b) {
    Tensor ta = as_wrapped(a), tb = as_wrapped(b);
    return result_type({ta, tb});
  }, arg("tensor"), arg("other"));
  m.def("promote_types", [](ScalarType a, ScalarType b) { return promote_types(a, b); },
        arg("type1"), arg("type2"));
  m.def("can_cast", [](ScalarType from, ScalarType to) { return can_cast(from, to); },
        arg("from"), arg("to"));
}

}  // namespace wick::python
