#include "python/src/tensor_object.h"

#include <pybind11/pybind11.h>

#include <structmember.h>

#include "python/src/autograd_py.h"
#include "python/src/casters.h"
#include "python/src/errors.h"
#include "python/src/init.h"
#include "python/src/tensor_ctor.h"
#include "wick/autograd/node.h"
#include "wick/autograd/variable.h"

namespace py = pybind11;

namespace wick::python {

PyTypeObject* TensorType = nullptr;

namespace {

TensorObject* as_obj(PyObject* o) { return reinterpret_cast<TensorObject*>(o); }

PyObject* alloc_wrapper(PyTypeObject* type, Tensor t) {
  PyObject* o = type->tp_alloc(type, 0);
  if (!o) throw py::error_already_set();
  TensorObject* self = as_obj(o);
  new (&self->cdata) Tensor(std::move(t));
  self->dict = nullptr;
  self->weakreflist = nullptr;
  self->cdata.unsafeGetTensorImpl()->set_pyobj(o);
  return o;
}

int tensor_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(as_obj(self)->dict);
  Py_VISIT(Py_TYPE(self));
  return 0;
}

int tensor_clear(PyObject* self) {
  Py_CLEAR(as_obj(self)->dict);
  return 0;
}

void tensor_dealloc(PyObject* o) {
  PyTypeObject* type = Py_TYPE(o);
  PyObject_GC_UnTrack(o);
  TensorObject* self = as_obj(o);
  if (self->weakreflist) PyObject_ClearWeakRefs(o);
  tensor_clear(o);
  if (TensorImpl* impl = self->cdata.unsafeGetTensorImpl()) {
    if (impl->pyobj() == o) impl->set_pyobj(nullptr);
  }
  self->cdata.~Tensor();
  type->tp_free(o);
  Py_DECREF(type);  // instances of heap types own a reference to their type
}

// wick.Tensor(...) and subclasses: the legacy constructor (sizes, data or a tensor).
PyObject* tensor_new(PyTypeObject* type, PyObject* args, PyObject* kwargs) {
  WICK_PY_TRY
  Tensor t = legacy_tensor_new(get_default_dtype(), args, kwargs);
  if (t.unsafeGetTensorImpl()->pyobj()) t = t.detach();
  return alloc_wrapper(type, std::move(t));
  WICK_PY_CATCH(nullptr)
}

const char* kNonLeafGradWarning =
    "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad "
    "attribute won't be populated during autograd.backward(). If you indeed want the .grad "
    "field to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. "
    "If you access the non-leaf Tensor by mistake, make sure you access the leaf Tensor "
    "instead. See github.com/pytorch/pytorch/pull/30531 for more informations.";

const Tensor& self_of(PyObject* o) { return as_obj(o)->cdata; }

PyObject* pybind_out(py::object o) { return o.release().ptr(); }

// ---- attributes -------------------------------------------------------------
#define WICK_GETTER(name, ...)                       \
  PyObject* get_##name(PyObject* o, void*) {         \
    WICK_PY_TRY                                      \
    const Tensor& self = self_of(o);                 \
    (void)self;                                      \
    __VA_ARGS__                                      \
    WICK_PY_CATCH(nullptr)                           \
  }

WICK_GETTER(shape, return size_object(self.sizes());)
WICK_GETTER(dtype, PyObject* d = dtype_object(self.dtype()); Py_INCREF(d); return d;)
WICK_GETTER(device, return device_object(self.device());)
WICK_GETTER(ndim, return PyLong_FromLongLong(self.dim());)
WICK_GETTER(is_cuda, return PyBool_FromLong(self.is_cuda());)
WICK_GETTER(is_cpu, return PyBool_FromLong(self.is_cpu());)
WICK_GETTER(is_false, Py_RETURN_FALSE;)
WICK_GETTER(requires_grad, return PyBool_FromLong(self.requires_grad());)
WICK_GETTER(is_leaf, return PyBool_FromLong(self.is_leaf());)
WICK_GETTER(retains_grad, return PyBool_FromLong(self.retains_grad());)
WICK_GETTER(grad,
            if (!self.is_leaf() && !self.retains_grad() && !self.grad().defined()) {
              if (PyErr_WarnEx(PyExc_UserWarning, kNonLeafGradWarning, 1) < 0) return nullptr;
            }
            return wrap(self.grad());)
WICK_GETTER(grad_fn,
            const auto& fn = self.grad_fn();
            if (!fn) Py_RETURN_NONE;
            return node_to_py(fn);)
WICK_GETTER(data, return wrap(self.variable_data());)
WICK_GETTER(version, return PyLong_FromUnsignedLong(self._version());)
WICK_GETTER(output_nr, return PyLong_FromLongLong(self.output_nr());)
WICK_GETTER(base, return wrap(self._base());)
WICK_GETTER(itemsize, return PyLong_FromLongLong(self.itemsize());)
WICK_GETTER(nbytes, return PyLong_FromLongLong(self.nbytes());)
WICK_GETTER(T, return wrap(self.T());)
WICK_GETTER(mT, return wrap(self.mT());)
WICK_GETTER(mH, return wrap(self.mH());)
WICK_GETTER(real, Py_INCREF(o); return o;)
#undef WICK_GETTER

int set_requires_grad(PyObject* o, PyObject* value, void*) {
  WICK_PY_TRY
  if (!value || !PyBool_Check(value)) {
    PyErr_SetString(PyExc_TypeError, "requires_grad must be a bool");
    return -1;
  }
  const Tensor& self = self_of(o);
  const bool rg = value == Py_True;
  if (!self.is_leaf() && !rg) {
    PyErr_SetString(PyExc_RuntimeError,
                    "you can only change requires_grad flags of leaf variables. If you want to "
                    "use a computed variable in a subgraph that doesn't require differentiation "
                    "use var_no_grad = var.detach().");
    return -1;
  }
  const_cast<Tensor&>(self).set_requires_grad(rg);
  return 0;
  WICK_PY_CATCH(-1)
}

int set_grad(PyObject* o, PyObject* value, void*) {
  WICK_PY_TRY
  const Tensor& self = self_of(o);
  if (!value || value == Py_None) {
    self.set_grad(Tensor());
    return 0;
  }
  if (!is_tensor(value)) {
    PyErr_SetString(PyExc_TypeError, "assigned grad expected to be a Tensor or None");
    return -1;
  }
  self.set_grad(unpack(value));
  return 0;
  WICK_PY_CATCH(-1)
}

// x.data = y: x now views y's memory (sizes, strides, dtype too); history is kept.
int set_data(PyObject* o, PyObject* value, void*) {
  WICK_PY_TRY
  if (!value || !is_tensor(value)) {
    PyErr_Format(PyExc_TypeError, "Variable data has to be a tensor, but got %s",
                 value ? Py_TYPE(value)->tp_name : "None");
    return -1;
  }
  TensorImpl* dst = self_of(o).unsafeGetTensorImpl();
  TensorImpl* src = unpack(value).unsafeGetTensorImpl();
  dst->set_storage(src->storage());
  dst->set_dtype(src->dtype());
  dst->set_sizes_and_strides(src->sizes(), src->strides());
  dst->set_storage_offset(src->storage_offset());
  return 0;
  WICK_PY_CATCH(-1)
}

PyGetSetDef tensor_getset[] = {
    {"shape", get_shape, nullptr, nullptr, nullptr},
    {"dtype", get_dtype, nullptr, nullptr, nullptr},
    {"device", get_device, nullptr, nullptr, nullptr},
    {"ndim", get_ndim, nullptr, nullptr, nullptr},
    {"is_cuda", get_is_cuda, nullptr, nullptr, nullptr},
    {"is_cpu", get_is_cpu, nullptr, nullptr, nullptr},
    {"is_sparse", get_is_false, nullptr, nullptr, nullptr},
    {"is_quantized", get_is_false, nullptr, nullptr, nullptr},
    {"is_meta", get_is_false, nullptr, nullptr, nullptr},
    {"is_mkldnn", get_is_false, nullptr, nullptr, nullptr},
    {"is_nested", get_is_false, nullptr, nullptr, nullptr},
    {"requires_grad", get_requires_grad, set_requires_grad, nullptr, nullptr},
    {"is_leaf", get_is_leaf, nullptr, nullptr, nullptr},
    {"retains_grad", get_retains_grad, nullptr, nullptr, nullptr},
    {"grad", get_grad, set_grad, nullptr, nullptr},
    {"grad_fn", get_grad_fn, nullptr, nullptr, nullptr},
    {"data", get_data, set_data, nullptr, nullptr},
    {"_version", get_version, nullptr, nullptr, nullptr},
    {"output_nr", get_output_nr, nullptr, nullptr, nullptr},
    {"_base", get_base, nullptr, nullptr, nullptr},
    {"itemsize", get_itemsize, nullptr, nullptr, nullptr},
    {"nbytes", get_nbytes, nullptr, nullptr, nullptr},
    {"T", get_T, nullptr, nullptr, nullptr},
    {"mT", get_mT, nullptr, nullptr, nullptr},
    {"mH", get_mH, nullptr, nullptr, nullptr},
    {"H", get_mH, nullptr, nullptr, nullptr},
    {"real", get_real, nullptr, nullptr, nullptr},
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

PyMemberDef tensor_members[] = {
    {"__dictoffset__", T_PYSSIZET, offsetof(TensorObject, dict), READONLY, nullptr},
    {"__weaklistoffset__", T_PYSSIZET, offsetof(TensorObject, weakreflist), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr}};

Py_hash_t tensor_hash(PyObject* o) { return _Py_HashPointer(o); }

PyType_Slot tensor_slots[] = {
    {Py_tp_new, reinterpret_cast<void*>(tensor_new)},
    {Py_tp_dealloc, reinterpret_cast<void*>(tensor_dealloc)},
    {Py_tp_traverse, reinterpret_cast<void*>(tensor_traverse)},
    {Py_tp_clear, reinterpret_cast<void*>(tensor_clear)},
    {Py_tp_hash, reinterpret_cast<void*>(tensor_hash)},
    {Py_tp_getset, tensor_getset},
    {Py_tp_members, tensor_members},
    {0, nullptr}};

PyType_Spec tensor_spec = {"wick.Tensor", sizeof(TensorObject), 0,
                           Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
                           tensor_slots};

// Tensor._make_subclass(cls, data, require_grad=False): a `cls` instance sharing
// data's memory, with no history (how Parameter-like subclasses are made).
PyObject* make_subclass(PyObject*, PyObject* args, PyObject* kwargs) {
  WICK_PY_TRY
  static const char* kwlist[] = {"cls", "data", "require_grad", nullptr};
  PyObject* cls = nullptr;
  PyObject* data = nullptr;
  int require_grad = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OO|p:_make_subclass",
                                   const_cast<char**>(kwlist), &cls, &data, &require_grad))
    return nullptr;
  if (!PyType_Check(cls) ||
      !PyType_IsSubtype(reinterpret_cast<PyTypeObject*>(cls), TensorType)) {
    PyErr_SetString(PyExc_TypeError, "cls must be a subclass of wick.Tensor");
    return nullptr;
  }
  if (!is_tensor(data)) {
    PyErr_Format(PyExc_TypeError, "data must be a Tensor, not %s", Py_TYPE(data)->tp_name);
    return nullptr;
  }
  Tensor t = unpack(data).detach();
  t.set_requires_grad(require_grad != 0);
  return alloc_wrapper(reinterpret_cast<PyTypeObject*>(cls), std::move(t));
  WICK_PY_CATCH(nullptr)
}

PyMethodDef make_subclass_def = {"_make_subclass", reinterpret_cast<PyCFunction>(make_subclass),
                                 METH_VARARGS | METH_KEYWORDS, nullptr};

}  // namespace

PyObject* wrap(Tensor t) {
  TensorImpl* impl = t.unsafeGetTensorImpl();
  if (!impl) Py_RETURN_NONE;
  if (PyObject* o = static_cast<PyObject*>(impl->pyobj())) {
    Py_INCREF(o);
    return o;
  }
  return alloc_wrapper(TensorType, std::move(t));
}

PyObject* wrap_as(PyTypeObject* type, Tensor t) { return alloc_wrapper(type, std::move(t)); }

// ---- casters ------------------------------------------------------------------
bool parse_int_list(PyObject* o, DimVector& out, bool allow_single_int) {
  out.clear();
  if (PyLong_Check(o) && !PyBool_Check(o)) {
    if (!allow_single_int) return false;
    out.push_back(PyLong_AsLongLong(o));
    return !(out[0] == -1 && PyErr_Occurred());
  }
  if (PyTuple_Check(o) || PyList_Check(o)) {
    PyObject* seq = o;
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    out.reserve(n);
    for (Py_ssize_t i = 0; i < n; ++i) {
      PyObject* item = PySequence_Fast_GET_ITEM(seq, i);
      long long v;
      if (PyLong_Check(item) && !PyBool_Check(item)) {
        v = PyLong_AsLongLong(item);
      } else if (is_tensor(item) && unpack(item).numel() == 1 &&
                 !unpack(item).is_floating_point()) {
        v = unpack(item).item().toLong();
      } else if (!PyBool_Check(item) && !PyFloat_Check(item) && PyIndex_Check(item)) {
        PyObject* idx = PyNumber_Index(item);
        if (!idx) {
          PyErr_Clear();
          return false;
        }
        v = PyLong_AsLongLong(idx);
        Py_DECREF(idx);
      } else {
        return false;
      }
      if (v == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        return false;
      }
      out.push_back(v);
    }
    return true;
  }
  if (allow_single_int && !PyBool_Check(o) && !PyFloat_Check(o) && !is_tensor(o) &&
      PyIndex_Check(o)) {
    PyObject* idx = PyNumber_Index(o);
    if (!idx) {
      PyErr_Clear();
      return false;
    }
    out.push_back(PyLong_AsLongLong(idx));
    Py_DECREF(idx);
    return true;
  }
  return false;
}

bool parse_scalar(PyObject* o, Scalar& out) {
  if (PyBool_Check(o)) {
    out = Scalar(o == Py_True);
  } else if (PyLong_Check(o)) {
    int overflow = 0;
    long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
    if (overflow) {
      // Beyond int64: PyTorch raises when the value cannot fit the op's dtype;
      // keep it as a float rather than wrapping around.
      out = Scalar(PyLong_AsDouble(o));
    } else {
      out = Scalar(static_cast<int64_t>(v));
    }
  } else if (PyFloat_Check(o)) {
    out = Scalar(PyFloat_AS_DOUBLE(o));
  } else if (PyComplex_Check(o) || is_tensor(o)) {
    return false;
  } else if (PyIndex_Check(o)) {  // numpy integers
    PyObject* idx = PyNumber_Index(o);
    if (!idx) {
      PyErr_Clear();
      return false;
    }
    out = Scalar(static_cast<int64_t>(PyLong_AsLongLong(idx)));
    Py_DECREF(idx);
  } else if (PyNumber_Check(o) && PyObject_HasAttrString(o, "dtype")) {  // numpy floats/bools
    PyObject* f = PyNumber_Float(o);
    if (!f) {
      PyErr_Clear();
      return false;
    }
    out = Scalar(PyFloat_AS_DOUBLE(f));
    Py_DECREF(f);
  } else {
    return false;
  }
  return true;
}

PyObject* scalar_to_py(const Scalar& s) {
  switch (s.kind()) {
    case Scalar::Kind::Bool: return PyBool_FromLong(s.toBool());
    case Scalar::Kind::Int: return PyLong_FromLongLong(s.toLong());
    default: return PyFloat_FromDouble(s.toDouble());
  }
}

void init_tensor_type(py::module_& m) {
  PyObject* t = PyType_FromSpec(&tensor_spec);
  if (!t) throw py::error_already_set();
  TensorType = reinterpret_cast<PyTypeObject*>(t);
  m.add_object("Tensor", py::handle(t));
  PyObject* fn = PyCFunction_New(&make_subclass_def, nullptr);
  PyObject* sm = PyStaticMethod_New(fn);
  Py_DECREF(fn);
  PyObject_SetAttrString(t, "_make_subclass", sm);
  Py_DECREF(sm);
}

}  // namespace wick::python

bool pybind11::detail::type_caster<wick::Device>::load(handle src, bool) {
  PyObject* o = src.ptr();
  if (PyObject_TypeCheck(o, wick::python::DeviceType)) {
    value = reinterpret_cast<wick::python::DeviceObject*>(o)->device;
    return true;
  }
  if (PyUnicode_Check(o)) {
    value = wick::Device(std::string(PyUnicode_AsUTF8(o)));
    return true;
  }
  if (PyLong_Check(o) && !PyBool_Check(o)) {
    value = wick::Device(wick::kCUDA, static_cast<int>(PyLong_AsLong(o)));
    return true;
  }
  return false;
}
