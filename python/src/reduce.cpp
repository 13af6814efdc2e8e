// Reductions and scans: sum, mean, prod, max/min (three forms), amax/amin, aminmax,
// argmax/argmin, all/any, std/var (unbiased= and correction= forms), std_mean/var_mean,
// norm, dist, logsumexp, count_nonzero, cumsum/cumprod, cummax/cummin, logcumsumexp,
// median/nanmedian/mode. Ops returning (values, indices) return wick.return_types.<op>.
#include <pybind11/pybind11.h>

#include <algorithm>
#include <functional>

#include "python/src/bind.h"
#include "python/src/init.h"
#include "wick/ops/reduce.h"
#include "wick/ops/sort.h"

namespace wick::python {

namespace {
using OptT = std::optional<Tensor>;
using OptDims = std::optional<IntList>;
using OptDtype = std::optional<ScalarType>;
using OptInt = std::optional<int64_t>;
using OptPair = std::optional<std::tuple<Tensor, Tensor>>;

IntArrayRef dims_or_all(const OptDims& d) { return d ? IntArrayRef(d->values) : IntArrayRef(); }

// A full reduction with keepdim=True keeps every dim, as size 1.
Tensor keep_all(const Tensor& r, const Tensor& a, bool keepdim) {
  return keepdim ? r.reshape(DimVector(static_cast<size_t>(a.dim()), 1)) : r;
}

py::object pair(const char* name, const std::tuple<Tensor, Tensor>& r) {
  return return_type(name, std::get<0>(r), std::get<1>(r));
}

// sum/mean(input, dim=None, keepdim=False, *, dtype=None, out=None)
#define WICK_PY_DIM_REDUCE(name)                                                               \
  m.def(#name, [](const Tensor& a, const OptDims& dim, bool keepdim, OptDtype dtype, OptT out) { \
    if (out) {                                                                                 \
      Tensor o = *out;                                                                         \
      return Tensor(name##_out(o, a, dims_or_all(dim), keepdim, dtype));                       \
    }                                                                                          \
    return dim || keepdim ? name(a, dims_or_all(dim), keepdim, dtype) : name(a, dtype);        \
  }, arg("input"), arg("dim") = py::none(), arg("keepdim") = false, py::kw_only(),             \
        arg("dtype") = py::none(), arg("out") = py::none(), nogil());                          \
  def_method(#name, [](const Tensor& a, const OptDims& dim, bool keepdim, OptDtype dtype) {    \
    return dim || keepdim ? name(a, dims_or_all(dim), keepdim, dtype) : name(a, dtype);        \
  }, arg("dim") = py::none(), arg("keepdim") = false, py::kw_only(), arg("dtype") = py::none(), \
             nogil());
// nansum/nanmean: the C++ form takes an empty dim list for "all".
#define WICK_PY_NAN_REDUCE(name)                                                               \
  m.def(#name, [](const Tensor& a, const OptDims& dim, bool keepdim, OptDtype dtype, OptT out) { \
    if (out) {                                                                                 \
      Tensor o = *out;                                                                         \
      return Tensor(name##_out(o, a, dims_or_all(dim), keepdim, dtype));                       \
    }                                                                                          \
    return name(a, dims_or_all(dim), keepdim, dtype);                                          \
  }, arg("input"), arg("dim") = py::none(), arg("keepdim") = false, py::kw_only(),             \
        arg("dtype") = py::none(), arg("out") = py::none(), nogil());                          \
  def_method(#name, [](const Tensor& a, const OptDims& dim, bool keepdim, OptDtype dtype) {    \
    return name(a, dims_or_all(dim), keepdim, dtype);                                          \
  }, arg("dim") = py::none(), arg("keepdim") = false, py::kw_only(), arg("dtype") = py::none(), \
             nogil());

using One = Tensor (*)(const Tensor&, int64_t, bool);
using All = Tensor (*)(const Tensor&);
constexpr One all_one = static_cast<One>(wick::all), any_one = static_cast<One>(wick::any);
constexpr All all_all = static_cast<All>(wick::all), any_all = static_cast<All>(wick::any);

// all/any over no dim (all of them), one dim or several (reduced one at a time, last first).
Tensor all_any(const Tensor& a, const OptDims& dim, bool keepdim,
               Tensor (*one)(const Tensor&, int64_t, bool), Tensor (*all)(const Tensor&)) {
  if (!dim || dim->values.empty()) return keep_all(all(a), a, keepdim);
  if (dim->values.size() == 1) return one(a, dim->values[0], keepdim);
  DimVector ds;
  for (int64_t d : dim->values) ds.push_back(maybe_wrap_dim(d, a.dim()));
  std::sort(ds.begin(), ds.end(), std::greater<>());
  auto dup = std::adjacent_find(ds.begin(), ds.end());
  WICK_CHECK(dup == ds.end(), "dim ", dup == ds.end() ? 0 : *dup,
             " appears multiple times in the list of dims");
  Tensor r = a;
  for (int64_t d : ds) r = one(r, d, keepdim);
  return r;
}

// std/var take either the 2.x form (dim=None, *, correction=1, keepdim=False) or the
// legacy unbiased form: std(input, unbiased) and std(input, dim, unbiased, keepdim).
struct VarArgs {
  OptionalIntArrayRef dim;
  std::optional<double> correction;
  DimVector dims;
};
VarArgs var_args(const char* name, const py::object& dim, std::optional<bool> unbiased,
                 std::optional<double> correction) {
  VarArgs r;
  if (PyBool_Check(dim.ptr())) {  // std(input, unbiased)
    if (unbiased) {
      throw py::type_error(std::string(name) + "() received an invalid combination of arguments");
    }
    unbiased = dim.ptr() == Py_True;
  } else if (!dim.is_none()) {
    if (!parse_int_list(dim.ptr(), r.dims)) {
      throw py::type_error(std::string(name) + "(): argument 'dim' must be tuple of ints, not " +
                           Py_TYPE(dim.ptr())->tp_name);
    }
    r.dim = IntArrayRef(r.dims);
  }
  if (unbiased && correction) {
    throw py::type_error(std::string(name) +
                         "(): cannot specify both 'unbiased' and 'correction'");
  }
  r.correction = unbiased ? (*unbiased ? 1.0 : 0.0) : correction.value_or(1.0);
  return r;
}

// norm's p: 'fro' (2-norm of the flattened dims), a number, or None.
std::optional<Scalar> norm_p(const py::object& p) {
  if (p.is_none()) return std::nullopt;
  if (py::isinstance<py::str>(p)) {
    std::string s = p.cast<std::string>();
    if (s == "fro") return Scalar(2.0);
    throw py::value_error("norm(): p='" + s + "' is not supported by wick");
  }
  Scalar s;
  if (!parse_scalar(p.ptr(), s)) throw py::type_error("norm(): p must be a number or 'fro'");
  return s;
}
}  // namespace

void init_reduce(py::module_& m) {
  WICK_PY_DIM_REDUCE(sum)
  WICK_PY_DIM_REDUCE(mean)
  WICK_PY_NAN_REDUCE(nansum)
  WICK_PY_NAN_REDUCE(nanmean)
#undef WICK_PY_DIM_REDUCE
#undef WICK_PY_NAN_REDUCE

  // prod(input, dim=None, keepdim=False, *, dtype=None, out=None): one int dim.
  m.def("prod", [](const Tensor& a, OptInt dim, bool keepdim, OptDtype dtype, OptT out) {
    if (out) {
      Tensor o = *out;
      if (dim) return Tensor(prod_out(o, a, *dim, keepdim, dtype));
      return write_out(o, keep_all(prod(a, dtype), a, keepdim));
    }
    return dim ? prod(a, *dim, keepdim, dtype) : keep_all(prod(a, dtype), a, keepdim);
  }, arg("input"), arg("dim") = py::none(), arg("keepdim") = false, py::kw_only(),
        arg("dtype") = py::none(), arg("out") = py::none(), nogil());
  def_method("prod", [](const Tensor& a, OptInt dim, bool keepdim, OptDtype dtype) {
    return dim ? prod(a, *dim, keepdim, dtype) : keep_all(prod(a, dtype), a, keepdim);
  }, arg("dim") = py::none(), arg("keepdim") = false, py::kw_only(), arg("dtype") = py::none(),
             nogil());

  // max/min: (input), (input, other, *, out), (input, dim, keepdim=False, *, out=(values, indices)).
#define WICK_PY_MAXMIN(name)                                                                  \
  m.def(#name, [](const Tensor& a) { return name(a); }, arg("input"), nogil());               \
  m.def(#name, [](const Tensor& a, const Tensor& b, OptT out) {                               \
    if (out) {                                                                                \
      Tensor o = *out;                                                                        \
      return Tensor(name##_out(o, a, b));                                                     \
    }                                                                                         \
    return name(a, b);                                                                        \
  }, arg("input"), arg("other"), py::kw_only(), arg("out") = py::none(), nogil());            \
  m.def(#name, [](const Tensor& a, int64_t dim, bool keepdim, OptPair out) {                  \
    std::tuple<Tensor, Tensor> r;                                                             \
    {                                                                                         \
      py::gil_scoped_release g;                                                               \
      if (out) {                                                                              \
        Tensor v = std::get<0>(*out), i = std::get<1>(*out);                                  \
        name##_out(v, i, a, dim, keepdim);                                                    \
        r = {v, i};                                                                           \
      } else {                                                                                \
        r = name(a, dim, keepdim);                                                            \
      }                                                                                       \
    }                                                                                         \
    return pair(out ? #name "_out" : #name, r);                                               \
  }, arg("input"), arg("dim"), arg("keepdim") = false, py::kw_only(), arg("out") = py::none()); \
  def_method(#name, [](const Tensor& a) { return name(a); }, nogil());                        \
  def_method(#name, [](const Tensor& a, const Tensor& b) { return name(a, b); }, arg("other"), \
             nogil());                                                                        \
  def_method(#name, [](const Tensor& a, int64_t dim, bool keepdim) {                          \
    std::tuple<Tensor, Tensor> r;                                                             \
    {                                                                                         \
      py::gil_scoped_release g;                                                               \
      r = name(a, dim, keepdim);                                                              \
    }                                                                                         \
    return pair(#name, r);                                                                    \
  }, arg("dim"), arg("keepdim") = false);
  WICK_PY_MAXMIN(max)
  WICK_PY_MAXMIN(min)
#undef WICK_PY_MAXMIN

  // amax/amin(input, dim=(), keepdim=False, *, out=None)
#define WICK_PY_AMAXMIN(name)                                                                 \
  m.def(#name, [](const Tensor& a, const OptDims& dim, bool keepdim, OptT out) {              \
    if (out) {                                                                                \
      Tensor o = *out;                                                                        \
      return Tensor(name##_out(o, a, dims_or_all(dim), keepdim));                             \
    }                                                                                         \
    return name(a, dims_or_all(dim), keepdim);                                                \
  }, arg("input"), arg("dim") = py::tuple(), arg("keepdim") = false, py::kw_only(),           \
        arg("out") = py::none(), nogil());                                                    \
  def_method(#name, [](const Tensor& a, const OptDims& dim, bool keepdim) {                   \
    return name(a, dims_or_all(dim), keepdim);                                                \
  }, arg("dim") = py::tuple(), arg("keepdim") = false, nogil());
  WICK_PY_AMAXMIN(amax)
  WICK_PY_AMAXMIN(amin)
#undef WICK_PY_AMAXMIN

  // aminmax(input, *, dim=None, keepdim=False, out=None) -> return_types.aminmax(min, max)
  m.def("aminmax", [](const Tensor& a, OptInt dim, bool keepdim, OptPair out) {
    std::tuple<Tensor, Tensor> r;
    {
      py::gil_scoped_release g;
      if (out) {
        Tensor lo = std::get<0>(*out), hi = std::get<1>(*out);
        aminmax_out(lo, hi, a, dim, keepdim);
        r = {lo, hi};
      } else {
        r = aminmax(a, dim, keepdim);
      }
    }
    return pair(out ? "aminmax_out" : "aminmax", r);
  }, arg("input"), py::kw_only(), arg("dim") = py::none(), arg("keepdim") = false,
        arg("out") = py::none());
  def_method("aminmax", [](const Tensor& a, OptInt dim, bool keepdim) {
    std::tuple<Tensor, Tensor> r;
    {
      py::gil_scoped_release g;
      r = aminmax(a, dim, keepdim);
    }
    return pair("aminmax", r);
  }, py::kw_only(), arg("dim") = py::none(), arg("keepdim") = false);

  // argmax/argmin(input, dim=None, keepdim=False, *, out=None)
#define WICK_PY_ARG(name)                                                                     \
  m.def(#name, [](const Tensor& a, OptInt dim, bool keepdim, OptT out) {                      \
    if (out) {                                                                                \
      Tensor o = *out;                                                                        \
      return Tensor(name##_out(o, a, dim, keepdim));                                          \
    }                                                                                         \
    return name(a, dim, keepdim);                                                             \
  }, arg("input"), arg("dim") = py::none(), arg("keepdim") = false, py::kw_only(),            \
        arg("out") = py::none(), nogil());                                                    \
  def_method(#name, [](const Tensor& a, OptInt dim, bool keepdim) {                           \
    return name(a, dim, keepdim);                                                             \
  }, arg("dim") = py::none(), arg("keepdim") = false, nogil());
  WICK_PY_ARG(argmax)
  WICK_PY_ARG(argmin)
#undef WICK_PY_ARG

  // all/any(input, dim=None, keepdim=False, *, out=None); dim an int or (2.x) a tuple.
#define WICK_PY_ALLANY(name)                                                                  \
  m.def(#name, [](const Tensor& a, const OptDims& dim, bool keepdim, OptT out) {              \
    if (out) {                                                                                \
      Tensor o = *out;                                                                        \
      if (dim && dim->values.size() == 1)                                                     \
        return Tensor(name##_out(o, a, dim->values[0], keepdim));                             \
      return write_out(o, all_any(a, dim, keepdim, name##_one, name##_all));                  \
    }                                                                                         \
    return all_any(a, dim, keepdim, name##_one, name##_all);                                  \
  }, arg("input"), arg("dim") = py::none(), arg("keepdim") = false, py::kw_only(),            \
        arg("out") = py::none(), nogil());                                                    \
  def_method(#name, [](const Tensor& a, const OptDims& dim, bool keepdim) {                   \
    return all_any(a, dim, keepdim, name##_one, name##_all);                                  \
  }, arg("dim") = py::none(), arg("keepdim") = false, nogil());
  WICK_PY_ALLANY(all)
  WICK_PY_ALLANY(any)
#undef WICK_PY_ALLANY

  // std/var(input, dim=None, unbiased=None, keepdim=False, *, correction=None, out=None)
#define WICK_PY_VAR(name)                                                                     \
  m.def(#name, [](const Tensor& a, const py::object& dim, std::optional<bool> unbiased,       \
                  bool keepdim, std::optional<double> correction, OptT out) {                 \
    VarArgs v = var_args(#name, dim, unbiased, correction);                                   \
    py::gil_scoped_release g;                                                                 \
    if (out) {                                                                                \
      Tensor o = *out;                                                                        \
      return Tensor(name##_out(o, a, v.dim, v.correction, keepdim));                          \
    }                                                                                         \
    return wick::name(a, v.dim, v.correction, keepdim);                                       \
  }, arg("input"), arg("dim") = py::none(), arg("unbiased") = py::none(),                     \
        arg("keepdim") = false, py::kw_only(), arg("correction") = py::none(),                \
        arg("out") = py::none());                                                             \
  def_method(#name, [](const Tensor& a, const py::object& dim, std::optional<bool> unbiased,  \
                       bool keepdim, std::optional<double> correction) {                      \
    VarArgs v = var_args(#name, dim, unbiased, correction);                                   \
    py::gil_scoped_release g;                                                                 \
    return wick::name(a, v.dim, v.correction, keepdim);                                       \
  }, arg("dim") = py::none(), arg("unbiased") = py::none(), arg("keepdim") = false,           \
             py::kw_only(), arg("correction") = py::none());
  WICK_PY_VAR(std)
  WICK_PY_VAR(var)
#undef WICK_PY_VAR
  // std_mean/var_mean(...) -> plain tuple (std_or_var, mean)
  for (const char* name : {"std_mean", "var_mean"}) {
    const bool is_std = std::string(name) == "std_mean";
    m.def(name, [is_std, name](const Tensor& a, const py::object& dim,
                               std::optional<bool> unbiased, bool keepdim,
                               std::optional<double> correction) {
      VarArgs v = var_args(name, dim, unbiased, correction);
      std::tuple<Tensor, Tensor> r;
      {
        py::gil_scoped_release g;
        r = is_std ? std_mean(a, v.dim, v.correction, keepdim)
                   : var_mean(a, v.dim, v.correction, keepdim);
      }
      return to_tuple({std::get<0>(r), std::get<1>(r)});
    }, arg("input"), arg("dim") = py::none(), arg("unbiased") = py::none(),
          arg("keepdim") = false, py::kw_only(), arg("correction") = py::none());
  }

  // norm(input, p='fro', dim=None, keepdim=False, out=None, dtype=None)
  m.def("norm", [](const Tensor& a, const py::object& p, const OptDims& dim, bool keepdim,
                   OptT out, OptDtype dtype) {
    std::optional<Scalar> ps = norm_p(p);
    py::gil_scoped_release g;
    if (out) {
      Tensor o = *out;
      return Tensor(norm_out(o, a, ps, dims_or_all(dim), keepdim, dtype));
    }
    return norm(a, ps, dims_or_all(dim), keepdim, dtype);
  }, arg("input"), arg("p") = "fro", arg("dim") = py::none(), arg("keepdim") = false,
        arg("out") = py::none(), arg("dtype") = py::none());
  def_method("norm", [](const Tensor& a, const py::object& p, const OptDims& dim, bool keepdim,
                        OptDtype dtype) {
    std::optional<Scalar> ps = norm_p(p);
    py::gil_scoped_release g;
    return norm(a, ps, dims_or_all(dim), keepdim, dtype);
  }, arg("p") = "fro", arg("dim") = py::none(), arg("keepdim") = false, arg("dtype") = py::none());
  def_both(m, "dist", [](const Tensor& a, const Tensor& b, const Scalar& p) { return dist(a, b, p); },
           arg("other"), arg("p") = 2, nogil());

  // logsumexp(input, dim, keepdim=False, *, out=None)
  m.def("logsumexp", [](const Tensor& a, const IntList& dim, bool keepdim, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(logsumexp_out(o, a, dim, keepdim));
    }
    return logsumexp(a, dim, keepdim);
  }, arg("input"), arg("dim"), arg("keepdim") = false, py::kw_only(), arg("out") = py::none(),
        nogil());
  def_method("logsumexp", [](const Tensor& a, const IntList& dim, bool keepdim) {
    return logsumexp(a, dim, keepdim);
  }, arg("dim"), arg("keepdim") = false, nogil());

  // count_nonzero(input, dim=None): int or tuple
  def_both(m, "count_nonzero", [](const Tensor& a, const OptDims& dim) {
    return dim ? count_nonzero(a, OptionalIntArrayRef(IntArrayRef(dim->values)))
               : count_nonzero(a, OptionalIntArrayRef());
  }, arg("dim") = py::none(), nogil());

  // cumsum/cumprod(input, dim, *, dtype=None, out=None) and in-place methods.
#define WICK_PY_CUM(name)                                                                     \
  m.def(#name, [](const Tensor& a, int64_t dim, OptDtype dtype, OptT out) {                   \
    if (out) {                                                                                \
      Tensor o = *out;                                                                        \
      return Tensor(name##_out(o, a, dim, dtype));                                            \
    }                                                                                         \
    return name(a, dim, dtype);                                                               \
  }, arg("input"), arg("dim"), py::kw_only(), arg("dtype") = py::none(), arg("out") = py::none(), \
        nogil());                                                                             \
  def_method(#name, [](const Tensor& a, int64_t dim, OptDtype dtype) {                        \
    return name(a, dim, dtype);                                                               \
  }, arg("dim"), py::kw_only(), arg("dtype") = py::none(), nogil());                          \
  def_method(#name "_", [](Tensor& a, int64_t dim, OptDtype dtype) -> Tensor& {               \
    return name##_(a, dim, dtype);                                                            \
  }, arg("dim"), py::kw_only(), arg("dtype") = py::none(), nogil());
  WICK_PY_CUM(cumsum)
  WICK_PY_CUM(cumprod)
#undef WICK_PY_CUM
  // cummax/cummin(input, dim, *, out=None) -> return_types.<op>(values, indices)
#define WICK_PY_CUMEXT(name)                                                                  \
  m.def(#name, [](const Tensor& a, int64_t dim, OptPair out) {                                \
    std::tuple<Tensor, Tensor> r;                                                             \
    {                                                                                         \
      py::gil_scoped_release g;                                                               \
      if (out) {                                                                              \
        Tensor v = std::get<0>(*out), i = std::get<1>(*out);                                  \
        name##_out(v, i, a, dim);                                                             \
        r = {v, i};                                                                           \
      } else {                                                                                \
        r = name(a, dim);                                                                     \
      }                                                                                       \
    }                                                                                         \
    return pair(out ? #name "_out" : #name, r);                                               \
  }, arg("input"), arg("dim"), py::kw_only(), arg("out") = py::none());                       \
  def_method(#name, [](const Tensor& a, int64_t dim) {                                        \
    std::tuple<Tensor, Tensor> r;                                                             \
    {                                                                                         \
      py::gil_scoped_release g;                                                               \
      r = name(a, dim);                                                                       \
    }                                                                                         \
    return pair(#name, r);                                                                    \
  }, arg("dim"));
  WICK_PY_CUMEXT(cummax)
  WICK_PY_CUMEXT(cummin)
#undef WICK_PY_CUMEXT
  m.def("logcumsumexp", [](const Tensor& a, int64_t dim, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(logcumsumexp_out(o, a, dim));
    }
    return logcumsumexp(a, dim);
  }, arg("input"), arg("dim"), py::kw_only(), arg("out") = py::none(), nogil());
  def_method("logcumsumexp", [](const Tensor& a, int64_t dim) { return logcumsumexp(a, dim); },
             arg("dim"), nogil());

  // median/nanmedian: (input) -> Tensor; (input, dim, keepdim=False, *, out) -> named tuple.
#define WICK_PY_MEDIAN(name)                                                                  \
  m.def(#name, [](const Tensor& a) { return name(a); }, arg("input"), nogil());               \
  m.def(#name, [](const Tensor& a, int64_t dim, bool keepdim, OptPair out) {                  \
    std::tuple<Tensor, Tensor> r;                                                             \
    {                                                                                         \
      py::gil_scoped_release g;                                                               \
      if (out) {                                                                              \
        Tensor v = std::get<0>(*out), i = std::get<1>(*out);                                  \
        name##_out(v, i, a, dim, keepdim);                                                    \
        r = {v, i};                                                                           \
      } else {                                                                                \
        r = name(a, dim, keepdim);                                                            \
      }                                                                                       \
    }                                                                                         \
    return pair(out ? #name "_out" : #name, r);                                               \
  }, arg("input"), arg("dim"), arg("keepdim") = false, py::kw_only(), arg("out") = py::none()); \
  def_method(#name, [](const Tensor& a) { return name(a); }, nogil());                        \
  def_method(#name, [](const Tensor& a, int64_t dim, bool keepdim) {                          \
    std::tuple<Tensor, Tensor> r;                                                             \
    {                                                                                         \
      py::gil_scoped_release g;                                                               \
      r = name(a, dim, keepdim);                                                              \
    }                                                                                         \
    return pair(#name, r);                                                                    \
  }, arg("dim"), arg("keepdim") = false);
  WICK_PY_MEDIAN(median)
  WICK_PY_MEDIAN(nanmedian)
#undef WICK_PY_MEDIAN
  // mode(input, dim=-1, keepdim=False, *, out=None)
  m.def("mode", [](const Tensor& a, int64_t dim, bool keepdim, OptPair out) {
    std::tuple<Tensor, Tensor> r;
    {
      py::gil_scoped_release g;
      if (out) {
        Tensor v = std::get<0>(*out), i = std::get<1>(*out);
        mode_out(v, i, a, dim, keepdim);
        r = {v, i};
      } else {
        r = mode(a, dim, keepdim);
      }
    }
    return pair(out ? "mode_out" : "mode", r);
  }, arg("input"), arg("dim") = -1, arg("keepdim") = false, py::kw_only(), arg("out") = py::none());
  def_method("mode", [](const Tensor& a, int64_t dim, bool keepdim) {
    std::tuple<Tensor, Tensor> r;
    {
      py::gil_scoped_release g;
      r = mode(a, dim, keepdim);
    }
    return pair("mode", r);
  }, arg("dim") = -1, arg("keepdim") = false);
}

}  // namespace wick::python
