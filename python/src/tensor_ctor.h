#pragma once
// Tensors made from Python data: wick.tensor / as_tensor, the legacy
// constructors (wick.Tensor(2, 3), wick.FloatTensor([1, 2])) and numpy arrays.
#include <Python.h>

#include <optional>

#include "wick/tensor/tensor.h"

namespace wick::python {

// wick.tensor(data): nested sequences of numbers/tensors, numbers, tensors
// (copied), numpy arrays (copied). dtype defaults to the one inferred from data.
Tensor tensor_from_data(PyObject* data, std::optional<ScalarType> dtype,
                        std::optional<Device> device);
// wick.Tensor(*args, device=None) with `dtype` as the legacy type's dtype.
Tensor legacy_tensor_new(ScalarType dtype, PyObject* args, PyObject* kwargs);

// numpy bridge (numpy.cpp).
bool is_numpy_array(PyObject* o);
// Shares the array's memory; the array stays alive while the tensor does.
Tensor tensor_from_numpy(PyObject* array);
// An ndarray sharing t's memory, keeping `owner` (t's Python object) alive.
PyObject* tensor_to_numpy(const Tensor& t, PyObject* owner, bool force);
// The wick dtype of a numpy dtype object, or nullopt if it has none.
std::optional<ScalarType> scalar_type_from_numpy_dtype(PyObject* np_dtype);

}  // namespace wick::python
