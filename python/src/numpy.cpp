// numpy <-> wick without copies: Tensor.numpy() and wick.from_numpy share memory.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <string>

#include "python/src/casters.h"
#include "python/src/errors.h"
#include "python/src/init.h"
#include "python/src/tensor_ctor.h"
#include "wick/ops/creation.h"

namespace py = pybind11;

namespace wick::python {

namespace {

// numpy's type characters for each wick dtype (bfloat16 has none).
const char* numpy_format(ScalarType t) {
  switch (t) {
    case kBool: return "?";
    case kByte: return "u1";
    case kChar: return "i1";
    case kShort: return "i2";
    case kInt: return "i4";
    case kLong: return "i8";
    case kHalf: return "f2";
    case kFloat: return "f4";
    case kDouble: return "f8";
    default: return nullptr;
  }
}

bool numpy_available() {
  static int state = -1;
  if (state < 0) {
    PyObject* m = PyImport_ImportModule("numpy");
    if (!m) PyErr_Clear();
    state = m != nullptr;
    Py_XDECREF(m);
  }
  return state == 1;
}

}  // namespace

bool is_numpy_array(PyObject* o) {
  // Cheap rejection before asking numpy: most arguments are tensors or numbers.
  if (PyLong_Check(o) || PyFloat_Check(o) || PyTuple_Check(o) || PyList_Check(o) ||
      is_tensor(o) || o == Py_None)
    return false;
  if (!numpy_available()) return false;
  return py::isinstance<py::array>(o);
}

std::optional<ScalarType> scalar_type_from_numpy_dtype(PyObject* np_dtype) {
  if (!np_dtype) {
    PyErr_Clear();
    return std::nullopt;
  }
  py::dtype d = py::reinterpret_borrow<py::dtype>(np_dtype);
  const char kind = d.kind();
  const auto size = d.itemsize();
  switch (kind) {
    case 'b': return kBool;
    case 'u':
      if (size == 1) return kByte;
      return std::nullopt;
    case 'i':
      if (size == 1) return kChar;
      if (size == 2) return kShort;
      if (size == 4) return kInt;
      if (size == 8) return kLong;
      return std::nullopt;
    case 'f':
      if (size == 2) return kHalf;
      if (size == 4) return kFloat;
      if (size == 8) return kDouble;
      return std::nullopt;
    default: return std::nullopt;
  }
}

Tensor tensor_from_numpy(PyObject* obj) {
  if (!is_numpy_array(obj)) {
    throw py::type_error(std::string("expected np.ndarray (got ") + Py_TYPE(obj)->tp_name + ")");
  }
  py::array arr = py::reinterpret_borrow<py::array>(obj);
  auto st = scalar_type_from_numpy_dtype(arr.dtype().ptr());
  if (!st) {
    throw py::type_error(
        "can't convert np.ndarray of type " + py::str(arr.dtype()).cast<std::string>() +
        ". The only supported types are: float64, float32, float16, int64, int32, int16, "
        "int8, uint8, and bool.");
  }
  const char order = arr.dtype().attr("byteorder").cast<std::string>()[0];
  if (order == '>') {
    throw py::value_error(
        "given numpy array has byte order different from the native byte order. Conversion "
        "between byte orders is currently not supported.");
  }
  const auto itemsize = arr.itemsize();
  DimVector sizes(arr.ndim()), strides(arr.ndim());
  for (py::ssize_t i = 0; i < arr.ndim(); ++i) {
    sizes[i] = arr.shape(i);
    const auto s = arr.strides(i);
    if (s < 0) {
      throw py::value_error(
          "At least one stride in the given numpy array is negative, and tensors with negative "
          "strides are not currently supported. (You can probably work around this by making a "
          "copy of your array  with array.copy().) ");
    }
    if (s % itemsize != 0) {
      throw py::value_error(
          "given numpy array strides not a multiple of the element byte size. Copy the numpy "
          "array to reallocate the memory.");
    }
    strides[i] = s / itemsize;
  }
  PyObject* owner = obj;
  Py_INCREF(owner);
  void* data = const_cast<void*>(arr.data());
  return from_blob(
      data, sizes, strides,
      [owner](void*) {
        py::gil_scoped_acquire gil;
        Py_DECREF(owner);
      },
      TensorOptions(*st));
}

PyObject* tensor_to_numpy(const Tensor& t, PyObject* owner, bool force) {
  if (!numpy_available()) throw std::runtime_error("Numpy is not available");
  if (!force) {
    WICK_CHECK(!t.requires_grad(),
               "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() "
               "instead.");
    WICK_CHECK(t.is_cpu(), "can't convert ", t.device().str(),
               " device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host "
               "memory first.");
  }
  Tensor src = force ? t.detach().cpu() : t;
  PyObject* base = owner;
  py::object hold;
  if (!src.is_same(t)) {
    hold = py::reinterpret_steal<py::object>(wrap(src));
    base = hold.ptr();
  }
  const char* fmt = numpy_format(src.dtype());
  if (!fmt) throw py::type_error(std::string("Got unsupported ScalarType ") + to_string(src.dtype()));
  std::vector<py::ssize_t> shape(src.sizes().begin(), src.sizes().end());
  std::vector<py::ssize_t> strides(src.dim());
  for (int64_t i = 0; i < src.dim(); ++i) strides[i] = src.stride(i) * src.itemsize();
  py::array a(py::dtype(fmt), shape, strides, src.data_ptr(), py::handle(base));
  return a.release().ptr();
}

}  // namespace wick::python

bool pybind11::detail::type_caster<wick::python::Operand>::load(handle src, bool convert) {
  using namespace wick::python;
  if (is_tensor(src.ptr())) {
    value.tensor = unpack(src.ptr());
    return true;
  }
  if (parse_scalar(src.ptr(), value.scalar)) return true;
  if (is_numpy_array(src.ptr())) {
    value.tensor = tensor_from_numpy(src.ptr());
    return true;
  }
  return false;
}

namespace wick::python {

void init_numpy(py::module_& m) {
  m.def("from_numpy", [](py::handle a) { return tensor_from_numpy(a.ptr()); }, py::arg("ndarray"));
}

}  // namespace wick::python
