// Random sampling with PyTorch's Python signatures: rand/randn/randint/randperm
// (generator= honoured), normal's four overloads, bernoulli, multinomial,
// randint_like, and the in-place Tensor methods uniform_, normal_, random_,
// bernoulli_, exponential_. Streams match PyTorch's CPU generator (see
// wick/ops/random.h).
#include <pybind11/pybind11.h>

#include "python/src/bind.h"
#include "python/src/factory_args.h"
#include "python/src/init.h"
#include "wick/autograd/grad_mode.h"
#include "wick/ops/random.h"

namespace wick::python {

namespace {

using OptGen = std::optional<Generator>;
using OptT = std::optional<Tensor>;

// rand/randn(*size, *, generator=None, out=None, dtype=None, layout=None, device=None,
//            requires_grad=False, pin_memory=False)
template <bool Normal>
void def_sized_random(py::module_& m, const char* name) {
  m.def(name, [name](py::args args, py::kwargs kw) {
    py::dict kwargs(kw);
    FactoryArgs fa = take_factory_kwargs(kwargs, name);
    DimVector sizes = take_size(args, 0, kwargs, name);
    reject_unknown_kwargs(kwargs, name);
    Tensor r;
    {
      py::gil_scoped_release g;
      if (fa.out.defined()) {
        Tensor o = fa.out;
        r = Normal ? randn_out(o, sizes, fa.generator) : rand_out(o, sizes, fa.generator);
      } else {
        TensorOptions opt = fa.options(get_default_dtype());
        r = Normal ? randn(sizes, fa.generator, opt) : rand(sizes, fa.generator, opt);
      }
    }
    if (fa.requires_grad) r.requires_grad_(true);
    return r;
  });
}

[[noreturn]] void bad_args(const char* fn, const std::string& expected) {
  throw py::type_error(std::string(fn) + "() received an invalid combination of arguments - "
                       "expected one of:\n" + expected);
}

int64_t take_int(py::handle o, const char* fn, const char* what) {
  if (!PyLong_Check(o.ptr()) && !PyIndex_Check(o.ptr())) {
    throw py::type_error(std::string(fn) + "(): argument '" + what + "' must be int, not " +
                         Py_TYPE(o.ptr())->tp_name);
  }
  return o.cast<int64_t>();
}

// Pops `key` from kwargs (None when absent).
py::object pop(py::dict& kwargs, const char* key) {
  if (!kwargs.contains(key)) return py::none();
  py::object v = kwargs[key];
  PyDict_DelItemString(kwargs.ptr(), key);
  return v;
}

const char* kRandintSigs =
    " * (int high, tuple of ints size, *, wick.Generator generator, Tensor out, wick.dtype dtype, "
    "wick.layout layout, wick.device device, bool pin_memory, bool requires_grad)\n"
    " * (int low, int high, tuple of ints size, *, wick.Generator generator, Tensor out, "
    "wick.dtype dtype, wick.layout layout, wick.device device, bool pin_memory, bool "
    "requires_grad)\n";

const char* kNormalSigs =
    " * (Tensor mean, Tensor std, *, wick.Generator generator, Tensor out)\n"
    " * (Tensor mean, float std, *, wick.Generator generator, Tensor out)\n"
    " * (float mean, Tensor std, *, wick.Generator generator, Tensor out)\n"
    " * (float mean, float std, tuple of ints size, *, wick.Generator generator, Tensor out, "
    "wick.dtype dtype, wick.layout layout, wick.device device, bool pin_memory, bool "
    "requires_grad)\n";

}  // namespace

void init_random(py::module_& m) {
  def_sized_random<false>(m, "rand");
  def_sized_random<true>(m, "randn");

  // randint(low=0, high, size, *, generator=None, out=None, dtype=None, ...)
  m.def("randint", [](py::args args, py::kwargs kw) {
    py::dict kwargs(kw);
    FactoryArgs fa = take_factory_kwargs(kwargs, "randint");
    std::vector<py::object> pos;
    for (auto a : args) pos.push_back(py::reinterpret_borrow<py::object>(a));
    py::object low = pop(kwargs, "low"), high = pop(kwargs, "high"), size = pop(kwargs, "size");
    reject_unknown_kwargs(kwargs, "randint");
    // Fill the positional slots from the front: (high, size) or (low, high, size).
    if (pos.size() > 3) bad_args("randint", kRandintSigs);
    if (size.is_none()) {
      if (pos.empty()) bad_args("randint", kRandintSigs);
      size = pos.back();
      pos.pop_back();
    }
    if (high.is_none()) {
      if (pos.empty()) bad_args("randint", kRandintSigs);
      high = pos.back();
      pos.pop_back();
    }
    if (low.is_none() && !pos.empty()) {
      low = pos.back();
      pos.pop_back();
    }
    if (!pos.empty()) bad_args("randint", kRandintSigs);
    DimVector sizes;
    if (PyLong_Check(size.ptr()) || !parse_int_list(size.ptr(), sizes)) {
      throw py::type_error(std::string("randint(): argument 'size' must be tuple of ints, not ") +
                           Py_TYPE(size.ptr())->tp_name);
    }
    const int64_t lo = low.is_none() ? 0 : take_int(low, "randint", "low");
    const int64_t hi = take_int(high, "randint", "high");
    Tensor r;
    {
      py::gil_scoped_release g;
      if (fa.out.defined()) {
        Tensor o = fa.out;
        r = randint_out(o, lo, hi, sizes, fa.generator);
      } else {
        r = randint(lo, hi, sizes, fa.generator, fa.options(kLong));
      }
    }
    if (fa.requires_grad) r.requires_grad_(true);
    return r;
  });

  // randperm(n, *, generator=None, out=None, dtype=torch.int64, ...)
  m.def("randperm", [](int64_t n, py::kwargs kw) {
    py::dict kwargs(kw);
    FactoryArgs fa = take_factory_kwargs(kwargs, "randperm");
    reject_unknown_kwargs(kwargs, "randperm");
    Tensor r;
    {
      py::gil_scoped_release g;
      if (fa.out.defined()) {
        Tensor o = fa.out;
        r = randperm_out(o, n, fa.generator);
      } else {
        r = randperm(n, fa.generator, fa.options(kLong));
      }
    }
    if (fa.requires_grad) r.requires_grad_(true);
    return r;
  }, arg("n"));

  // normal: (Tensor, Tensor), (Tensor, float=1), (float, Tensor), (float, float, size).
  m.def("normal", [](py::args args, py::kwargs kw) {
    py::dict kwargs(kw);
    FactoryArgs fa = take_factory_kwargs(kwargs, "normal");
    std::vector<py::object> pos;
    for (auto a : args) pos.push_back(py::reinterpret_borrow<py::object>(a));
    const char* names[] = {"mean", "std", "size"};
    for (size_t i = pos.size(); i < 3; ++i) {
      py::object v = pop(kwargs, names[i]);
      if (v.is_none()) break;
      pos.push_back(v);
    }
    reject_unknown_kwargs(kwargs, "normal");
    if (pos.empty() || pos.size() > 3) bad_args("normal", kNormalSigs);
    const bool mean_t = is_tensor(pos[0].ptr());
    const bool std_t = pos.size() > 1 && is_tensor(pos[1].ptr());
    Scalar ms, ss(1.0);
    if (!mean_t && !parse_scalar(pos[0].ptr(), ms)) bad_args("normal", kNormalSigs);
    if (pos.size() > 1 && !std_t && !parse_scalar(pos[1].ptr(), ss)) bad_args("normal", kNormalSigs);
    Tensor r;
    if (mean_t || std_t) {
      if (pos.size() > 2 || (!mean_t && pos.size() < 2)) bad_args("normal", kNormalSigs);
      if (fa.dtype || fa.device || fa.requires_grad) bad_args("normal", kNormalSigs);
      Tensor mean = mean_t ? unpack(pos[0].ptr()) : Tensor();
      Tensor std = std_t ? unpack(pos[1].ptr()) : Tensor();
      py::gil_scoped_release g;
      if (mean_t && std_t) {
        if (fa.out.defined()) {
          Tensor o = fa.out;
          return Tensor(normal_out(o, mean, std, fa.generator));
        }
        r = normal(mean, std, fa.generator);
      } else if (mean_t) {
        r = normal(mean, ss.to<double>(), fa.generator);
      } else {
        r = normal(ms.to<double>(), std, fa.generator);
      }
      if (fa.out.defined()) r = write_out(fa.out, r);
      return r;
    }
    if (pos.size() != 3) bad_args("normal", kNormalSigs);
    DimVector sizes;
    if (PyLong_Check(pos[2].ptr()) || !parse_int_list(pos[2].ptr(), sizes)) {
      bad_args("normal", kNormalSigs);
    }
    {
      py::gil_scoped_release g;
      if (fa.out.defined()) {
        Tensor o = fa.out;
        o.resize_(sizes);
        r = normal_(o, ms.to<double>(), ss.to<double>(), fa.generator);
      } else {
        r = normal(ms.to<double>(), ss.to<double>(), sizes, fa.generator,
                   fa.options(get_default_dtype()));
      }
    }
    if (fa.requires_grad) r.requires_grad_(true);
    return r;
  });

  // bernoulli(input, *, generator=None, out=None); bernoulli(input, p, *, generator=None)
  m.def("bernoulli", [](const Tensor& p, OptGen gen, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(bernoulli_out(o, p, gen));
    }
    return bernoulli(p, gen);
  }, arg("input"), py::kw_only(), arg("generator") = py::none(), arg("out") = py::none(), nogil());
  m.def("bernoulli", [](const Tensor& self, double p, OptGen gen) {
    return bernoulli(self, p, gen);
  }, arg("input"), arg("p"), py::kw_only(), arg("generator") = py::none(), nogil());
  def_method("bernoulli", [](const Tensor& p, OptGen gen) { return bernoulli(p, gen); },
             py::kw_only(), arg("generator") = py::none(), nogil());
  def_method("bernoulli", [](const Tensor& self, double p, OptGen gen) {
    return bernoulli(self, p, gen);
  }, arg("p"), py::kw_only(), arg("generator") = py::none(), nogil());

  // multinomial(input, num_samples, replacement=False, *, generator=None, out=None)
  m.def("multinomial", [](const Tensor& probs, int64_t n, bool repl, OptGen gen, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(multinomial_out(o, probs, n, repl, gen));
    }
    return multinomial(probs, n, repl, gen);
  }, arg("input"), arg("num_samples"), arg("replacement") = false, py::kw_only(),
     arg("generator") = py::none(), arg("out") = py::none(), nogil());
  def_method("multinomial", [](const Tensor& probs, int64_t n, bool repl, OptGen gen) {
    return multinomial(probs, n, repl, gen);
  }, arg("num_samples"), arg("replacement") = false, py::kw_only(), arg("generator") = py::none(),
     nogil());

  // randint_like(input, low=0, high, *, dtype=None, layout=None, device=None,
  //              requires_grad=False, memory_format=torch.preserve_format)
  m.def("randint_like", [](const Tensor& input, py::args args, py::kwargs kw) {
    py::dict kwargs(kw);
    FactoryArgs fa = take_factory_kwargs(kwargs, "randint_like");
    std::vector<py::object> pos;
    for (auto a : args) pos.push_back(py::reinterpret_borrow<py::object>(a));
    py::object low = pop(kwargs, "low"), high = pop(kwargs, "high");
    reject_unknown_kwargs(kwargs, "randint_like");
    if (high.is_none()) {
      if (pos.empty()) throw py::type_error("randint_like() missing required argument 'high'");
      high = pos.back();
      pos.pop_back();
    }
    if (low.is_none() && !pos.empty()) {
      low = pos.back();
      pos.pop_back();
    }
    if (!pos.empty()) throw py::type_error("randint_like() takes at most 3 positional arguments");
    const int64_t lo = low.is_none() ? 0 : take_int(low, "randint_like", "low");
    const int64_t hi = take_int(high, "randint_like", "high");
    TensorOptions o(fa.dtype.value_or(input.dtype()));
    o = o.device(fa.device.value_or(input.device()));
    Tensor r;
    {
      py::gil_scoped_release g;
      NoGradGuard ng;
      r = randint_like(input, lo, hi, o);
    }
    if (fa.requires_grad) r.requires_grad_(true);
    return r;
  }, arg("input"));

  // ---- in-place fills -------------------------------------------------------------
  def_method("uniform_", [](Tensor& t, double from, double to, OptGen gen) -> Tensor& {
    return uniform_(t, from, to, gen);
  }, arg("from") = 0, arg("to") = 1, py::kw_only(), arg("generator") = py::none(), nogil());
  def_method("normal_", [](Tensor& t, double mean, double std, OptGen gen) -> Tensor& {
    return normal_(t, mean, std, gen);
  }, arg("mean") = 0, arg("std") = 1, py::kw_only(), arg("generator") = py::none(), nogil());
  // random_(*, generator), random_(to, *, generator), random_(from, to, *, generator)
  def_method("random_", [](Tensor& t, OptGen gen) -> Tensor& { return random_(t, gen); },
             py::kw_only(), arg("generator") = py::none(), nogil());
  def_method("random_", [](Tensor& t, int64_t to, OptGen gen) -> Tensor& {
    return random_(t, 0, to, gen);
  }, arg("to"), py::kw_only(), arg("generator") = py::none(), nogil());
  def_method("random_", [](Tensor& t, int64_t from, std::optional<int64_t> to,
                           OptGen gen) -> Tensor& { return random_(t, from, to, gen); },
             arg("from"), arg("to") = py::none(), py::kw_only(), arg("generator") = py::none(),
             nogil());
  def_method("bernoulli_", [](Tensor& t, const Tensor& p, OptGen gen) -> Tensor& {
    return bernoulli_(t, p, gen);
  }, arg("p"), py::kw_only(), arg("generator") = py::none(), nogil());
  def_method("bernoulli_", [](Tensor& t, double p, OptGen gen) -> Tensor& {
    return bernoulli_(t, p, gen);
  }, arg("p") = 0.5, py::kw_only(), arg("generator") = py::none(), nogil());
  def_method("exponential_", [](Tensor& t, double lambd, OptGen gen) -> Tensor& {
    return exponential_(t, lambd, gen);
  }, arg("lambd") = 1, py::kw_only(), arg("generator") = py::none(), nogil());
}

}  // namespace wick::python
