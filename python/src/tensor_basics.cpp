// Tensor methods about the tensor itself rather than an op: printing, sizes,
// Python number conversions, tolist/item, numpy(), dtype/device conversion.
#include <pybind11/pybind11.h>

#include "python/src/bind.h"
#include "python/src/errors.h"
#include "python/src/init.h"
#include "python/src/tensor_ctor.h"
#include "wick/autograd/grad_mode.h"
#include "wick/core/dispatch.h"
#include "wick/ops/copy.h"
#include "wick/ops/shape.h"
#include "wick/tensor/print.h"

namespace wick::python {

namespace {

std::string tensor_repr(py::handle self) {
  const Tensor& t = unpack(self.ptr());
  PyTypeObject* type = Py_TYPE(self.ptr());
  if (type == TensorType) return t.repr();
  // Subclasses print their class name where a plain tensor prints "tensor".
  return wick::repr(t, repr_suffixes(t), std::string(type->tp_name).substr(
                                             std::string(type->tp_name).rfind('.') + 1) + "(");
}

py::object element_to_py(const Tensor& t, const char* data) {
  py::object out;
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(t.dtype(), "tolist", [&] {
    const scalar_t v = *reinterpret_cast<const scalar_t*>(data);
    if constexpr (std::is_same_v<scalar_t, bool>) {
      out = py::bool_(v);
    } else if constexpr (std::is_integral_v<scalar_t>) {
      out = py::int_(static_cast<int64_t>(v));
    } else {
      out = py::float_(static_cast<double>(v));
    }
  });
  return out;
}

py::object tolist_rec(const Tensor& t, const char* data, int64_t dim) {
  if (dim == t.dim()) return element_to_py(t, data);
  const int64_t n = t.size(dim);
  const int64_t step = t.stride(dim) * t.itemsize();
  py::list out(n);
  for (int64_t i = 0; i < n; ++i) {
    out[i] = tolist_rec(t, data + i * step, dim + 1);
  }
  return out;
}

void check_single(const Tensor& t, const char* what) {
  if (t.numel() != 1) {
    throw py::value_error(std::string("only one element tensors can be converted to Python ") +
                          what);
  }
}

// The arguments of Tensor.to(...): (dtype), (device, dtype=None), (tensor), plus
// keywords dtype=, device=, non_blocking=, copy=.
Tensor tensor_to(const Tensor& self, py::args args, py::kwargs kwargs) {
  std::optional<ScalarType> dtype;
  std::optional<Device> device;
  bool non_blocking = false, copy = false;
  size_t pos = 0;
  auto take_bools = [&](size_t i) {
    if (i < args.size()) non_blocking = args[i].cast<bool>();
    if (i + 1 < args.size()) copy = args[i + 1].cast<bool>();
    if (i + 2 < args.size()) throw py::type_error("to() received too many arguments");
  };
  if (args.size() > 0) {
    py::handle a = args[0];
    if (is_tensor(a.ptr())) {
      const Tensor& other = unpack(a.ptr());
      dtype = other.dtype();
      device = other.device();
      take_bools(1);
    } else if (PyObject_TypeCheck(a.ptr(), DtypeType) || a.ptr() == (PyObject*)&PyFloat_Type ||
               a.ptr() == (PyObject*)&PyLong_Type || a.ptr() == (PyObject*)&PyBool_Type) {
      dtype = a.cast<ScalarType>();
      take_bools(1);
    } else {
      device = a.cast<Device>();
      pos = 1;
      if (args.size() > 1 && !PyBool_Check(args[1].ptr())) {
        dtype = args[1].cast<ScalarType>();
        pos = 2;
      }
      take_bools(pos);
    }
  }
  for (auto kv : kwargs) {
    const std::string k = kv.first.cast<std::string>();
    if (k == "dtype") {
      if (!kv.second.is_none()) dtype = kv.second.cast<ScalarType>();
    } else if (k == "device") {
      if (!kv.second.is_none()) device = kv.second.cast<Device>();
    } else if (k == "non_blocking") {
      non_blocking = kv.second.cast<bool>();
    } else if (k == "copy") {
      copy = kv.second.cast<bool>();
    } else if (k == "memory_format") {
      // Only the strided layout exists; contiguous/preserve give the same result here.
    } else {
      throw py::type_error("to() got an unexpected keyword argument '" + k + "'");
    }
  }
  py::gil_scoped_release nogil;
  const ScalarType dt = dtype.value_or(self.dtype());
  const Device dev = device.value_or(self.device());
  return self.to(dev, dt, non_blocking, copy);
}

}  // namespace

void init_tensor_basics(py::module_& m) {
  def_method("__repr__", [](py::handle self) { return tensor_repr(self); });
  def_method("__str__", [](py::handle self) { return tensor_repr(self); });
  def_method("__len__", [](const Tensor& t) {
    if (t.dim() == 0) throw py::type_error("len() of a 0-d tensor");
    return t.size(0);
  });
  def_method("size", [](const Tensor& t) {
    return py::reinterpret_steal<py::object>(size_object(t.sizes()));
  });
  def_method("size", [](const Tensor& t, int64_t dim) { return t.size(dim); }, arg("dim"));
  def_method("stride", [](const Tensor& t) {
    return py::tuple(py::cast(std::vector<int64_t>(t.strides().begin(), t.strides().end())));
  });
  def_method("stride", [](const Tensor& t, int64_t dim) { return t.stride(dim); }, arg("dim"));
  def_method("dim", [](const Tensor& t) { return t.dim(); });
  def_method("ndimension", [](const Tensor& t) { return t.dim(); });
  def_method("numel", [](const Tensor& t) { return t.numel(); });
  def_method("nelement", [](const Tensor& t) { return t.numel(); });
  def_method("element_size", [](const Tensor& t) { return t.element_size(); });
  def_method("storage_offset", [](const Tensor& t) { return t.storage_offset(); });
  def_method("data_ptr", [](const Tensor& t) { return reinterpret_cast<uintptr_t>(t.data_ptr()); });
  def_method("is_contiguous", [](const Tensor& t, py::kwargs) { return t.is_contiguous(); });
  def_method("is_floating_point", [](const Tensor& t) { return t.is_floating_point(); });
  def_method("is_complex", [](const Tensor&) { return false; });
  def_method("is_signed", [](const Tensor& t) { return t.is_signed(); });
  def_method("get_device", [](const Tensor& t) { return t.is_cuda() ? t.device().index() : -1; });
  def_method("item", [](const Tensor& t) {
    check_single(t, "scalars");
    return py::reinterpret_steal<py::object>(scalar_to_py(t.item()));
  });
  def_method("tolist", [](const Tensor& t) {
    Tensor c = t;
    return tolist_rec(c, static_cast<const char*>(c.data_ptr()), 0);
  });
  def_method("__bool__", [](const Tensor& t) {
    if (t.numel() != 1) {
      throw py::value_error(
          "Boolean value of Tensor with more than one value is ambiguous");
    }
    return t.item().toBool();
  });
  def_method("__float__", [](const Tensor& t) {
    check_single(t, "scalars");
    return t.item().toDouble();
  });
  def_method("__int__", [](const Tensor& t) {
    check_single(t, "scalars");
    return t.item().toLong();
  });
  def_method("__index__", [](const Tensor& t) {
    if (t.numel() != 1 || !is_integral_type(t.dtype(), true)) {
      throw py::type_error("only integer tensors of a single element can be converted to an index");
    }
    return t.item().toLong();
  });
  def_method("numpy", [](py::handle self, bool force) {
    return py::reinterpret_steal<py::object>(tensor_to_numpy(unpack(self.ptr()), self.ptr(), force));
  }, py::kw_only(), arg("force") = false);
  def_method("to", &tensor_to);
  def_method("type", [](const Tensor& t, py::object dtype, bool non_blocking) -> py::object {
    static const char* names[] = {"Bool", "Byte", "Char", "Short", "Int", "Long",
                                  "Half", "BFloat16", "Float", "Double"};
    if (dtype.is_none()) {
      return py::str(legacy_type_name(t));
    }
    ScalarType target;
    if (py::isinstance<py::str>(dtype)) {
      std::string s = dtype.cast<std::string>();
      auto dot = s.rfind('.');
      std::string base = s.substr(dot == std::string::npos ? 0 : dot + 1);
      int found = -1;
      for (int i = 0; i < kNumScalarTypes; ++i)
        if (base == std::string(names[i]) + "Tensor") found = i;
      if (found < 0) throw py::value_error("invalid type: '" + s + "'");
      target = static_cast<ScalarType>(found);
    } else if (py::hasattr(dtype, "dtype") && !PyObject_TypeCheck(dtype.ptr(), DtypeType)) {
      target = dtype.attr("dtype").cast<ScalarType>();  // wick.FloatTensor and friends
    } else {
      target = dtype.cast<ScalarType>();
    }
    return py::reinterpret_steal<py::object>(wrap(t.to(target, non_blocking)));
  }, arg("dtype") = py::none(), arg("non_blocking") = false);

  // dtype conversions spelled as methods (float() is float_() in C++).
  def_method("float", [](const Tensor& t) { return t.to(kFloat); }, nogil());
  def_method("double", [](const Tensor& t) { return t.to(kDouble); }, nogil());
  def_method("half", [](const Tensor& t) { return t.to(kHalf); }, nogil());
  def_method("bfloat16", [](const Tensor& t) { return t.to(kBFloat16); }, nogil());
  def_method("long", [](const Tensor& t) { return t.to(kLong); }, nogil());
  def_method("int", [](const Tensor& t) { return t.to(kInt); }, nogil());
  def_method("short", [](const Tensor& t) { return t.to(kShort); }, nogil());
  def_method("char", [](const Tensor& t) { return t.to(kChar); }, nogil());
  def_method("byte", [](const Tensor& t) { return t.to(kByte); }, nogil());
  def_method("bool", [](const Tensor& t) { return t.to(kBool); }, nogil());
  def_method("cpu", [](const Tensor& t) { return t.cpu(); }, nogil());
  def_method("cuda", [](const Tensor& t, py::args, py::kwargs) { return t.cuda(); });
  def_method("type_as", [](const Tensor& t, const Tensor& o) { return t.type_as(o); }, arg("other"),
             nogil());
  def_method("clone", [](const Tensor& t, py::kwargs) {
    py::gil_scoped_release g;
    return t.clone();
  });
  def_method("contiguous", [](const Tensor& t, py::kwargs) {
    py::gil_scoped_release g;
    return t.contiguous();
  });
  def_method("detach", [](const Tensor& t) { return t.detach(); });
  // as_subclass(cls): a `cls` object viewing self's memory that stays in the
  // autograd graph (grad_fn AliasBackward0), as PyTorch's.
  def_method("as_subclass", [](const Tensor& t, py::handle cls) {
    if (!PyType_Check(cls.ptr()) ||
        !PyType_IsSubtype(reinterpret_cast<PyTypeObject*>(cls.ptr()), TensorType)) {
      throw py::type_error("as_subclass(): argument 'cls' must be a subclass of wick.Tensor");
    }
    return py::reinterpret_steal<py::object>(
        wrap_as(reinterpret_cast<PyTypeObject*>(cls.ptr()), alias(t)));
  }, arg("cls"));
  def_method("detach_", [](Tensor& t) { return t.detach_(); });
  def_method("copy_", [](Tensor& t, const Tensor& src, bool nb) { return t.copy_(src, nb); },
             arg("src"), arg("non_blocking") = false, nogil());
}

}  // namespace wick::python
