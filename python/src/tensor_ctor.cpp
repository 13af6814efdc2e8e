#include "python/src/tensor_ctor.h"

#include <pybind11/pybind11.h>

#include <string>
#include <vector>

#include "python/src/casters.h"
#include "python/src/errors.h"
#include "python/src/init.h"
#include "python/src/tensor_object.h"
#include "wick/autograd/grad_mode.h"
#include "wick/ops/creation.h"

namespace py = pybind11;

namespace wick::python {

namespace {

bool is_sequence(PyObject* o) {
  return PySequence_Check(o) && !PyUnicode_Check(o) && !PyBytes_Check(o) && !is_tensor(o) &&
         !is_numpy_array(o);
}

[[noreturn]] void invalid_type(PyObject* o) {
  throw py::type_error(std::string("new(): invalid data type '") + Py_TYPE(o)->tp_name + "'");
}

// The dtype PyTorch infers for one leaf or a whole nested sequence.
ScalarType infer_scalar_type(PyObject* o) {
  if (PyBool_Check(o)) return kBool;
  if (PyLong_Check(o)) return kLong;
  if (PyFloat_Check(o)) return get_default_dtype();
  if (is_tensor(o)) return unpack(o).dtype();
  if (is_numpy_array(o)) {
    auto st = scalar_type_from_numpy_dtype(PyObject_GetAttrString(o, "dtype"));
    if (!st) throw py::type_error("can't convert np.ndarray of this dtype");
    return *st;
  }
  if (PyObject_HasAttrString(o, "dtype") && !PySequence_Check(o)) {  // numpy scalar
    py::object d = py::reinterpret_steal<py::object>(PyObject_GetAttrString(o, "dtype"));
    if (auto st = scalar_type_from_numpy_dtype(d.ptr())) return *st;
  }
  if (PyComplex_Check(o)) throw py::type_error("complex tensors are not supported by wick");
  if (is_sequence(o)) {
    py::object seq = py::reinterpret_steal<py::object>(PySequence_Fast(o, "not a sequence"));
    if (!seq) throw py::error_already_set();
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(seq.ptr());
    if (n == 0) return get_default_dtype();
    ScalarType t = ScalarType::Undefined;
    for (Py_ssize_t i = 0; i < n; ++i) {
      ScalarType e = infer_scalar_type(PySequence_Fast_GET_ITEM(seq.ptr(), i));
      t = t == ScalarType::Undefined ? e : promote_types(t, e);
    }
    return t;
  }
  if (PyIndex_Check(o)) return kLong;
  if (PyNumber_Check(o)) return get_default_dtype();
  invalid_type(o);
}

void compute_sizes(PyObject* o, DimVector& sizes) {
  PyObject* cur = o;
  py::object hold;
  while (is_sequence(cur)) {
    Py_ssize_t n = PySequence_Length(cur);
    if (n < 0) throw py::error_already_set();
    sizes.push_back(n);
    if (n == 0) return;
    hold = py::reinterpret_steal<py::object>(PySequence_GetItem(cur, 0));
    if (!hold) throw py::error_already_set();
    cur = hold.ptr();
  }
  if (is_tensor(cur) || is_numpy_array(cur)) {
    // Tensors and arrays inside a list add their own dims (PyTorch 2.x).
    py::object shape = py::reinterpret_steal<py::object>(PyObject_GetAttrString(cur, "shape"));
    for (auto d : shape) sizes.push_back(d.cast<int64_t>());
  }
}

// Writes the leaves of `o` (shape sizes[dim:]) into buf, in the buffer's type.
template <typename B>
void fill(PyObject* o, const DimVector& sizes, size_t dim, B*& buf) {
  if (dim == sizes.size()) {
    if (is_tensor(o) || is_numpy_array(o)) {
      throw py::value_error("only one element tensors can be converted to Python scalars");
    }
    if constexpr (std::is_same_v<B, bool>) {
      int v = PyObject_IsTrue(o);
      if (v < 0) throw py::error_already_set();
      *buf++ = v != 0;
    } else if constexpr (std::is_same_v<B, int64_t>) {
      if (PyFloat_Check(o)) {
        *buf++ = static_cast<int64_t>(PyFloat_AS_DOUBLE(o));
      } else {
        int overflow = 0;
        py::object idx = py::reinterpret_steal<py::object>(PyNumber_Index(o));
        if (!idx) {
          PyErr_Clear();
          py::object f = py::reinterpret_steal<py::object>(PyNumber_Float(o));
          if (!f) invalid_type(o);
          *buf++ = static_cast<int64_t>(PyFloat_AS_DOUBLE(f.ptr()));
          return;
        }
        long long v = PyLong_AsLongLongAndOverflow(idx.ptr(), &overflow);
        if (overflow) throw std::runtime_error("Overflow when unpacking long");
        *buf++ = v;
      }
    } else {
      double v = PyFloat_AsDouble(o);
      if (v == -1.0 && PyErr_Occurred()) {
        PyErr_Clear();
        invalid_type(o);
      }
      *buf++ = v;
    }
    return;
  }
  if (is_tensor(o) || is_numpy_array(o)) {
    // A tensor (or array) leaf block: copy its values in row-major order.
    Tensor t = is_tensor(o) ? unpack(o) : tensor_from_numpy(o);
    DimVector want(sizes.begin() + dim, sizes.end());
    WICK_CHECK(DimVector(t.sizes().begin(), t.sizes().end()) == want,
               "expected sequence of length ", want.empty() ? 0 : want[0], " at dim ", dim,
               " (got ", t.dim() ? t.size(0) : 0, ")");
    NoGradGuard ng;
    Tensor c = t.to(scalar_type_of<B>()).contiguous();
    const B* src = c.data_ptr<B>();
    for (int64_t i = 0; i < c.numel(); ++i) *buf++ = src[i];
    return;
  }
  if (!is_sequence(o)) {
    throw py::value_error("expected sequence of length " + std::to_string(sizes[dim]) +
                          " at dim " + std::to_string(dim) + " (got 0)");
  }
  py::object seq = py::reinterpret_steal<py::object>(PySequence_Fast(o, "not a sequence"));
  if (!seq) throw py::error_already_set();
  const Py_ssize_t n = PySequence_Fast_GET_SIZE(seq.ptr());
  if (n != sizes[dim]) {
    throw py::value_error("expected sequence of length " + std::to_string(sizes[dim]) +
                          " at dim " + std::to_string(dim) + " (got " + std::to_string(n) + ")");
  }
  for (Py_ssize_t i = 0; i < n; ++i) fill(PySequence_Fast_GET_ITEM(seq.ptr(), i), sizes, dim + 1, buf);
}

}  // namespace

Tensor tensor_from_data(PyObject* data, std::optional<ScalarType> dtype,
                        std::optional<Device> device) {
  NoGradGuard no_grad;
  if (device) check_device_usable(*device);
  if (is_tensor(data)) {
    // PyTorch warns that sourceTensor.clone().detach() is the recommended form.
    const Tensor& src = unpack(data);
    return src.detach().to(dtype.value_or(src.dtype()), false, true);
  }
  if (is_numpy_array(data)) {
    Tensor src = tensor_from_numpy(data);
    return src.to(dtype.value_or(src.dtype()), false, true);
  }
  const ScalarType inferred = infer_scalar_type(data);
  DimVector sizes;
  compute_sizes(data, sizes);
  // The buffer holds the inferred category; .to() then gives the requested dtype.
  const ScalarType buf_type = inferred == kBool                     ? kBool
                              : is_integral_type(inferred, false) ? kLong
                                                                  : kDouble;
  Tensor buf = empty(sizes, TensorOptions(buf_type));
  if (buf_type == kBool) {
    bool* p = buf.data_ptr<bool>();
    fill(data, sizes, 0, p);
  } else if (buf_type == kLong) {
    int64_t* p = buf.data_ptr<int64_t>();
    fill(data, sizes, 0, p);
  } else {
    double* p = buf.data_ptr<double>();
    fill(data, sizes, 0, p);
  }
  return buf.to(dtype.value_or(inferred));
}

Tensor legacy_tensor_new(ScalarType dtype, PyObject* args, PyObject* kwargs) {
  NoGradGuard no_grad;
  std::optional<Device> device;
  if (kwargs && PyDict_Size(kwargs) > 0) {
    PyObject* d = PyDict_GetItemString(kwargs, "device");
    if (!d || PyDict_Size(kwargs) > 1) {
      throw py::type_error("new() received an invalid combination of arguments");
    }
    if (d != Py_None) device = py::cast<Device>(py::handle(d));
  }
  if (device) check_device_usable(*device);
  const Py_ssize_t n = PyTuple_GET_SIZE(args);
  if (n == 0) return empty({0}, TensorOptions(dtype));
  PyObject* first = PyTuple_GET_ITEM(args, 0);
  if (n == 1 && is_tensor(first)) {
    const Tensor& src = unpack(first);
    if (src.dtype() != dtype) {
      throw py::type_error(std::string("expected ") + to_string(dtype) + " (got " + to_string(src.dtype()) +
                           ")");
    }
    return src.detach();
  }
  // Sizes: ints (or one wick.Size); any other single argument is data.
  DimVector sizes;
  bool all_ints = true;
  for (Py_ssize_t i = 0; i < n && all_ints; ++i) {
    PyObject* a = PyTuple_GET_ITEM(args, i);
    if (PyLong_Check(a) && !PyBool_Check(a)) sizes.push_back(PyLong_AsLongLong(a));
    else all_ints = false;
  }
  if (all_ints) return empty(sizes, TensorOptions(dtype));
  if (n == 1 && PyObject_TypeCheck(first, SizeType)) {
    parse_int_list(first, sizes);
    return empty(sizes, TensorOptions(dtype));
  }
  if (n == 1) return tensor_from_data(first, dtype, device);
  throw py::type_error("new() received an invalid combination of arguments - got (" +
                       std::string(Py_TYPE(first)->tp_name) + ", ...)");
}

}  // namespace wick::python
