// Shape ops: views (view, reshape, permute, transpose, expand, squeeze, narrow,
// split/chunk/unbind, diagonal, movedim, as_strided, unfold, ...), repeating
// and flipping (repeat, tile, flip, roll, rot90) and joining (cat, stack,
// hstack, ..., meshgrid), with PyTorch's Python signatures: methods taking
// `*sizes` / `*dims` accept varargs or one sequence, split-like ops return tuples.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <functional>

#include "python/src/bind.h"
#include "python/src/init.h"
#include "python/src/types.h"
#include "wick/ops/shape.h"

namespace wick::python {

namespace {

using TensorVec = std::vector<Tensor>;

bool is_int(PyObject* o) {
  return !PyBool_Check(o) && !PyFloat_Check(o) && (PyLong_Check(o) || PyIndex_Check(o));
}

int64_t as_int(PyObject* o) {
  if (PyLong_Check(o)) {
    const long long v = PyLong_AsLongLong(o);
    if (v == -1 && PyErr_Occurred()) throw py::error_already_set();
    return v;
  }
  PyObject* idx = PyNumber_Index(o);
  if (!idx) throw py::error_already_set();
  const long long v = PyLong_AsLongLong(idx);
  Py_DECREF(idx);
  if (v == -1 && PyErr_Occurred()) throw py::error_already_set();
  return v;
}

// A type's name as PyTorch's messages print it ("Tensor", "int", "str").
std::string type_name(PyObject* o) {
  std::string n = Py_TYPE(o)->tp_name;
  const auto dot = n.rfind('.');
  return dot == std::string::npos ? n : n.substr(dot + 1);
}

[[noreturn]] void bad_int_list(const char* fn, const char* name, PyObject* o, size_t pos) {
  if (PyTuple_Check(o) || PyList_Check(o)) {  // name the first element that is not an int
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(o);
    for (Py_ssize_t i = 0; i < n; ++i) {
      PyObject* item = PySequence_Fast_GET_ITEM(o, i);
      if (!is_int(item) || is_tensor(item)) {
        o = item;
        pos = static_cast<size_t>(i) + 1;
        break;
      }
    }
  }
  throw py::type_error(std::string(fn) + "(): argument '" + name +
                       "' must be tuple of ints, but found element of type " +
                       type_name(o) + " at pos " + std::to_string(pos));
}

// `*sizes`: several ints, one sequence of ints, or the keyword `name`.
DimVector int_varargs(const py::args& args, const py::kwargs& kwargs, const char* fn,
                      const char* name) {
  DimVector out;
  if (args.size() == 0) {
    if (kwargs && kwargs.contains(name)) {
      py::object v = kwargs[name];
      if (kwargs.size() > 1) {
        for (auto kv : kwargs) {
          if (kv.first.cast<std::string>() != name) {
            throw py::type_error(std::string(fn) + "() got an unexpected keyword argument '" +
                                 kv.first.cast<std::string>() + "'");
          }
        }
      }
      if (!parse_int_list(v.ptr(), out)) bad_int_list(fn, name, v.ptr(), 0);
      return out;
    }
    if (kwargs && kwargs.size() > 0) {
      throw py::type_error(std::string(fn) + "() got an unexpected keyword argument '" +
                           py::iter(kwargs)->cast<std::string>() + "'");
    }
    throw py::type_error(std::string(fn) + "() missing 1 required positional arguments: \"" +
                         name + "\"");
  }
  if (kwargs && kwargs.size() > 0) {
    throw py::type_error(std::string(fn) + "() got an unexpected keyword argument '" +
                         py::iter(kwargs)->cast<std::string>() + "'");
  }
  if (args.size() == 1) {
    PyObject* a = args[0].ptr();
    if (is_tensor(a)) {
      const Tensor& t = unpack(a);
      if (t.dim() == 0 && is_integral_type(t.dtype(), false)) {
        out.push_back(t.item().toLong());
        return out;
      }
      bad_int_list(fn, name, a, 0);
    }
    if (!parse_int_list(a, out)) bad_int_list(fn, name, a, 0);
    return out;
  }
  out.reserve(args.size());
  for (size_t i = 0; i < args.size(); ++i) {
    PyObject* a = args[i].ptr();
    if (is_tensor(a)) {
      const Tensor& t = unpack(a);
      if (t.numel() != 1 || !is_integral_type(t.dtype(), false)) bad_int_list(fn, name, a, i + 1);
      out.push_back(t.item().toLong());
    } else if (is_int(a)) {
      out.push_back(as_int(a));
    } else {
      bad_int_list(fn, name, a, i + 1);
    }
  }
  return out;
}

// An int or a sequence of ints given as one argument.
DimVector int_list(py::handle o, const char* fn, const char* name) {
  DimVector out;
  if (!parse_int_list(o.ptr(), out)) bad_int_list(fn, name, o.ptr(), 0);
  return out;
}

// A `tensors` argument (tuple or list of tensors) with PyTorch's TypeErrors.
TensorVec tensor_seq(py::handle a, const char* fn) {
  if (!PyTuple_Check(a.ptr()) && !PyList_Check(a.ptr())) {
    throw py::type_error(std::string(fn) + "(): argument 'tensors' (position 1) must be tuple of "
                         "Tensors, not " + type_name(a.ptr()));
  }
  TensorVec out;
  const Py_ssize_t n = PySequence_Fast_GET_SIZE(a.ptr());
  out.reserve(n);
  for (Py_ssize_t i = 0; i < n; ++i) {
    PyObject* item = PySequence_Fast_GET_ITEM(a.ptr(), i);
    if (!is_tensor(item)) {
      throw py::type_error("expected Tensor as element " + std::to_string(i) +
                           " in argument 0, but got " + type_name(item));
    }
    out.push_back(unpack(item));
  }
  return out;
}

// `*tensors` given as varargs or one sequence.
TensorVec tensor_varargs(const py::args& args, const char* fn) {
  TensorVec out;
  if (args.size() == 1 && !is_tensor(args[0].ptr())) {
    py::handle a = args[0];
    if (!PyTuple_Check(a.ptr()) && !PyList_Check(a.ptr())) {
      throw py::type_error(std::string(fn) + "(): argument 'tensors' must be tuple of Tensors, not " +
                           type_name(a.ptr()));
    }
    return tensor_seq(a, fn);
  }
  for (size_t i = 0; i < args.size(); ++i) {
    if (!is_tensor(args[i].ptr())) {
      throw py::type_error("expected Tensor as element " + std::to_string(i) +
                           " in argument 0, but got " + type_name(args[i].ptr()));
    }
    out.push_back(unpack(args[i].ptr()));
  }
  return out;
}

Tensor squeeze_any(const Tensor& self, const py::object& dim) {
  if (dim.is_none()) return squeeze(self);
  if (is_int(dim.ptr()) && !is_tensor(dim.ptr())) return squeeze(self, as_int(dim.ptr()));
  DimVector dims = int_list(dim, "squeeze", "dim");
  return squeeze(self, IntArrayRef(dims));
}

// tensor_split's indices_or_sections: an int, a sequence of ints, or an int tensor
// (0-dim: sections; 1-dim: indices).
TensorVec tensor_split_any(const Tensor& self, py::handle ios, int64_t dim, const char* fn) {
  if (is_tensor(ios.ptr())) {
    const Tensor& t = unpack(ios.ptr());
    if (t.dtype() != kLong) {
      throw py::type_error(std::string(fn) +
                           " expected tensor_indices_or_sections to have dtype of long, but got " +
                           py::str(py::reinterpret_borrow<py::object>(dtype_object(t.dtype())))
                               .cast<std::string>());
    }
    if (t.dim() == 0) return tensor_split(self, t.item().toLong(), dim);
    WICK_CHECK(t.dim() == 1, fn,
               " expected tensor_indices_or_sections to be a zero-dimensional or one-dimensional "
               "tensor, but got a tensor with ", t.dim(), " dims");
    Tensor c = t.contiguous();
    std::vector<int64_t> idx(c.data_ptr<int64_t>(), c.data_ptr<int64_t>() + c.numel());
    return tensor_split(self, IntArrayRef(idx), dim);
  }
  if (is_int(ios.ptr())) return tensor_split(self, as_int(ios.ptr()), dim);
  DimVector idx = int_list(ios, fn, "indices");
  return tensor_split(self, IntArrayRef(idx), dim);
}

// hsplit / vsplit / dsplit: tensor_split along dim 1 (0 for 1-d), 0, 2 with
// an int meaning equal sections that must divide the dim.
TensorVec split_along(const Tensor& self, py::handle ios, int64_t dim, const char* fn,
                      int64_t min_dim) {
  WICK_CHECK(self.dim() >= min_dim, "torch.", fn, " requires a tensor with at least ", min_dim,
             " dimension", min_dim > 1 ? "s" : "", ", but got a tensor with ", self.dim(),
             " dimensions!");
  if (is_int(ios.ptr()) && !is_tensor(ios.ptr())) {
    const int64_t sections = as_int(ios.ptr());
    WICK_CHECK(sections != 0 && self.size(dim) % sections == 0, "torch.", fn,
               " attempted to split along dimension ", dim,
               ", but the size of the dimension ", self.size(dim),
               " is not divisible by the split_size ", sections, "!");
    return tensor_split(self, sections, dim);
  }
  DimVector idx = int_list(ios, fn, "indices");
  return tensor_split(self, IntArrayRef(idx), dim);
}

TensorVec split_any(const Tensor& self, py::handle s, int64_t dim) {
  if (is_int(s.ptr()) && !is_tensor(s.ptr())) return split(self, as_int(s.ptr()), dim);
  if (is_tensor(s.ptr())) return split(self, unpack(s.ptr()).item().toLong(), dim);
  DimVector sizes = int_list(s, "split", "split_size");
  return split_with_sizes(self, IntArrayRef(sizes), dim);
}

Tensor movedim_any(const Tensor& self, py::handle src, py::handle dst) {
  if (is_int(src.ptr()) && is_int(dst.ptr()) && !is_tensor(src.ptr()) && !is_tensor(dst.ptr())) {
    return movedim(self, as_int(src.ptr()), as_int(dst.ptr()));
  }
  DimVector s = int_list(src, "movedim", "source"), d = int_list(dst, "movedim", "destination");
  return movedim(self, IntArrayRef(s), IntArrayRef(d));
}

Tensor roll_any(const Tensor& self, py::handle shifts, py::handle dims) {
  DimVector s = int_list(shifts, "roll", "shifts");
  DimVector d;
  if (!dims.is_none()) d = int_list(dims, "roll", "dims");
  return roll(self, IntArrayRef(s), IntArrayRef(d));
}

Tensor repeat_interleave_any(const Tensor& self, py::handle repeats, std::optional<int64_t> dim) {
  if (is_tensor(repeats.ptr())) {
    const Tensor& r = unpack(repeats.ptr());
    py::gil_scoped_release g;
    return repeat_interleave(self, r, dim);
  }
  const int64_t r = as_int(repeats.ptr());
  py::gil_scoped_release g;
  return repeat_interleave(self, r, dim);
}

py::object atleast(const py::args& args, Tensor (*f)(const Tensor&), const char* fn) {
  if (args.size() == 1 && is_tensor(args[0].ptr())) {
    return py::reinterpret_steal<py::object>(wrap(f(unpack(args[0].ptr()))));
  }
  TensorVec ts = tensor_varargs(args, fn);
  for (auto& t : ts) t = f(t);
  return to_tuple(ts);
}

Tensor cartesian_prod(const TensorVec& ts) {
  for (const auto& t : ts) {
    WICK_CHECK(t.dim() == 1, "Expect a 1D vector, but got shape ", t.sizes());
  }
  if (ts.size() == 1) return ts[0];
  TensorVec grids = meshgrid(TensorList(ts), "ij");
  for (auto& g : grids) g = flatten(g);
  return stack(TensorList(grids), 1);
}

using JoinFn = Tensor (*)(TensorList);

// *_scatter(input, src, ...): a copy of input with the view `part` of it
// replaced by src (which must have the view's shape); differentiable.
template <typename ViewFn>
Tensor view_scatter(const Tensor& self, const Tensor& src, ViewFn part) {
  Tensor out = self.clone();
  Tensor v = part(out);
  WICK_CHECK(v.sizes().equals(src.sizes()),
             "expected src to have a size equal to the slice of self. src size = ", src.sizes(),
             ", slice size = ", v.sizes());
  v.copy_(src);
  return out;
}

}  // namespace

void init_shape(py::module_& m) {
  // ---- view / reshape ----------------------------------------------------------
  def_method("view", [](const Tensor& self, py::args args, py::kwargs kwargs) {
    if (args.size() == 1 && PyObject_TypeCheck(args[0].ptr(), DtypeType)) {
      return view(self, args[0].cast<ScalarType>());
    }
    if (args.size() == 0 && kwargs && kwargs.contains("dtype")) {
      return view(self, kwargs["dtype"].cast<ScalarType>());
    }
    DimVector size = int_varargs(args, kwargs, "view", "size");
    return view(self, IntArrayRef(size));
  });
  def_method("view_as", [](const Tensor& self, const Tensor& o) { return view_as(self, o); },
             arg("other"));
  m.def("reshape", [](const Tensor& self, const IntList& shape) { return reshape(self, shape); },
        arg("input"), arg("shape"), nogil());
  def_method("reshape", [](const Tensor& self, py::args args, py::kwargs kwargs) {
    DimVector size = int_varargs(args, kwargs, "reshape", "shape");
    return reshape(self, IntArrayRef(size));
  });
  def_method("reshape_as", [](const Tensor& self, const Tensor& o) { return reshape_as(self, o); },
             arg("other"));
  m.def("permute", [](const Tensor& self, const IntList& dims) { return permute(self, dims); },
        arg("input"), arg("dims"));
  def_method("permute", [](const Tensor& self, py::args args, py::kwargs kwargs) {
    DimVector dims = int_varargs(args, kwargs, "permute", "dims");
    return permute(self, IntArrayRef(dims));
  });
  for (const char* name : {"transpose", "swapaxes", "swapdims"}) {
    const bool axes = std::string(name) == "swapaxes";
    auto f = [](const Tensor& self, int64_t a, int64_t b) { return transpose(self, a, b); };
    auto f_ = [](Tensor& self, int64_t a, int64_t b) -> Tensor& { return transpose_(self, a, b); };
    const char* a0 = axes ? "axis0" : "dim0";
    const char* a1 = axes ? "axis1" : "dim1";
    def_both(m, name, f, arg(a0), arg(a1));
    def_method((std::string(name) + "_").c_str(), f_, arg(a0), arg(a1));
  }
  def_both(m, "t", [](const Tensor& self) { return t(self); });
  def_method("t_", [](Tensor& self) -> Tensor& { return t_(self); });
  def_both(m, "adjoint", [](const Tensor& self) { return adjoint(self); });
  def_method("expand", [](const Tensor& self, py::args args, py::kwargs kwargs) {
    bool implicit = false;
    if (kwargs && kwargs.contains("implicit")) {
      implicit = kwargs["implicit"].cast<bool>();
      PyDict_DelItemString(kwargs.ptr(), "implicit");
    }
    DimVector size = int_varargs(args, kwargs, "expand", "size");
    return expand(self, IntArrayRef(size), implicit);
  });
  def_method("expand_as", [](const Tensor& self, const Tensor& o) { return expand_as(self, o); },
             arg("other"));
  def_both(m, "squeeze", [](const Tensor& self, py::object dim) { return squeeze_any(self, dim); },
           arg("dim") = py::none());
  def_method("squeeze_", [](Tensor& self, py::object dim) -> Tensor& {
    if (dim.is_none()) return squeeze_(self);
    if (is_int(dim.ptr()) && !is_tensor(dim.ptr())) return squeeze_(self, as_int(dim.ptr()));
    DimVector dims = int_list(dim, "squeeze_", "dim");
    for (auto& d : dims) d = maybe_wrap_dim(d, self.dim());
    std::sort(dims.begin(), dims.end(), std::greater<int64_t>());
    for (size_t i = 0; i < dims.size(); ++i) {
      if (i > 0 && dims[i] == dims[i - 1]) continue;
      if (self.size(dims[i]) == 1) squeeze_(self, dims[i]);
    }
    return self;
  }, arg("dim") = py::none());
  def_both(m, "unsqueeze", [](const Tensor& self, int64_t dim) { return unsqueeze(self, dim); },
           arg("dim"));
  def_method("unsqueeze_", [](Tensor& self, int64_t dim) -> Tensor& { return unsqueeze_(self, dim); },
             arg("dim"));
  def_both(m, "flatten", [](const Tensor& self, int64_t s, int64_t e) { return flatten(self, s, e); },
           arg("start_dim") = 0, arg("end_dim") = -1);
  def_both(m, "unflatten", [](const Tensor& self, int64_t dim, const IntList& sizes) {
    return unflatten(self, dim, sizes);
  }, arg("dim"), arg("sizes"));
  def_both(m, "ravel", [](const Tensor& self) { return ravel(self); });
  def_both(m, "narrow", [](const Tensor& self, int64_t dim, int64_t start, int64_t length) {
    return narrow(self, dim, start, length);
  }, arg("dim"), arg("start"), arg("length"));
  m.def("narrow_copy", [](const Tensor& self, int64_t dim, int64_t start, int64_t length,
                          std::optional<Tensor> out) {
    Tensor r = narrow_copy(self, dim, start, length);
    return out ? write_out(*out, r) : r;
  }, arg("input"), arg("dim"), arg("start"), arg("length"), py::kw_only(), arg("out") = py::none(),
        nogil());
  def_method("narrow_copy", [](const Tensor& self, int64_t dim, int64_t start, int64_t length) {
    return narrow_copy(self, dim, start, length);
  }, arg("dim"), arg("start"), arg("length"), nogil());
  def_both(m, "select", [](const Tensor& self, int64_t dim, int64_t index) {
    return select(self, dim, index);
  }, arg("dim"), arg("index"));

  // ---- splitting (tuples) ------------------------------------------------------------
  def_both(m, "chunk", [](const Tensor& self, int64_t chunks, int64_t dim) {
    return to_tuple(chunk(self, chunks, dim));
  }, arg("chunks"), arg("dim") = 0);
  def_both(m, "tensor_split", [](const Tensor& self, py::handle ios, int64_t dim) {
    return to_tuple(tensor_split_any(self, ios, dim, "tensor_split"));
  }, arg("indices_or_sections"), arg("dim") = 0);
  // tensor_split(input, sections=..., dim) / (input, indices=..., dim) keyword forms
  def_both(m, "tensor_split", [](const Tensor& self, py::kwargs kw) {
    int64_t dim = kw.contains("dim") ? kw["dim"].cast<int64_t>() : 0;
    if (kw.contains("sections")) return to_tuple(tensor_split(self, kw["sections"].cast<int64_t>(), dim));
    if (kw.contains("indices")) {
      return to_tuple(tensor_split_any(self, kw["indices"], dim, "tensor_split"));
    }
    if (kw.contains("tensor_indices_or_sections")) {
      return to_tuple(tensor_split_any(self, kw["tensor_indices_or_sections"], dim, "tensor_split"));
    }
    throw py::type_error("tensor_split() missing required argument 'indices_or_sections'");
  });
  m.def("split", [](const Tensor& self, py::handle s, int64_t dim) {
    return to_tuple(split_any(self, s, dim));
  }, arg("tensor"), arg("split_size_or_sections"), arg("dim") = 0);
  def_method("split", [](const Tensor& self, py::handle s, int64_t dim) {
    return to_tuple(split_any(self, s, dim));
  }, arg("split_size"), arg("dim") = 0);
  // unsafe_*: the same pieces (wick has no view-tracking difference to skip)
  def_both(m, "unsafe_chunk", [](const Tensor& self, int64_t chunks, int64_t dim) {
    return to_tuple(chunk(self, chunks, dim));
  }, arg("chunks"), arg("dim") = 0);
  def_both(m, "unsafe_split", [](const Tensor& self, int64_t split_size, int64_t dim) {
    return to_tuple(split(self, split_size, dim));
  }, arg("split_size"), arg("dim") = 0);
  def_both(m, "unsafe_split_with_sizes", [](const Tensor& self, const IntList& sizes, int64_t dim) {
    return to_tuple(split_with_sizes(self, sizes, dim));
  }, arg("split_sizes"), arg("dim") = 0);
  def_both(m, "split_with_sizes", [](const Tensor& self, const IntList& sizes, int64_t dim) {
    return to_tuple(split_with_sizes(self, sizes, dim));
  }, arg("split_sizes"), arg("dim") = 0);
  def_both(m, "unbind", [](const Tensor& self, int64_t dim) { return to_tuple(unbind(self, dim)); },
           arg("dim") = 0);
  def_both(m, "hsplit", [](const Tensor& self, py::handle ios) {
    return to_tuple(split_along(self, ios, self.dim() == 1 ? 0 : 1, "hsplit", 1));
  }, arg("indices_or_sections"));
  def_both(m, "vsplit", [](const Tensor& self, py::handle ios) {
    return to_tuple(split_along(self, ios, 0, "vsplit", 2));
  }, arg("indices_or_sections"));
  def_both(m, "dsplit", [](const Tensor& self, py::handle ios) {
    return to_tuple(split_along(self, ios, 2, "dsplit", 3));
  }, arg("indices_or_sections"));

  // ---- other views ----------------------------------------------------------------------
  def_both(m, "diagonal", [](const Tensor& self, int64_t offset, int64_t d1, int64_t d2) {
    return diagonal(self, offset, d1, d2);
  }, arg("offset") = 0, arg("dim1") = 0, arg("dim2") = 1);
  def_both(m, "movedim", [](const Tensor& self, py::handle s, py::handle d) {
    return movedim_any(self, s, d);
  }, arg("source"), arg("destination"));
  def_both(m, "moveaxis", [](const Tensor& self, py::handle s, py::handle d) {
    return movedim_any(self, s, d);
  }, arg("source"), arg("destination"));
  def_both(m, "as_strided", [](const Tensor& self, const IntList& size, const IntList& stride,
                               std::optional<int64_t> offset) {
    return as_strided(self, size, stride, offset);
  }, arg("size"), arg("stride"), arg("storage_offset") = py::none());
  def_method("unfold", [](const Tensor& self, int64_t d, int64_t size, int64_t step) {
    return unfold(self, d, size, step);
  }, arg("dimension"), arg("size"), arg("step"));
  def_both(m, "broadcast_to", [](const Tensor& self, const IntList& size) {
    return broadcast_to(self, size);
  }, arg("size"));
  m.def("broadcast_tensors", [](py::args args) {
    TensorVec ts = tensor_varargs(args, "broadcast_tensors");
    return to_tuple(broadcast_tensors(TensorList(ts)));
  });
  m.def("broadcast_shapes", [](py::args args) {
    std::vector<DimVector> shapes;
    for (py::handle a : args) shapes.push_back(int_list(a, "broadcast_shapes", "shape"));
    DimVector r = broadcast_shapes(shapes);
    return py::reinterpret_steal<py::object>(size_object(r));
  });
  m.def("meshgrid", [](py::args args, std::optional<std::string> indexing) {
    TensorVec ts = tensor_varargs(args, "meshgrid");
    return to_tuple(meshgrid(TensorList(ts), indexing.value_or("ij")));
  }, py::kw_only(), arg("indexing") = py::none());
  m.def("cartesian_prod", [](py::args args) {
    return cartesian_prod(tensor_varargs(args, "cartesian_prod"));
  });
  m.def("atleast_1d", [](py::args a) { return atleast(a, atleast_1d, "atleast_1d"); });
  m.def("atleast_2d", [](py::args a) { return atleast(a, atleast_2d, "atleast_2d"); });
  m.def("atleast_3d", [](py::args a) { return atleast(a, atleast_3d, "atleast_3d"); });

  def_both(m, "select_scatter", [](const Tensor& self, const Tensor& src, int64_t dim,
                                   int64_t index) {
    return view_scatter(self, src, [&](const Tensor& o) { return select(o, dim, index); });
  }, arg("src"), arg("dim"), arg("index"), nogil());
  def_both(m, "slice_scatter", [](const Tensor& self, const Tensor& src, int64_t dim,
                                  std::optional<int64_t> start, std::optional<int64_t> end,
                                  int64_t step) {
    return view_scatter(self, src, [&](const Tensor& o) { return slice(o, dim, start, end, step); });
  }, arg("src"), arg("dim") = 0, arg("start") = py::none(), arg("end") = py::none(),
           arg("step") = 1, nogil());
  def_both(m, "diagonal_scatter", [](const Tensor& self, const Tensor& src, int64_t offset,
                                     int64_t d1, int64_t d2) {
    return view_scatter(self, src, [&](const Tensor& o) { return diagonal(o, offset, d1, d2); });
  }, arg("src"), arg("offset") = 0, arg("dim1") = 0, arg("dim2") = 1, nogil());

  // ---- repeating and flipping (copies) ------------------------------------------------------
  def_method("repeat", [](const Tensor& self, py::args args, py::kwargs kwargs) {
    DimVector r = int_varargs(args, kwargs, "repeat", "repeats");
    py::gil_scoped_release g;
    return repeat(self, IntArrayRef(r));
  });
  m.def("repeat_interleave", [](const Tensor& self, py::handle repeats, std::optional<int64_t> dim,
                                std::optional<int64_t>) {
    return repeat_interleave_any(self, repeats, dim);
  }, arg("input"), arg("repeats"), arg("dim") = py::none(), py::kw_only(),
        arg("output_size") = py::none());
  m.def("repeat_interleave", [](const Tensor& repeats, std::optional<int64_t>) {
    return repeat_interleave(repeats);
  }, arg("repeats"), py::kw_only(), arg("output_size") = py::none(), nogil());
  def_method("repeat_interleave", [](const Tensor& self, py::handle repeats,
                                     std::optional<int64_t> dim, std::optional<int64_t>) {
    return repeat_interleave_any(self, repeats, dim);
  }, arg("repeats"), arg("dim") = py::none(), py::kw_only(), arg("output_size") = py::none());
  m.def("tile", [](const Tensor& self, const IntList& dims) { return tile(self, dims); },
        arg("input"), arg("dims"), nogil());
  def_method("tile", [](const Tensor& self, py::args args, py::kwargs kwargs) {
    DimVector d = int_varargs(args, kwargs, "tile", "dims");
    py::gil_scoped_release g;
    return tile(self, IntArrayRef(d));
  });
  m.def("flip", [](const Tensor& self, const IntList& dims) { return flip(self, dims); },
        arg("input"), arg("dims"), nogil());
  def_method("flip", [](const Tensor& self, py::args args, py::kwargs kwargs) {
    DimVector d = int_varargs(args, kwargs, "flip", "dims");
    py::gil_scoped_release g;
    return flip(self, IntArrayRef(d));
  });
  def_both(m, "fliplr", [](const Tensor& self) { return fliplr(self); }, nogil());
  def_both(m, "flipud", [](const Tensor& self) { return flipud(self); }, nogil());
  def_both(m, "roll", [](const Tensor& self, py::handle shifts, py::handle dims) {
    return roll_any(self, shifts, dims);
  }, arg("shifts"), arg("dims") = py::none());
  def_both(m, "rot90", [](const Tensor& self, int64_t k, const IntList& dims) {
    return rot90(self, k, dims);
  }, arg("k") = 1, arg("dims") = std::vector<int64_t>{0, 1}, nogil());

  // ---- joining --------------------------------------------------------------------------
  for (const char* name : {"cat", "concat", "concatenate"}) {
    const bool axis = std::string(name) == "concatenate";
    m.def(name, [name](py::handle tensors, int64_t dim, std::optional<Tensor> out) {
      TensorVec ts = tensor_seq(tensors, name);
      py::gil_scoped_release g;
      if (out) {
        Tensor o = *out;
        return Tensor(cat_out(o, TensorList(ts), dim));
      }
      return cat(TensorList(ts), dim);
    }, arg("tensors"), arg(axis ? "axis" : "dim") = 0, py::kw_only(), arg("out") = py::none());
  }
  m.def("stack", [](py::handle tensors, int64_t dim, std::optional<Tensor> out) {
    TensorVec ts = tensor_seq(tensors, "stack");
    py::gil_scoped_release g;
    if (out) {
      Tensor o = *out;
      return Tensor(stack_out(o, TensorList(ts), dim));
    }
    return stack(TensorList(ts), dim);
  }, arg("tensors"), arg("dim") = 0, py::kw_only(), arg("out") = py::none());
  const std::pair<const char*, JoinFn> joins[] = {
      {"hstack", hstack}, {"vstack", vstack}, {"row_stack", row_stack},
      {"dstack", dstack}, {"column_stack", column_stack}};
  for (const auto& [name, f] : joins) {
    m.def(name, [f = f, name = name](py::handle tensors, std::optional<Tensor> out) {
      TensorVec ts = tensor_seq(tensors, name);
      py::gil_scoped_release g;
      Tensor r = f(TensorList(ts));
      return out ? write_out(*out, r) : r;
    }, arg("tensors"), py::kw_only(), arg("out") = py::none());
  }
}

}  // namespace wick::python
