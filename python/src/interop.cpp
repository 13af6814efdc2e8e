// Exchanging tensors with other libraries and with pickle: DLPack
// (Tensor.__dlpack__, __dlpack_device__, wick.from_dlpack) and the raw-bytes
// helpers behind Tensor.__reduce_ex__ (python/wick/_tensor.py).
#include <pybind11/pybind11.h>

#include <cstring>
#include <string>
#include <vector>

#include "python/src/bind.h"
#include "python/src/dlpack.h"
#include "python/src/init.h"
#include "wick/autograd/grad_mode.h"
#include "wick/ops/creation.h"

namespace wick::python {

namespace {

DLDataType dl_dtype(ScalarType t) {
  const uint8_t bits = static_cast<uint8_t>(element_size(t) * 8);
  switch (t) {
    case kBool: return {kDLBool, 8, 1};
    case kByte: return {kDLUInt, bits, 1};
    case kBFloat16: return {kDLBfloat, bits, 1};
    case kHalf:
    case kFloat:
    case kDouble: return {kDLFloat, bits, 1};
    default: return {kDLInt, bits, 1};
  }
}

ScalarType from_dl_dtype(const DLDataType& d) {
  WICK_CHECK(d.lanes == 1, "Unsupported kUInt bits ", int(d.bits));
  switch (d.code) {
    case kDLBool: return kBool;
    case kDLUInt:
      WICK_CHECK(d.bits == 8, "Unsupported kUInt bits ", int(d.bits));
      return kByte;
    case kDLInt:
      switch (d.bits) {
        case 8: return kChar;
        case 16: return kShort;
        case 32: return kInt;
        case 64: return kLong;
      }
      throw Error(str("Unsupported kInt bits ", int(d.bits)));
    case kDLFloat:
      switch (d.bits) {
        case 16: return kHalf;
        case 32: return kFloat;
        case 64: return kDouble;
      }
      throw Error(str("Unsupported kFloat bits ", int(d.bits)));
    case kDLBfloat:
      WICK_CHECK(d.bits == 16, "Unsupported kBfloat bits ", int(d.bits));
      return kBFloat16;
    default: throw Error(str("Unsupported code ", int(d.code)));
  }
}

// What a DLManagedTensor we export owns: the tensor (keeping memory alive)
// and the shape/stride arrays the DLTensor points into.
struct ExportContext {
  Tensor tensor;
  std::vector<int64_t> shape, strides;
  DLManagedTensor managed;
};

void export_deleter(DLManagedTensor* self) { delete static_cast<ExportContext*>(self->manager_ctx); }

void capsule_destructor(PyObject* capsule) {
  // Only a capsule nobody consumed still owns its tensor.
  if (PyCapsule_IsValid(capsule, "dltensor")) {
    auto* m = static_cast<DLManagedTensor*>(PyCapsule_GetPointer(capsule, "dltensor"));
    if (m && m->deleter) m->deleter(m);
  } else {
    PyErr_Clear();
  }
}

py::object to_dlpack(const Tensor& t) {
  auto* ctx = new ExportContext;
  ctx->tensor = t.detach();
  ctx->shape.assign(t.sizes().begin(), t.sizes().end());
  ctx->strides.assign(t.strides().begin(), t.strides().end());
  DLTensor& dl = ctx->managed.dl_tensor;
  dl.data = t.data_ptr();
  dl.device = {t.is_cuda() ? kDLCUDA : kDLCPU, t.is_cuda() ? t.device().index() : 0};
  dl.ndim = static_cast<int32_t>(t.dim());
  dl.dtype = dl_dtype(t.dtype());
  dl.shape = ctx->shape.data();
  dl.strides = ctx->strides.data();
  dl.byte_offset = 0;
  ctx->managed.manager_ctx = ctx;
  ctx->managed.deleter = &export_deleter;
  PyObject* cap = PyCapsule_New(&ctx->managed, "dltensor", &capsule_destructor);
  if (!cap) {
    delete ctx;
    throw py::error_already_set();
  }
  return py::reinterpret_steal<py::object>(cap);
}

Tensor from_capsule(py::handle capsule) {
  auto* m = static_cast<DLManagedTensor*>(PyCapsule_GetPointer(capsule.ptr(), "dltensor"));
  if (!m) {
    PyErr_Clear();
    throw py::value_error(
        "from_dlpack received an invalid capsule. Note that DLTensor capsules can be consumed "
        "only once, so you might have already constructed a tensor from it once.");
  }
  const DLTensor& dl = m->dl_tensor;
  WICK_CHECK(dl.device.device_type == kDLCPU || dl.device.device_type == kDLCUDAHost,
             "Unsupported device_type: ", int(dl.device.device_type),
             " (wick exchanges CPU memory only in this build)");
  const ScalarType st = from_dl_dtype(dl.dtype);
  DimVector sizes(dl.shape, dl.shape + dl.ndim);
  DimVector strides = dl.strides ? DimVector(dl.strides, dl.strides + dl.ndim)
                                 : contiguous_strides(sizes);
  void* data = static_cast<char*>(dl.data) + dl.byte_offset;
  Tensor t = from_blob(data, sizes, strides,
                       [m](void*) {
                         if (m->deleter) {
                           py::gil_scoped_acquire gil;  // producers may be Python objects
                           m->deleter(m);
                         }
                       },
                       TensorOptions(st));
  PyCapsule_SetName(capsule.ptr(), "used_dltensor");
  return t;
}

py::bytes tensor_bytes(const Tensor& t) {
  Tensor c = t.detach().contiguous();
  return py::bytes(static_cast<const char*>(c.data_ptr()), static_cast<size_t>(c.nbytes()));
}

Tensor tensor_from_bytes(py::bytes b, ScalarType dtype, IntList sizes) {
  std::string_view raw = b;
  Tensor t = empty(sizes, TensorOptions(dtype));
  WICK_CHECK(static_cast<size_t>(t.nbytes()) == raw.size(),
             "tensor data has ", raw.size(), " bytes; expected ", t.nbytes());
  std::memcpy(t.data_ptr(), raw.data(), raw.size());
  return t;
}

}  // namespace

void init_interop(py::module_& m) {
  def_method("__dlpack__", [](const Tensor& t, py::object stream) {
    if (t.requires_grad()) {
      throw std::runtime_error(
          "Can't export tensors that require gradient, use tensor.detach()");
    }
    return to_dlpack(t);
  }, arg("stream") = py::none());
  def_method("__dlpack_device__", [](const Tensor& t) {
    return py::make_tuple(t.is_cuda() ? int(kDLCUDA) : int(kDLCPU),
                          t.is_cuda() ? t.device().index() : 0);
  });
  m.def("from_dlpack", [](py::object ext) {
    if (PyCapsule_CheckExact(ext.ptr())) return from_capsule(ext);
    if (!py::hasattr(ext, "__dlpack__")) {
      throw py::type_error(std::string("from_dlpack: expected an object with __dlpack__ or a "
                                       "DLPack capsule, got ") + Py_TYPE(ext.ptr())->tp_name);
    }
    py::object cap = ext.attr("__dlpack__")();
    return from_capsule(cap);
  }, arg("ext_tensor"));
  m.def("_tensor_bytes", &tensor_bytes);
  m.def("_tensor_from_bytes", &tensor_from_bytes);
}

}  // namespace wick::python
