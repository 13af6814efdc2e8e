// Factory functions with PyTorch's Python signatures, wick.Generator and the
// seeding functions.
#include <pybind11/pybind11.h>

#include "python/src/bind.h"
#include "python/src/factory_args.h"
#include "python/src/init.h"
#include "python/src/tensor_ctor.h"
#include "wick/autograd/grad_mode.h"
#include "wick/autograd/variable.h"
#include "wick/ops/creation.h"
#include "wick/ops/random.h"

namespace wick::python {

namespace {

using SizedFactory = Tensor (*)(IntArrayRef, const TensorOptions&);

// zeros(*size, *, out=None, dtype=None, layout=None, device=None, requires_grad=False)
void def_sized(py::module_& m, const char* name, SizedFactory f) {
  m.def(name, [f, name](py::args args, py::kwargs kw) {
    py::dict kwargs(kw);
    FactoryArgs fa = take_factory_kwargs(kwargs, name);
    DimVector sizes = take_size(args, 0, kwargs, name);
    reject_unknown_kwargs(kwargs, name);
    ScalarType dt = fa.dtype.value_or(fa.out.defined() ? fa.out.dtype() : get_default_dtype());
    Tensor r;
    WICK_CHECK(!fa.out.defined() || dt == fa.out.dtype(), "dtype ", dt,
               " does not match dtype of out parameter (", fa.out.dtype(), ")");
    if (fa.out.defined()) {
      // out=: resized in place and filled (empty leaves the contents as they are).
      py::gil_scoped_release g;
      r = fa.out;
      autograd::impl::check_inplace(r);  // PyTorch's leaf message before resize's
      r.resize_(sizes);
      if (f == &zeros) r.zero_();
      else if (f == &ones) r.fill_(1);
    } else {
      py::gil_scoped_release g;
      r = f(sizes, fa.options(dt));
    }
    if (fa.requires_grad) r.requires_grad_(true);
    return r;
  });
}

using LikeFactory = Tensor (*)(const Tensor&, const TensorOptions&);

// zeros_like(input, *, dtype=None, layout=None, device=None, requires_grad=False,
//            memory_format=torch.preserve_format)
void def_like(py::module_& m, const char* name, LikeFactory f) {
  m.def(name, [f, name](const Tensor& input, py::kwargs kw) {
    py::dict kwargs(kw);
    FactoryArgs fa = take_factory_kwargs(kwargs, name);
    reject_unknown_kwargs(kwargs, name);
    TensorOptions o(fa.dtype.value_or(input.dtype()));
    o = o.device(fa.device.value_or(input.device()));
    Tensor r;
    {
      py::gil_scoped_release g;
      NoGradGuard ng;
      r = f(input, o);
    }
    return finish_factory(r, fa);
  }, arg("input"));
}


}  // namespace

void init_creation(py::module_& m) {
  py::class_<Generator>(m, "Generator")
      .def(py::init([](py::object device) { return Generator(); }), arg("device") = "cpu")
      .def("manual_seed", [](Generator& g, int64_t s) -> Generator& {
        return g.manual_seed(static_cast<uint64_t>(s));
      }, arg("seed"), py::return_value_policy::reference_internal)
      .def("initial_seed", [](const Generator& g) { return g.initial_seed(); })
      .def("seed", [](Generator& g) { return g.seed(); })
      .def("get_state", [](const Generator& g) { return g.get_state(); })
      .def("set_state", [](Generator& g, const Tensor& s) -> Generator& { return g.set_state(s); },
           arg("new_state"), py::return_value_policy::reference_internal)
      .def_property_readonly("device", [](const Generator&) { return Device(kCPU); });
  m.def("default_generator", []() { return default_generator(); });
  m.def("manual_seed", [](py::object seed) {
    int64_t s = seed.cast<int64_t>();
    manual_seed(static_cast<uint64_t>(s));
    return default_generator();
  }, arg("seed"));
  m.def("seed", []() { return wick::seed(); });
  m.def("initial_seed", []() { return initial_seed(); });
  m.def("get_rng_state", []() { return get_rng_state(); });
  m.def("set_rng_state", [](const Tensor& s) { set_rng_state(s); }, arg("new_state"));

  // tensor(data, *, dtype=None, device=None, requires_grad=False, pin_memory=False)
  m.def("tensor", [](py::handle data, std::optional<ScalarType> dtype, std::optional<Device> device,
                     bool requires_grad, bool) {
    Tensor t = tensor_from_data(data.ptr(), dtype, device);
    if (requires_grad) t.requires_grad_(true);
    return t;
  }, arg("data"), py::kw_only(), arg("dtype") = py::none(), arg("device") = py::none(),
     arg("requires_grad") = false, arg("pin_memory") = false);
  // as_tensor(data, dtype=None, device=None): no copy when data already fits.
  m.def("as_tensor", [](py::handle data, std::optional<ScalarType> dtype,
                        std::optional<Device> device) {
    NoGradGuard ng;
    if (is_tensor(data.ptr())) {
      const Tensor& t = unpack(data.ptr());
      return t.to(device.value_or(t.device()), dtype.value_or(t.dtype()));
    }
    if (is_numpy_array(data.ptr())) {
      Tensor t = tensor_from_numpy(data.ptr());
      return t.to(device.value_or(t.device()), dtype.value_or(t.dtype()));
    }
    return tensor_from_data(data.ptr(), dtype, device);
  }, arg("data"), arg("dtype") = py::none(), arg("device") = py::none());
  m.def("_legacy_new", [](ScalarType dtype, py::args args, py::kwargs kwargs) {
    return legacy_tensor_new(dtype, args.ptr(), kwargs.ptr());
  });

  def_sized(m, "zeros", &zeros);
  def_sized(m, "ones", &ones);
  def_sized(m, "empty", &empty);
  // rand/randn (with generator=) are in random.cpp.
  def_like(m, "zeros_like", &zeros_like);
  def_like(m, "ones_like", &ones_like);
  def_like(m, "empty_like", &empty_like);
  def_like(m, "rand_like", &rand_like);
  def_like(m, "randn_like", &randn_like);

  // full(size, fill_value, *, out=None, dtype=None, ...): dtype follows the fill value.
  m.def("full", [](IntList size, const Scalar& fill, py::kwargs kw) {
    py::dict kwargs(kw);
    FactoryArgs fa = take_factory_kwargs(kwargs, "full");
    reject_unknown_kwargs(kwargs, "full");
    ScalarType dt = fa.dtype.value_or(fa.out.defined() ? fa.out.dtype()
                                      : fill.isFloatingPoint() ? get_default_dtype()
                                                               : fill.type());
    Tensor r = full(size, fill, fa.options(dt));
    return finish_factory(r, fa);
  }, arg("size"), arg("fill_value"));

  // arange(start=0, end, step=1, *, out=None, dtype=None, ...)
  m.def("arange", [](py::args args, py::kwargs kw) {
    py::dict kwargs(kw);
    FactoryArgs fa = take_factory_kwargs(kwargs, "arange");
    std::vector<Scalar> pos;
    for (auto a : args) pos.push_back(a.cast<Scalar>());
    for (const char* k : {"start", "end", "step"}) {
      if (kwargs.contains(k)) {
        Scalar v = py::object(kwargs[k]).cast<Scalar>();
        PyDict_DelItemString(kwargs.ptr(), k);
        if (std::string(k) == "start") pos.insert(pos.begin(), v);
        else if (std::string(k) == "end") pos.insert(pos.begin() + std::min<size_t>(pos.size(), 1), v);
        else {
          while (pos.size() < 2) pos.insert(pos.begin(), Scalar(int64_t(0)));
          pos.push_back(v);
        }
      }
    }
    reject_unknown_kwargs(kwargs, "arange");
    if (pos.empty() || pos.size() > 3) {
      throw py::type_error("arange() received an invalid combination of arguments");
    }
    if (pos.size() == 1) pos.insert(pos.begin(), Scalar(int64_t(0)));
    if (pos.size() == 2) pos.push_back(Scalar(int64_t(1)));
    bool all_int = true;
    for (auto& s : pos) all_int = all_int && !s.isFloatingPoint();
    ScalarType dt = fa.dtype.value_or(fa.out.defined() ? fa.out.dtype()
                                      : all_int ? kLong : get_default_dtype());
    Tensor r = arange(pos[0], pos[1], pos[2], fa.options(dt));
    return finish_factory(r, fa);
  });
  m.def("linspace", [](const Scalar& start, const Scalar& end, int64_t steps, py::kwargs kw) {
    py::dict kwargs(kw);
    FactoryArgs fa = take_factory_kwargs(kwargs, "linspace");
    reject_unknown_kwargs(kwargs, "linspace");
    Tensor r = linspace(start, end, steps,
                        fa.options(fa.dtype.value_or(fa.out.defined() ? fa.out.dtype()
                                                                      : get_default_dtype())));
    return finish_factory(r, fa);
  }, arg("start"), arg("end"), arg("steps"));
  m.def("eye", [](int64_t n, std::optional<int64_t> mm, py::kwargs kw) {
    py::dict kwargs(kw);
    FactoryArgs fa = take_factory_kwargs(kwargs, "eye");
    reject_unknown_kwargs(kwargs, "eye");
    TensorOptions o = fa.options(fa.dtype.value_or(fa.out.defined() ? fa.out.dtype()
                                                                    : get_default_dtype()));
    Tensor r = mm ? eye(n, *mm, o) : eye(n, o);
    return finish_factory(r, fa);
  }, arg("n"), arg("m") = py::none());
}

}  // namespace wick::python
