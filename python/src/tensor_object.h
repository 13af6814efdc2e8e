#pragma once
// The Python type wick.Tensor: a CPython object holding one wick::Tensor.
//
// Note [One Python object per tensor]
// TensorImpl::pyobj() points (without owning) at the Python object that wraps
// the impl, so handing the same tensor to Python twice gives the same object
// back (`x.grad is x.grad`), and a Tensor subclass instance stays that
// subclass when C++ returns it. The Python object owns a C++ reference; its
// dealloc clears the back pointer. If the Python object dies while C++ still
// holds the tensor, the next trip to Python makes a fresh wick.Tensor
// (PyTorch instead resurrects the old object; we do not, so attributes set
// from Python on such a tensor are lost with its object).
#include <Python.h>

#include "wick/tensor/tensor.h"

namespace wick::python {

struct TensorObject {
  PyObject_HEAD
  Tensor cdata;
  PyObject* dict;
  PyObject* weakreflist;
};

extern PyTypeObject* TensorType;

inline bool is_tensor(PyObject* o) { return PyObject_TypeCheck(o, TensorType); }
inline const Tensor& unpack(PyObject* o) { return reinterpret_cast<TensorObject*>(o)->cdata; }

// A new reference to the Python object for t (None for an undefined tensor).
PyObject* wrap(Tensor t);
// Wraps t in a fresh instance of `type` (wick.Tensor or a subclass). t must not
// already have a Python object.
PyObject* wrap_as(PyTypeObject* type, Tensor t);

}  // namespace wick::python
