#include "python/src/factory_args.h"

#include "wick/autograd/grad_mode.h"

namespace py = pybind11;

namespace wick::python {

TensorOptions FactoryArgs::options(ScalarType fallback) const {
  TensorOptions o(dtype.value_or(fallback));
  if (device) o = o.device(*device);
  return o;
}

FactoryArgs take_factory_kwargs(py::dict& kwargs, const char* fn) {
  FactoryArgs fa;
  auto take = [&](const char* key) -> py::object {
    if (!kwargs.contains(key)) return py::none();
    py::object v = kwargs[key];
    PyDict_DelItemString(kwargs.ptr(), key);
    return v;
  };
  if (py::object v = take("dtype"); !v.is_none()) fa.dtype = v.cast<ScalarType>();
  if (py::object v = take("device"); !v.is_none()) {
    fa.device = v.cast<Device>();
    check_device_usable(*fa.device);
  }
  if (py::object v = take("requires_grad"); !v.is_none()) fa.requires_grad = v.cast<bool>();
  if (py::object v = take("out"); !v.is_none()) {
    if (!is_tensor(v.ptr())) {
      throw py::type_error(std::string(fn) + "(): argument 'out' must be Tensor, not " +
                           Py_TYPE(v.ptr())->tp_name);
    }
    fa.out = unpack(v.ptr());
  }
  if (py::object v = take("generator"); !v.is_none()) {
    if (!py::isinstance<Generator>(v)) {
      throw py::type_error(std::string(fn) + "(): argument 'generator' must be wick.Generator, not " +
                           Py_TYPE(v.ptr())->tp_name);
    }
    fa.generator = v.cast<Generator>();
  }
  if (py::object v = take("layout"); !v.is_none()) {
    if (py::str(v).cast<std::string>() != "torch.strided" &&
        py::str(v).cast<std::string>() != "wick.strided")
      throw std::runtime_error(std::string(fn) + "(): only the strided layout is supported");
  }
  take("pin_memory");
  take("memory_format");
  return fa;
}

DimVector take_size(const py::args& args, size_t start, py::dict& kwargs, const char* fn) {
  DimVector sizes;
  const size_t n = args.size() - std::min(start, args.size());
  if (n == 0) {
    if (kwargs.contains("size")) {
      py::object v = kwargs["size"];
      PyDict_DelItemString(kwargs.ptr(), "size");
      if (parse_int_list(v.ptr(), sizes)) return sizes;
      throw py::type_error(std::string(fn) + "(): argument 'size' must be tuple of ints, but found element of type " +
                           Py_TYPE(v.ptr())->tp_name);
    }
    return sizes;  // zeros() -> a 0-dim tensor? PyTorch requires size; empty list = 0-dim
  }
  if (n == 1) {
    PyObject* a = args[start].ptr();
    if (parse_int_list(a, sizes)) return sizes;
    throw py::type_error(std::string(fn) +
                         "(): argument 'size' must be tuple of ints, but found element of type " +
                         Py_TYPE(a)->tp_name + " at pos 0");
  }
  for (size_t i = start; i < args.size(); ++i) {
    PyObject* a = args[i].ptr();
    DimVector one;
    if (!parse_int_list(a, one) || !(PyLong_Check(a) || PyIndex_Check(a)) || PyTuple_Check(a) ||
        PyList_Check(a)) {
      throw py::type_error(std::string(fn) +
                           "(): argument 'size' must be tuple of ints, but found element of type " +
                           Py_TYPE(a)->tp_name + " at pos " + std::to_string(i - start));
    }
    sizes.push_back(one[0]);
  }
  return sizes;
}

void reject_unknown_kwargs(const py::dict& kwargs, const char* fn) {
  for (auto kv : kwargs) {
    throw py::type_error(std::string(fn) + "() got an unexpected keyword argument '" +
                         kv.first.cast<std::string>() + "'");
  }
}

Tensor finish_factory(Tensor result, const FactoryArgs& fa) {
  if (fa.out.defined()) {
    Tensor out = fa.out;
    NoGradGuard g;
    out.resize_(result.sizes());
    out.copy_(result);
    result = out;
  }
  if (fa.requires_grad) result.requires_grad_(true);
  return result;
}

}  // namespace wick::python
