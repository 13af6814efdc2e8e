// Tensor.__getitem__ / __setitem__: Python index objects (ints, slices, None,
// Ellipsis, bools, sequences, tensors, numpy arrays, and tuples of those) are
// parsed into wick::TensorIndex and applied by wick::indexing (C++), which
// implements numpy's basic/advanced rules and keeps autograd working.
//
// The two functions are CPython mapping slots of wick.Tensor (no pybind11
// dispatch): t[0] and t[1:3] take a short path straight to select / slice.
#include <pybind11/pybind11.h>

#include <descrobject.h>

#include <string>
#include <vector>

#include "python/src/bind.h"
#include "python/src/errors.h"
#include "python/src/init.h"
#include "python/src/tensor_ctor.h"
#include "wick/ops/shape.h"
#include "wick/tensor/indexing.h"

namespace wick::python {

namespace {

using indexing::Slice;

[[noreturn]] void raise(PyObject* type, const std::string& msg) {
  PyErr_SetString(type, msg.c_str());
  throw py::error_already_set();
}

[[noreturn]] void out_of_bounds(int64_t index, int64_t dim, int64_t size) {
  raise(PyExc_IndexError, "index " + std::to_string(index) + " is out of bounds for dimension " +
                              std::to_string(dim) + " with size " + std::to_string(size));
}

const char* legacy_name(ScalarType t) {
  switch (t) {
    case kBool: return "wick.BoolTensor";
    case kByte: return "wick.ByteTensor";
    case kChar: return "wick.CharTensor";
    case kShort: return "wick.ShortTensor";
    case kInt: return "wick.IntTensor";
    case kLong: return "wick.LongTensor";
    case kHalf: return "wick.HalfTensor";
    case kBFloat16: return "wick.BFloat16Tensor";
    case kFloat: return "wick.FloatTensor";
    default: return "wick.DoubleTensor";
  }
}

Slice to_slice(PyObject* o) {
  Py_ssize_t start, stop, step;
  if (PySlice_Unpack(o, &start, &stop, &step) < 0) throw py::error_already_set();
  if (step <= 0) raise(PyExc_ValueError, "step must be greater than zero");
  return Slice(start, stop, step);
}

// An index that is a sequence (not a tuple) is read as a tuple of indices
// when it holds a slice, Ellipsis, None, a tensor or another sequence (numpy's
// legacy rule, which PyTorch keeps); otherwise it is one index tensor.
bool sequence_is_tuple(PyObject* seq) {
  const Py_ssize_t n = PySequence_Size(seq);
  if (n < 0) {
    PyErr_Clear();
    return false;
  }
  if (n >= 32) return false;
  for (Py_ssize_t i = 0; i < n; ++i) {
    PyObject* item = PySequence_GetItem(seq, i);
    if (!item) {
      PyErr_Clear();
      return false;
    }
    const bool yes = is_tensor(item) || PySlice_Check(item) || item == Py_Ellipsis ||
                     item == Py_None || (PySequence_Check(item) && !PyUnicode_Check(item)) ||
                     is_numpy_array(item);
    Py_DECREF(item);
    if (yes) return true;
  }
  return false;
}

Tensor sequence_to_index(PyObject* o) {
  Tensor t = tensor_from_data(o, std::nullopt, std::nullopt);
  if (t.numel() == 0 && t.is_floating_point()) t = t.to(kLong);  // t[[]] selects nothing
  return t;
}

TensorIndex to_index(PyObject* o) {
  if (PyLong_CheckExact(o)) {
    const long long v = PyLong_AsLongLong(o);
    if (v == -1 && PyErr_Occurred()) throw py::error_already_set();
    return TensorIndex(static_cast<int64_t>(v));
  }
  if (is_tensor(o)) return TensorIndex(unpack(o));
  if (PySlice_Check(o)) return TensorIndex(to_slice(o));
  if (o == Py_None) return TensorIndex(indexing::None);
  if (o == Py_Ellipsis) return TensorIndex(indexing::Ellipsis);
  if (PyBool_Check(o)) return TensorIndex(o == Py_True);
  if (is_numpy_array(o)) return TensorIndex(tensor_from_numpy(o));
  if (PyLong_Check(o) || (PyIndex_Check(o) && !PyFloat_Check(o))) {
    PyObject* idx = PyNumber_Index(o);
    if (!idx) throw py::error_already_set();
    const long long v = PyLong_AsLongLong(idx);
    Py_DECREF(idx);
    if (v == -1 && PyErr_Occurred()) throw py::error_already_set();
    return TensorIndex(static_cast<int64_t>(v));
  }
  if (PyUnicode_Check(o)) raise(PyExc_TypeError, "new(): invalid data type 'str'");
  if (PySequence_Check(o)) return TensorIndex(sequence_to_index(o));
  raise(PyExc_IndexError,
        std::string("only integers, slices (`:`), ellipsis (`...`), None and long or byte "
                    "Variables are valid indices (got ") + Py_TYPE(o)->tp_name + ")");
}

// The index object as a list of TensorIndex; `advanced` tells whether any is a
// tensor (then the C++ work may be long and runs without the GIL).
std::vector<TensorIndex> parse_indices(PyObject* index, bool& advanced) {
  std::vector<TensorIndex> out;
  auto add = [&](PyObject* item) {
    out.push_back(to_index(item));
    advanced = advanced || out.back().is_tensor();
  };
  if (PyTuple_Check(index)) {
    const Py_ssize_t n = PyTuple_GET_SIZE(index);
    out.reserve(n);
    bool ellipsis = false;
    for (Py_ssize_t i = 0; i < n; ++i) {
      PyObject* item = PyTuple_GET_ITEM(index, i);
      if (item == Py_Ellipsis) {
        if (ellipsis) raise(PyExc_IndexError, "an index can only have a single ellipsis ('...')");
        ellipsis = true;
      }
      add(item);
    }
  } else if (!is_tensor(index) && !is_numpy_array(index) && PySequence_Check(index) &&
             !PyUnicode_Check(index) && sequence_is_tuple(index)) {
    py::tuple t = py::reinterpret_steal<py::tuple>(PySequence_Tuple(index));
    if (!t) throw py::error_already_set();
    return parse_indices(t.ptr(), advanced);
  } else {
    add(index);
  }
  return out;
}

PyObject* tensor_getitem(PyObject* self, PyObject* index) {
  WICK_PY_TRY
  const Tensor& t = unpack(self);
  // Short paths: t[i] and t[a:b:c].
  if (PyLong_CheckExact(index)) {
    long long i = PyLong_AsLongLong(index);
    if (i == -1 && PyErr_Occurred()) return nullptr;
    const int64_t nd = t.dim();
    if (nd == 0) {
      raise(PyExc_IndexError,
            "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or "
            "`tensor.item<T>()` in C++ to convert a 0-dim tensor to a number");
    }
    const int64_t size = t.size(0);
    if (i < -size || i >= size) out_of_bounds(i, 0, size);
    return wrap(select(t, 0, i));
  }
  if (PySlice_Check(index) && t.dim() > 0) {
    Slice s = to_slice(index);
    return wrap(slice(t, 0, s.start(), s.stop(), s.step()));
  }
  bool advanced = false;
  std::vector<TensorIndex> idx = parse_indices(index, advanced);
  Tensor r;
  if (advanced) {
    py::gil_scoped_release g;
    r = indexing::get_item(t, idx);
  } else {
    r = indexing::get_item(t, idx);
  }
  return wrap(std::move(r));
  WICK_PY_CATCH(nullptr)
}

int tensor_setitem(PyObject* self, PyObject* index, PyObject* value) {
  WICK_PY_TRY
  if (!value) {
    PyErr_SetString(PyExc_TypeError, "Tensor does not support deleting items");
    return -1;
  }
  const Tensor& t = unpack(self);
  Tensor v;
  Scalar s;
  bool is_scalar = false;
  if (is_tensor(value)) {
    v = unpack(value);
  } else if (is_numpy_array(value)) {
    v = tensor_from_numpy(value).to(t.dtype());
  } else if (parse_scalar(value, s)) {
    is_scalar = true;
  } else if ((PyList_Check(value) || PyTuple_Check(value))) {
    v = tensor_from_data(value, t.dtype(), std::nullopt);
  } else {
    raise(PyExc_TypeError, std::string("can't assign a ") + Py_TYPE(value)->tp_name + " to a " +
                               legacy_name(t.dtype()));
  }
  bool advanced = false;
  std::vector<TensorIndex> idx;
  if (PyLong_CheckExact(index)) {
    long long i = PyLong_AsLongLong(index);
    if (i == -1 && PyErr_Occurred()) return -1;
    idx.emplace_back(static_cast<int64_t>(i));
  } else {
    idx = parse_indices(index, advanced);
  }
  py::gil_scoped_release g;
  if (is_scalar) {
    indexing::set_item(t, idx, s);
  } else {
    indexing::set_item(t, idx, v);
  }
  return 0;
  WICK_PY_CATCH(-1)
}

// wrapper_descriptor objects for __getitem__ / __setitem__ / __delitem__, like
// the ones CPython makes for a type defined with mapping slots: they are taken
// from a throwaway type and re-made for wick.Tensor, so subclasses keep the
// fast slots.
void install_mapping_slots() {
  static PyType_Slot slots[] = {
      {Py_mp_subscript, reinterpret_cast<void*>(tensor_getitem)},
      {Py_mp_ass_subscript, reinterpret_cast<void*>(tensor_setitem)},
      {0, nullptr}};
  static PyType_Spec spec = {"wick._IndexingSlots", sizeof(PyObject), 0, Py_TPFLAGS_DEFAULT, slots};
  PyObject* tmp = PyType_FromSpec(&spec);
  if (!tmp) throw py::error_already_set();
  PyTypeObject* tensor = TensorType;
  for (const char* name : {"__getitem__", "__setitem__", "__delitem__"}) {
    PyObject* d = PyDict_GetItemString(reinterpret_cast<PyTypeObject*>(tmp)->tp_dict, name);
    if (!d || !Py_IS_TYPE(d, &PyWrapperDescr_Type)) {
      Py_DECREF(tmp);
      throw std::runtime_error("wick: could not make the indexing slots");
    }
    auto* wd = reinterpret_cast<PyWrapperDescrObject*>(d);
    PyObject* mine = PyDescr_NewWrapper(tensor, wd->d_base, wd->d_wrapped);
    if (!mine || PyDict_SetItemString(tensor->tp_dict, name, mine) < 0) {
      Py_XDECREF(mine);
      Py_DECREF(tmp);
      throw py::error_already_set();
    }
    Py_DECREF(mine);
  }
  Py_DECREF(tmp);
  tensor->tp_as_mapping->mp_subscript = tensor_getitem;
  tensor->tp_as_mapping->mp_ass_subscript = tensor_setitem;
  PyType_Modified(tensor);
}

}  // namespace

void init_indexing(py::module_&) { install_mapping_slots(); }

}  // namespace wick::python
