// Sorting and searching: sort, argsort, msort, topk, kthvalue, unique,
// unique_consecutive, searchsorted, bucketize, bincount, histc.
#include <pybind11/pybind11.h>

#include "python/src/bind.h"
#include "python/src/init.h"
#include "wick/ops/creation.h"
#include "wick/ops/sort.h"

namespace wick::python {

namespace {
using OptT = std::optional<Tensor>;
using OptInt = std::optional<int64_t>;
using OptPair = std::optional<std::tuple<Tensor, Tensor>>;
using OptStr = std::optional<std::string>;
using TS = TensorOrScalar;

py::object pair(const char* name, const std::tuple<Tensor, Tensor>& r) {
  return return_type(name, std::get<0>(r), std::get<1>(r));
}

// unique's result: the tensor alone, or a tuple with the inverse and/or counts.
py::object unique_result(const std::tuple<Tensor, Tensor, Tensor>& r, bool inverse, bool counts) {
  if (!inverse && !counts) return py::reinterpret_steal<py::object>(wrap(std::get<0>(r)));
  std::vector<Tensor> v{std::get<0>(r)};
  if (inverse) v.push_back(std::get<1>(r));
  if (counts) v.push_back(std::get<2>(r));
  return to_tuple(v);
}
}  // namespace

void init_sort(py::module_& m) {
  // sort(input, dim=-1, descending=False, stable=False, *, out=None)
  m.def("sort", [](const Tensor& a, int64_t dim, bool descending, bool stable, OptPair out) {
    std::tuple<Tensor, Tensor> r;
    {
      py::gil_scoped_release g;
      if (out) {
        Tensor v = std::get<0>(*out), i = std::get<1>(*out);
        sort_out(v, i, a, std::optional<bool>(stable), dim, descending);
        r = {v, i};
      } else {
        r = sort(a, std::optional<bool>(stable), dim, descending);
      }
    }
    return pair(out ? "sort_out" : "sort", r);
  }, arg("input"), arg("dim") = -1, arg("descending") = false, arg("stable") = false,
        py::kw_only(), arg("out") = py::none());
  def_method("sort", [](const Tensor& a, int64_t dim, bool descending, bool stable) {
    std::tuple<Tensor, Tensor> r;
    {
      py::gil_scoped_release g;
      r = sort(a, std::optional<bool>(stable), dim, descending);
    }
    return pair("sort", r);
  }, arg("dim") = -1, arg("descending") = false, py::kw_only(), arg("stable") = false);
  // argsort(input, dim=-1, descending=False, stable=False)
  m.def("argsort", [](const Tensor& a, int64_t dim, bool descending, bool stable) {
    return argsort(a, dim, descending, stable);
  }, arg("input"), arg("dim") = -1, arg("descending") = false, arg("stable") = false, nogil());
  def_method("argsort", [](const Tensor& a, int64_t dim, bool descending, bool stable) {
    return argsort(a, dim, descending, stable);
  }, arg("dim") = -1, arg("descending") = false, py::kw_only(), arg("stable") = false, nogil());
  m.def("msort", [](const Tensor& a, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(msort_out(o, a));
    }
    return msort(a);
  }, arg("input"), py::kw_only(), arg("out") = py::none(), nogil());
  def_method("msort", [](const Tensor& a) { return msort(a); }, nogil());

  // topk(input, k, dim=-1, largest=True, sorted=True, *, out=None)
  m.def("topk", [](const Tensor& a, int64_t k, int64_t dim, bool largest, bool sorted, OptPair out) {
    std::tuple<Tensor, Tensor> r;
    {
      py::gil_scoped_release g;
      if (out) {
        Tensor v = std::get<0>(*out), i = std::get<1>(*out);
        topk_out(v, i, a, k, dim, largest, sorted);
        r = {v, i};
      } else {
        r = topk(a, k, dim, largest, sorted);
      }
    }
    return pair(out ? "topk_out" : "topk", r);
  }, arg("input"), arg("k"), arg("dim") = -1, arg("largest") = true, arg("sorted") = true,
        py::kw_only(), arg("out") = py::none());
  def_method("topk", [](const Tensor& a, int64_t k, int64_t dim, bool largest, bool sorted) {
    std::tuple<Tensor, Tensor> r;
    {
      py::gil_scoped_release g;
      r = topk(a, k, dim, largest, sorted);
    }
    return pair("topk", r);
  }, arg("k"), arg("dim") = -1, arg("largest") = true, arg("sorted") = true);
  // kthvalue(input, k, dim=-1, keepdim=False, *, out=None)
  m.def("kthvalue", [](const Tensor& a, int64_t k, int64_t dim, bool keepdim, OptPair out) {
    std::tuple<Tensor, Tensor> r;
    {
      py::gil_scoped_release g;
      if (out) {
        Tensor v = std::get<0>(*out), i = std::get<1>(*out);
        kthvalue_out(v, i, a, k, dim, keepdim);
        r = {v, i};
      } else {
        r = kthvalue(a, k, dim, keepdim);
      }
    }
    return pair(out ? "kthvalue_out" : "kthvalue", r);
  }, arg("input"), arg("k"), arg("dim") = -1, arg("keepdim") = false, py::kw_only(),
        arg("out") = py::none());
  def_method("kthvalue", [](const Tensor& a, int64_t k, int64_t dim, bool keepdim) {
    std::tuple<Tensor, Tensor> r;
    {
      py::gil_scoped_release g;
      r = kthvalue(a, k, dim, keepdim);
    }
    return pair("kthvalue", r);
  }, arg("k"), arg("dim") = -1, arg("keepdim") = false);

  // unique(input, sorted=True, return_inverse=False, return_counts=False, dim=None)
  def_both(m, "unique", [](const Tensor& a, bool sorted, bool inverse, bool counts, OptInt dim) {
    std::tuple<Tensor, Tensor, Tensor> r;
    {
      py::gil_scoped_release g;
      r = unique(a, sorted, inverse, counts, dim);
    }
    return unique_result(r, inverse, counts);
  }, arg("sorted") = true, arg("return_inverse") = false, arg("return_counts") = false,
           arg("dim") = py::none());
  // unique_consecutive(input, return_inverse=False, return_counts=False, dim=None)
  def_both(m, "unique_consecutive", [](const Tensor& a, bool inverse, bool counts, OptInt dim) {
    std::tuple<Tensor, Tensor, Tensor> r;
    {
      py::gil_scoped_release g;
      r = unique_consecutive(a, inverse, counts, dim);
    }
    return unique_result(r, inverse, counts);
  }, arg("return_inverse") = false, arg("return_counts") = false, arg("dim") = py::none());

  // searchsorted(sorted_sequence, values, *, out_int32=False, right=False, side=None,
  //              out=None, sorter=None); values may be a number.
  m.def("searchsorted", [](const Tensor& seq, const TS& v, bool out_int32, bool right, OptStr side,
                           OptT out, OptT sorter) {
    if (out) {
      Tensor o = *out;
      Tensor vt = v.is_tensor() ? v.tensor : scalar_tensor(v.scalar, TensorOptions(seq.dtype()));
      return Tensor(searchsorted_out(o, seq, vt, out_int32, right, side, sorter));
    }
    return v.is_tensor() ? searchsorted(seq, v.tensor, out_int32, right, side, sorter)
                         : searchsorted(seq, v.scalar, out_int32, right, side, sorter);
  }, arg("sorted_sequence"), arg("input"), py::kw_only(), arg("out_int32") = false,
        arg("right") = false, arg("side") = py::none(), arg("out") = py::none(),
        arg("sorter") = py::none(), nogil());
  // bucketize(input, boundaries, *, out_int32=False, right=False, out=None)
  m.def("bucketize", [](const TS& a, const Tensor& b, bool out_int32, bool right, OptT out) {
    if (out) {
      Tensor o = *out;
      Tensor at = a.is_tensor() ? a.tensor : scalar_tensor(a.scalar, TensorOptions(b.dtype()));
      return Tensor(bucketize_out(o, at, b, out_int32, right));
    }
    return a.is_tensor() ? bucketize(a.tensor, b, out_int32, right)
                         : bucketize(a.scalar, b, out_int32, right);
  }, arg("input"), arg("boundaries"), py::kw_only(), arg("out_int32") = false,
        arg("right") = false, arg("out") = py::none(), nogil());

  // bincount(input, weights=None, minlength=0); histc(input, bins=100, min=0, max=0, *, out=None)
  def_both(m, "bincount", [](const Tensor& a, const OptT& w, int64_t minlength) {
    return bincount(a, w, minlength);
  }, arg("weights") = py::none(), arg("minlength") = 0, nogil());
  m.def("histc", [](const Tensor& a, int64_t bins, const Scalar& lo, const Scalar& hi, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(histc_out(o, a, bins, lo, hi));
    }
    return histc(a, bins, lo, hi);
  }, arg("input"), arg("bins") = 100, arg("min") = 0, arg("max") = 0, py::kw_only(),
        arg("out") = py::none(), nogil());
  def_method("histc", [](const Tensor& a, int64_t bins, const Scalar& lo, const Scalar& hi) {
    return histc(a, bins, lo, hi);
  }, arg("bins") = 100, arg("min") = 0, arg("max") = 0, nogil());
}

}  // namespace wick::python
