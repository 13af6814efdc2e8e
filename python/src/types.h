#pragma once
// The small value types of the Python API: wick.dtype (wick.float32, ...),
// wick.device and wick.Size (a tuple subclass printed as wick.Size([2, 3])).
#include <Python.h>

#include "wick/core/array_ref.h"
#include "wick/core/device.h"
#include "wick/core/dtype.h"

namespace wick::python {

struct DtypeObject {
  PyObject_HEAD
  ScalarType scalar_type;
};
struct DeviceObject {
  PyObject_HEAD
  Device device;
};

extern PyTypeObject* DtypeType;
extern PyTypeObject* DeviceType;
extern PyTypeObject* SizeType;

// Borrowed reference to the singleton wick.<name> for t.
PyObject* dtype_object(ScalarType t);
// New references.
PyObject* device_object(const Device& d);
PyObject* size_object(IntArrayRef sizes);

}  // namespace wick::python
