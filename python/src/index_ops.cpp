// The index family: gather / scatter*, index_select / index_add / index_copy /
// index_fill, masked_select / masked_fill / masked_scatter, nonzero / argwhere,
// take / put, index_put: function, method, in-place and out= forms as PyTorch.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "python/src/bind.h"
#include "python/src/init.h"
#include "wick/ops/index.h"
#include "wick/ops/shape.h"

namespace wick::python {

namespace {

using OptT = std::optional<Tensor>;
using OptStr = std::optional<std::string>;

Tensor finish(const OptT& out, const Tensor& r) { return out ? write_out(*out, r) : r; }

Tensor do_scatter(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                  const OptStr& reduce) {
  return reduce ? scatter(self, dim, index, src, *reduce) : scatter(self, dim, index, src);
}
Tensor do_scatter(const Tensor& self, int64_t dim, const Tensor& index, const Scalar& value,
                  const OptStr& reduce) {
  return reduce ? scatter(self, dim, index, value, *reduce) : scatter(self, dim, index, value);
}

// take_along_dim(input, indices, dim=None): gather along dim after broadcasting
// input and indices over the other dims; dim=None reads the flattened input.
Tensor take_along_dim(const Tensor& self, const Tensor& indices, std::optional<int64_t> dim) {
  WICK_CHECK(indices.dtype() == kLong,
             "torch.take_along_dim(): dtype of indices should be Long but got ", indices.dtype());
  if (!dim) return gather(reshape(self, {-1}), 0, reshape(indices, {-1}));
  WICK_CHECK(self.dim() == indices.dim(),
             "torch.take_along_dim(): input and indices should have the same number of "
             "dimensions, but got ", self.dim(), " dimensions for input, and ", indices.dim(),
             " dimensions for indices");
  const int64_t d = maybe_wrap_dim(*dim, self.dim());
  WICK_CHECK_T(IndexError, self.dim() > 0, "Dimension specified as ", d,
               " but tensor has no dimensions");
  DimVector a(self.sizes().begin(), self.sizes().end());
  DimVector b(indices.sizes().begin(), indices.sizes().end());
  a[d] = 1;
  b[d] = 1;
  DimVector shape = broadcast_shapes({a, b});
  DimVector sa = shape, sb = shape;
  sa[d] = self.size(d);
  sb[d] = indices.size(d);
  return gather(expand(self, sa), d, expand(indices, sb));
}

}  // namespace

void init_index_ops(py::module_& m) {
  // ---- gather ------------------------------------------------------------------------
  m.def("gather", [](const Tensor& self, int64_t dim, const Tensor& index, bool sparse,
                     OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(gather_out(o, self, dim, index, sparse));
    }
    return gather(self, dim, index, sparse);
  }, arg("input"), arg("dim"), arg("index"), py::kw_only(), arg("sparse_grad") = false,
        arg("out") = py::none(), nogil());
  def_method("gather", [](const Tensor& self, int64_t dim, const Tensor& index, bool sparse) {
    return gather(self, dim, index, sparse);
  }, arg("dim"), arg("index"), py::kw_only(), arg("sparse_grad") = false, nogil());

  // ---- scatter(input, dim, index, src | value, *, reduce=None) ---------------------------
  m.def("scatter", [](const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                      OptStr reduce, OptT out) {
    if (out && !reduce) {
      Tensor o = *out;
      return Tensor(scatter_out(o, self, dim, index, src));
    }
    return finish(out, do_scatter(self, dim, index, src, reduce));
  }, arg("input"), arg("dim"), arg("index"), arg("src"), py::kw_only(), arg("reduce") = py::none(),
        arg("out") = py::none(), nogil());
  m.def("scatter", [](const Tensor& self, int64_t dim, const Tensor& index, const Scalar& value,
                      OptStr reduce, OptT out) {
    if (out && !reduce) {
      Tensor o = *out;
      return Tensor(scatter_out(o, self, dim, index, value));
    }
    return finish(out, do_scatter(self, dim, index, value, reduce));
  }, arg("input"), arg("dim"), arg("index"), arg("value"), py::kw_only(),
        arg("reduce") = py::none(), arg("out") = py::none(), nogil());
  def_method("scatter", [](const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                           OptStr reduce) { return do_scatter(self, dim, index, src, reduce); },
             arg("dim"), arg("index"), arg("src"), py::kw_only(), arg("reduce") = py::none(), nogil());
  def_method("scatter", [](const Tensor& self, int64_t dim, const Tensor& index,
                           const Scalar& value, OptStr reduce) {
    return do_scatter(self, dim, index, value, reduce);
  }, arg("dim"), arg("index"), arg("value"), py::kw_only(), arg("reduce") = py::none(), nogil());
  def_method("scatter_", [](Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                            OptStr reduce) -> Tensor& {
    return reduce ? scatter_(self, dim, index, src, *reduce) : scatter_(self, dim, index, src);
  }, arg("dim"), arg("index"), arg("src"), py::kw_only(), arg("reduce") = py::none(), nogil());
  def_method("scatter_", [](Tensor& self, int64_t dim, const Tensor& index, const Scalar& value,
                            OptStr reduce) -> Tensor& {
    return reduce ? scatter_(self, dim, index, value, *reduce) : scatter_(self, dim, index, value);
  }, arg("dim"), arg("index"), arg("value"), py::kw_only(), arg("reduce") = py::none(), nogil());

  m.def("scatter_add", [](const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                          OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(scatter_add_out(o, self, dim, index, src));
    }
    return scatter_add(self, dim, index, src);
  }, arg("input"), arg("dim"), arg("index"), arg("src"), py::kw_only(), arg("out") = py::none(),
        nogil());
  def_method("scatter_add", [](const Tensor& self, int64_t dim, const Tensor& index,
                               const Tensor& src) { return scatter_add(self, dim, index, src); },
             arg("dim"), arg("index"), arg("src"), nogil());
  def_method("scatter_add_", [](Tensor& self, int64_t dim, const Tensor& index,
                                const Tensor& src) -> Tensor& {
    return scatter_add_(self, dim, index, src);
  }, arg("dim"), arg("index"), arg("src"), nogil());

  m.def("scatter_reduce", [](const Tensor& self, int64_t dim, const Tensor& index,
                             const Tensor& src, const std::string& reduce, bool include_self,
                             OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(scatter_reduce_out(o, self, dim, index, src, reduce, include_self));
    }
    return scatter_reduce(self, dim, index, src, reduce, include_self);
  }, arg("input"), arg("dim"), arg("index"), arg("src"), arg("reduce"), py::kw_only(),
        arg("include_self") = true, arg("out") = py::none(), nogil());
  def_method("scatter_reduce", [](const Tensor& self, int64_t dim, const Tensor& index,
                                  const Tensor& src, const std::string& reduce, bool include_self) {
    return scatter_reduce(self, dim, index, src, reduce, include_self);
  }, arg("dim"), arg("index"), arg("src"), arg("reduce"), py::kw_only(), arg("include_self") = true,
             nogil());
  def_method("scatter_reduce_", [](Tensor& self, int64_t dim, const Tensor& index,
                                   const Tensor& src, const std::string& reduce,
                                   bool include_self) -> Tensor& {
    return scatter_reduce_(self, dim, index, src, reduce, include_self);
  }, arg("dim"), arg("index"), arg("src"), arg("reduce"), py::kw_only(), arg("include_self") = true,
             nogil());

  // ---- index_* along a dim ------------------------------------------------------------
  m.def("index_select", [](const Tensor& self, int64_t dim, const Tensor& index, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(index_select_out(o, self, dim, index));
    }
    return index_select(self, dim, index);
  }, arg("input"), arg("dim"), arg("index"), py::kw_only(), arg("out") = py::none(), nogil());
  def_method("index_select", [](const Tensor& self, int64_t dim, const Tensor& index) {
    return index_select(self, dim, index);
  }, arg("dim"), arg("index"), nogil());

  m.def("index_add", [](const Tensor& self, int64_t dim, const Tensor& index, const Tensor& source,
                        const Scalar& alpha, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(index_add_out(o, self, dim, index, source, alpha));
    }
    return index_add(self, dim, index, source, alpha);
  }, arg("input"), arg("dim"), arg("index"), arg("source"), py::kw_only(), arg("alpha") = 1,
        arg("out") = py::none(), nogil());
  def_method("index_add", [](const Tensor& self, int64_t dim, const Tensor& index,
                             const Tensor& source, const Scalar& alpha) {
    return index_add(self, dim, index, source, alpha);
  }, arg("dim"), arg("index"), arg("source"), py::kw_only(), arg("alpha") = 1, nogil());
  def_method("index_add_", [](Tensor& self, int64_t dim, const Tensor& index,
                              const Tensor& source, const Scalar& alpha) -> Tensor& {
    return index_add_(self, dim, index, source, alpha);
  }, arg("dim"), arg("index"), arg("source"), py::kw_only(), arg("alpha") = 1, nogil());

  m.def("index_copy", [](const Tensor& self, int64_t dim, const Tensor& index,
                         const Tensor& source, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(index_copy_out(o, self, dim, index, source));
    }
    return index_copy(self, dim, index, source);
  }, arg("input"), arg("dim"), arg("index"), arg("source"), py::kw_only(), arg("out") = py::none(),
        nogil());
  def_method("index_copy", [](const Tensor& self, int64_t dim, const Tensor& index,
                              const Tensor& source) { return index_copy(self, dim, index, source); },
             arg("dim"), arg("index"), arg("source"), nogil());
  def_method("index_copy_", [](Tensor& self, int64_t dim, const Tensor& index,
                               const Tensor& source) -> Tensor& {
    return index_copy_(self, dim, index, source);
  }, arg("dim"), arg("index"), arg("source"), nogil());

  def_both(m, "index_fill", [](const Tensor& self, int64_t dim, const Tensor& index,
                               const TensorOrScalar& value) {
    return value.is_tensor() ? index_fill(self, dim, index, value.tensor)
                             : index_fill(self, dim, index, value.scalar);
  }, arg("dim"), arg("index"), arg("value"), nogil());
  def_method("index_fill_", [](Tensor& self, int64_t dim, const Tensor& index,
                               const TensorOrScalar& value) -> Tensor& {
    return value.is_tensor() ? index_fill_(self, dim, index, value.tensor)
                             : index_fill_(self, dim, index, value.scalar);
  }, arg("dim"), arg("index"), arg("value"), nogil());

  // ---- masks -----------------------------------------------------------------------------
  m.def("masked_select", [](const Tensor& self, const Tensor& mask, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(masked_select_out(o, self, mask));
    }
    return masked_select(self, mask);
  }, arg("input"), arg("mask"), py::kw_only(), arg("out") = py::none(), nogil());
  def_method("masked_select", [](const Tensor& self, const Tensor& mask) {
    return masked_select(self, mask);
  }, arg("mask"), nogil());
  def_both(m, "masked_fill", [](const Tensor& self, const Tensor& mask, const TensorOrScalar& v) {
    return v.is_tensor() ? masked_fill(self, mask, v.tensor) : masked_fill(self, mask, v.scalar);
  }, arg("mask"), arg("value"), nogil());
  def_method("masked_fill_", [](Tensor& self, const Tensor& mask,
                                const TensorOrScalar& v) -> Tensor& {
    return v.is_tensor() ? masked_fill_(self, mask, v.tensor) : masked_fill_(self, mask, v.scalar);
  }, arg("mask"), arg("value"), nogil());
  def_both(m, "masked_scatter", [](const Tensor& self, const Tensor& mask, const Tensor& source) {
    return masked_scatter(self, mask, source);
  }, arg("mask"), arg("source"), nogil());
  def_method("masked_scatter_", [](Tensor& self, const Tensor& mask,
                                   const Tensor& source) -> Tensor& {
    return masked_scatter_(self, mask, source);
  }, arg("mask"), arg("source"), nogil());

  // ---- nonzero / argwhere -------------------------------------------------------------------
  m.def("nonzero", [](const Tensor& self, OptT out, bool as_tuple) -> py::object {
    if (as_tuple) {
      std::vector<Tensor> r;
      {
        py::gil_scoped_release g;
        r = nonzero_numpy(self);
      }
      return to_tuple(r);
    }
    Tensor r;
    {
      py::gil_scoped_release g;
      if (out) {
        Tensor o = *out;
        r = nonzero_out(o, self);
      } else {
        r = nonzero(self);
      }
    }
    return py::reinterpret_steal<py::object>(wrap(r));
  }, arg("input"), py::kw_only(), arg("out") = py::none(), arg("as_tuple") = false);
  def_method("nonzero", [](const Tensor& self, bool as_tuple) -> py::object {
    if (as_tuple) {
      std::vector<Tensor> r;
      {
        py::gil_scoped_release g;
        r = nonzero_numpy(self);
      }
      return to_tuple(r);
    }
    Tensor r;
    {
      py::gil_scoped_release g;
      r = nonzero(self);
    }
    return py::reinterpret_steal<py::object>(wrap(r));
  }, py::kw_only(), arg("as_tuple") = false);
  def_both(m, "argwhere", [](const Tensor& self) { return argwhere(self); }, nogil());

  // ---- take / put ------------------------------------------------------------------------------
  m.def("take", [](const Tensor& self, const Tensor& index, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(take_out(o, self, index));
    }
    return take(self, index);
  }, arg("input"), arg("index"), py::kw_only(), arg("out") = py::none(), nogil());
  def_method("take", [](const Tensor& self, const Tensor& index) { return take(self, index); },
             arg("index"), nogil());
  def_both(m, "put", [](const Tensor& self, const Tensor& index, const Tensor& source, bool acc) {
    return put(self, index, source, acc);
  }, arg("index"), arg("source"), arg("accumulate") = false, nogil());
  def_method("put_", [](Tensor& self, const Tensor& index, const Tensor& source,
                        bool acc) -> Tensor& { return put_(self, index, source, acc); },
             arg("index"), arg("source"), arg("accumulate") = false, nogil());

  m.def("take_along_dim", [](const Tensor& self, const Tensor& indices, std::optional<int64_t> dim,
                             OptT out) { return finish(out, take_along_dim(self, indices, dim)); },
        arg("input"), arg("indices"), arg("dim") = py::none(), py::kw_only(),
        arg("out") = py::none(), nogil());
  def_method("take_along_dim", [](const Tensor& self, const Tensor& indices,
                                  std::optional<int64_t> dim) {
    return take_along_dim(self, indices, dim);
  }, arg("indices"), arg("dim") = py::none(), nogil());

  // ---- index_put(indices: tuple of Optional[Tensor], values, accumulate=False) ---------------
  def_both(m, "index_put", [](const Tensor& self, const std::vector<OptT>& indices,
                              const Tensor& values, bool acc) {
    return index_put(self, indices, values, acc);
  }, arg("indices"), arg("values"), arg("accumulate") = false, nogil());
  def_method("index_put_", [](Tensor& self, const std::vector<OptT>& indices, const Tensor& values,
                              bool acc) -> Tensor& { return index_put_(self, indices, values, acc); },
             arg("indices"), arg("values"), arg("accumulate") = false, nogil());
}

}  // namespace wick::python
