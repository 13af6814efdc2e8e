#pragma once
// pybind11 conversions between Python objects and wick's C++ types, so bound
// functions take and return wick::Tensor, Scalar, ScalarType, Device directly.
//   Tensor      <-> wick.Tensor (same object each time, see tensor_object.h);
//               an undefined Tensor becomes None
//   Scalar      <-  bool / int / float (and numpy scalars, 0-dim tensors are not
//               scalars here: overloads taking Tensor come first)
//   ScalarType  <-> wick.dtype; also accepts Python's float, int and bool types
//   Device      <-> wick.device; also accepts "cpu", "cuda:0" and an int (cuda index)
//   IntList     <-  an int or a sequence of ints (wick.Size, tuple, list)
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "python/src/tensor_object.h"
#include "python/src/types.h"
#include "wick/core/array_ref.h"
#include "wick/core/scalar.h"

namespace wick::python {

// An int list argument (sizes, dims) parsed from Python.
struct IntList {
  DimVector values;
  operator IntArrayRef() const { return IntArrayRef(values); }  // NOLINT
};

// Parses an int or a sequence of ints; false if `o` is neither.
bool parse_int_list(PyObject* o, DimVector& out, bool allow_single_int = true);
// Python number -> Scalar; false if `o` is not a number.
bool parse_scalar(PyObject* o, Scalar& out);
// Scalar -> Python bool/int/float.
PyObject* scalar_to_py(const Scalar& s);

}  // namespace wick::python

namespace pybind11::detail {

template <>
struct type_caster<wick::Tensor> {
  PYBIND11_TYPE_CASTER(wick::Tensor, const_name("Tensor"));
  bool load(handle src, bool) {
    if (!wick::python::is_tensor(src.ptr())) return false;
    value = wick::python::unpack(src.ptr());
    return true;
  }
  static handle cast(const wick::Tensor& t, return_value_policy, handle) {
    return wick::python::wrap(t);
  }
};

template <>
struct type_caster<wick::Scalar> {
  PYBIND11_TYPE_CASTER(wick::Scalar, const_name("Number"));
  bool load(handle src, bool) { return wick::python::parse_scalar(src.ptr(), value); }
  static handle cast(const wick::Scalar& s, return_value_policy, handle) {
    return wick::python::scalar_to_py(s);
  }
};

template <>
struct type_caster<wick::ScalarType> {
  PYBIND11_TYPE_CASTER(wick::ScalarType, const_name("dtype"));
  bool load(handle src, bool) {
    PyObject* o = src.ptr();
    if (PyObject_TypeCheck(o, wick::python::DtypeType)) {
      value = reinterpret_cast<wick::python::DtypeObject*>(o)->scalar_type;
      return true;
    }
    if (o == reinterpret_cast<PyObject*>(&PyFloat_Type)) value = wick::kDouble;
    else if (o == reinterpret_cast<PyObject*>(&PyLong_Type)) value = wick::kLong;
    else if (o == reinterpret_cast<PyObject*>(&PyBool_Type)) value = wick::kBool;
    else return false;
    return true;
  }
  static handle cast(wick::ScalarType t, return_value_policy, handle) {
    PyObject* o = wick::python::dtype_object(t);
    Py_INCREF(o);
    return o;
  }
};

template <>
struct type_caster<wick::Device> {
  PYBIND11_TYPE_CASTER(wick::Device, const_name("device"));
  bool load(handle src, bool);
  static handle cast(const wick::Device& d, return_value_policy, handle) {
    return wick::python::device_object(d);
  }
};

template <>
struct type_caster<wick::python::IntList> {
  PYBIND11_TYPE_CASTER(wick::python::IntList, const_name("List[int]"));
  bool load(handle src, bool) {
    return wick::python::parse_int_list(src.ptr(), value.values);
  }
  static handle cast(const wick::python::IntList& l, return_value_policy, handle) {
    return wick::python::size_object(l.values);
  }
};

}  // namespace pybind11::detail

namespace wick::python {
// An argument PyTorch types as Tensor but also accepts as a Python number
// (`other` of add, mul, eq, ...): one conversion instead of two overloads.
struct TensorOrScalar {
  Tensor tensor;  // defined when a tensor was given
  Scalar scalar;
  bool is_tensor() const { return tensor.defined(); }
};
}  // namespace wick::python

namespace pybind11::detail {
template <>
struct type_caster<wick::python::TensorOrScalar> {
  PYBIND11_TYPE_CASTER(wick::python::TensorOrScalar, const_name("Union[Tensor, Number]"));
  bool load(handle src, bool) {
    if (wick::python::is_tensor(src.ptr())) {
      value.tensor = wick::python::unpack(src.ptr());
      return true;
    }
    return wick::python::parse_scalar(src.ptr(), value.scalar);
  }
  static handle cast(const wick::python::TensorOrScalar&, return_value_policy, handle) {
    return none().release();
  }
};
}  // namespace pybind11::detail

namespace wick::python {
// The other operand of an arithmetic operator (t + x): like TensorOrScalar, and
// a numpy array becomes a tensor sharing its memory, as PyTorch's operators do.
struct Operand : TensorOrScalar {};
}  // namespace wick::python

namespace pybind11::detail {
template <>
struct type_caster<wick::python::Operand> {
  PYBIND11_TYPE_CASTER(wick::python::Operand, const_name("Union[Tensor, Number, ndarray]"));
  bool load(handle src, bool convert);
  static handle cast(const wick::python::Operand&, return_value_policy, handle) {
    return none().release();
  }
};
}  // namespace pybind11::detail
