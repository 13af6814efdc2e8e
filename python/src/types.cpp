#include "python/src/types.h"

#include <pybind11/pybind11.h>

#include <string>

#include "python/src/errors.h"
#include "python/src/init.h"

namespace py = pybind11;

namespace wick::python {

PyTypeObject* DtypeType = nullptr;
PyTypeObject* DeviceType = nullptr;
PyTypeObject* SizeType = nullptr;

namespace {

PyObject* dtype_objects[kNumScalarTypes] = {};

// ---- wick.dtype -------------------------------------------------------------
ScalarType st_of(PyObject* self) { return reinterpret_cast<DtypeObject*>(self)->scalar_type; }

PyObject* dtype_repr(PyObject* self) {
  return PyUnicode_FromFormat("wick.%s", python_name(st_of(self)));
}
PyObject* dtype_is_floating_point(PyObject* self, void*) {
  return PyBool_FromLong(is_floating_type(st_of(self)));
}
PyObject* dtype_is_complex(PyObject*, void*) { Py_RETURN_FALSE; }
PyObject* dtype_is_signed(PyObject* self, void*) {
  return PyBool_FromLong(is_signed_type(st_of(self)));
}
PyObject* dtype_itemsize(PyObject* self, void*) {
  return PyLong_FromLongLong(element_size(st_of(self)));
}
// Pickled by name: unpickling looks the name up in module wick.
PyObject* dtype_reduce(PyObject* self, PyObject*) {
  return PyUnicode_FromString(python_name(st_of(self)));
}
PyObject* dtype_to_real(PyObject* self, PyObject*) {
  Py_INCREF(self);
  return self;
}

PyGetSetDef dtype_getset[] = {
    {"is_floating_point", dtype_is_floating_point, nullptr, nullptr, nullptr},
    {"is_complex", dtype_is_complex, nullptr, nullptr, nullptr},
    {"is_signed", dtype_is_signed, nullptr, nullptr, nullptr},
    {"itemsize", dtype_itemsize, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};
PyMethodDef dtype_methods[] = {
    {"__reduce__", dtype_reduce, METH_NOARGS, nullptr},
    {"to_real", dtype_to_real, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr}};

PyType_Slot dtype_slots[] = {{Py_tp_repr, reinterpret_cast<void*>(dtype_repr)},
                             {Py_tp_getset, dtype_getset},
                             {Py_tp_methods, dtype_methods},
                             {0, nullptr}};
PyType_Spec dtype_spec = {"wick.dtype", sizeof(DtypeObject), 0, Py_TPFLAGS_DEFAULT,
                          dtype_slots};

// ---- wick.device ------------------------------------------------------------
const Device& dev_of(PyObject* self) { return reinterpret_cast<DeviceObject*>(self)->device; }

PyObject* device_new(PyTypeObject* type, PyObject* args, PyObject* kwargs) {
  WICK_PY_TRY
  static const char* kwlist[] = {"type", "index", nullptr};
  PyObject* spec = nullptr;
  PyObject* index = Py_None;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|O:device", const_cast<char**>(kwlist),
                                   &spec, &index))
    return nullptr;
  Device d;
  if (PyObject_TypeCheck(spec, DeviceType)) {
    d = dev_of(spec);
  } else if (PyLong_Check(spec)) {
    long long i = PyLong_AsLongLong(spec);
    if (i < 0) {
      PyErr_SetString(PyExc_RuntimeError, "Device index must not be negative");
      return nullptr;
    }
    d = Device(kCUDA, static_cast<int>(i));
  } else if (PyUnicode_Check(spec)) {
    std::string s = PyUnicode_AsUTF8(spec);
    d = Device(s);
    if (index != Py_None) {
      if (d.has_index()) {
        PyErr_Format(PyExc_RuntimeError,
                     "type (string) must not include an index because index was passed "
                     "explicitly: %s",
                     s.c_str());
        return nullptr;
      }
      long long i = PyLong_AsLongLong(index);
      if (i == -1 && PyErr_Occurred()) return nullptr;
      if (i < 0) {
        PyErr_SetString(PyExc_RuntimeError, "Device index must not be negative");
        return nullptr;
      }
      d = Device(d.type(), static_cast<int>(i));
    }
  } else {
    PyErr_Format(PyExc_TypeError,
                 "device() received an invalid combination of arguments - got (%s)",
                 Py_TYPE(spec)->tp_name);
    return nullptr;
  }
  PyObject* o = type->tp_alloc(type, 0);
  if (!o) return nullptr;
  new (&reinterpret_cast<DeviceObject*>(o)->device) Device(d);
  return o;
  WICK_PY_CATCH(nullptr)
}
PyObject* device_repr(PyObject* self) {
  const Device& d = dev_of(self);
  const char* type = d.is_cpu() ? "cpu" : "cuda";
  if (d.has_index()) return PyUnicode_FromFormat("device(type='%s', index=%d)", type, d.index());
  return PyUnicode_FromFormat("device(type='%s')", type);
}
PyObject* device_str(PyObject* self) { return PyUnicode_FromString(dev_of(self).str().c_str()); }
PyObject* device_type(PyObject* self, void*) {
  return PyUnicode_FromString(dev_of(self).is_cpu() ? "cpu" : "cuda");
}
PyObject* device_index(PyObject* self, void*) {
  const Device& d = dev_of(self);
  if (!d.has_index()) Py_RETURN_NONE;
  return PyLong_FromLong(d.index());
}
Py_hash_t device_hash(PyObject* self) {
  const Device& d = dev_of(self);
  Py_hash_t h = static_cast<Py_hash_t>(d.type()) * 1000003 + d.index() + 7;
  return h == -1 ? -2 : h;
}
PyObject* device_richcompare(PyObject* a, PyObject* b, int op) {
  if (!PyObject_TypeCheck(a, DeviceType) || !PyObject_TypeCheck(b, DeviceType) ||
      (op != Py_EQ && op != Py_NE))
    Py_RETURN_NOTIMPLEMENTED;
  bool eq = dev_of(a) == dev_of(b);
  return PyBool_FromLong(op == Py_EQ ? eq : !eq);
}
PyObject* device_reduce(PyObject* self, PyObject*) {
  const Device& d = dev_of(self);
  PyObject* type = PyUnicode_FromString(d.is_cpu() ? "cpu" : "cuda");
  PyObject* args = d.has_index() ? Py_BuildValue("(Ni)", type, d.index()) : Py_BuildValue("(N)", type);
  return Py_BuildValue("(ON)", reinterpret_cast<PyObject*>(Py_TYPE(self)), args);
}
PyGetSetDef device_getset[] = {{"type", device_type, nullptr, nullptr, nullptr},
                               {"index", device_index, nullptr, nullptr, nullptr},
                               {nullptr, nullptr, nullptr, nullptr, nullptr}};
PyMethodDef device_methods[] = {{"__reduce__", device_reduce, METH_NOARGS, nullptr},
                                {nullptr, nullptr, 0, nullptr}};
PyType_Slot device_slots[] = {{Py_tp_new, reinterpret_cast<void*>(device_new)},
                              {Py_tp_repr, reinterpret_cast<void*>(device_repr)},
                              {Py_tp_str, reinterpret_cast<void*>(device_str)},
                              {Py_tp_hash, reinterpret_cast<void*>(device_hash)},
                              {Py_tp_richcompare, reinterpret_cast<void*>(device_richcompare)},
                              {Py_tp_getset, device_getset},
                              {Py_tp_methods, device_methods},
                              {0, nullptr}};
PyType_Spec device_spec = {"wick.device", sizeof(DeviceObject), 0, Py_TPFLAGS_DEFAULT,
                           device_slots};

// ---- wick.Size --------------------------------------------------------------
PyObject* size_repr(PyObject* self) {
  std::string s = "wick.Size([";
  Py_ssize_t n = PyTuple_GET_SIZE(self);
  for (Py_ssize_t i = 0; i < n; ++i) {
    PyObject* r = PyObject_Repr(PyTuple_GET_ITEM(self, i));
    if (!r) return nullptr;
    if (i) s += ", ";
    s += PyUnicode_AsUTF8(r);
    Py_DECREF(r);
  }
  s += "])";
  return PyUnicode_FromString(s.c_str());
}
// Size(iterable): every element must be an int (or have __index__).
PyObject* size_new(PyTypeObject* type, PyObject* args, PyObject* kwargs) {
  PyObject* t = PyTuple_Type.tp_new(type, args, kwargs);
  if (!t) return nullptr;
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(t); ++i) {
    PyObject* item = PyTuple_GET_ITEM(t, i);
    if (PyLong_Check(item)) continue;
    PyObject* idx = PyNumber_Index(item);
    if (!idx) {
      Py_DECREF(t);
      PyErr_Format(PyExc_TypeError, "wick.Size() takes an iterable of 'int' (item %zd is '%s')",
                   i, Py_TYPE(item)->tp_name);
      return nullptr;
    }
    Py_DECREF(item);
    PyTuple_SET_ITEM(t, i, idx);
  }
  return t;
}
PyObject* size_numel(PyObject* self, PyObject*) {
  long long n = 1;
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(self); ++i)
    n *= PyLong_AsLongLong(PyTuple_GET_ITEM(self, i));
  return PyLong_FromLongLong(n);
}
PyObject* as_size(PyObject* tuple) {
  if (!tuple || !PyTuple_Check(tuple)) return tuple;
  PyObject* args = PyTuple_Pack(1, tuple);
  Py_DECREF(tuple);
  if (!args) return nullptr;
  PyObject* r = PyObject_Call(reinterpret_cast<PyObject*>(SizeType), args, nullptr);
  Py_DECREF(args);
  return r;
}
// Slicing and concatenation keep the type: x.shape[1:] is a Size.
PyObject* size_subscript(PyObject* self, PyObject* item) {
  PyObject* r = PyTuple_Type.tp_as_mapping->mp_subscript(self, item);
  if (PySlice_Check(item)) return as_size(r);
  return r;
}
PyObject* size_concat(PyObject* a, PyObject* b) {
  return as_size(PyTuple_Type.tp_as_sequence->sq_concat(a, b));
}
PyObject* size_reduce(PyObject* self, PyObject*) {
  PyObject* plain = PyTuple_GetSlice(self, 0, PyTuple_GET_SIZE(self));
  return Py_BuildValue("(O(N))", reinterpret_cast<PyObject*>(Py_TYPE(self)), plain);
}
PyMethodDef size_methods[] = {{"numel", size_numel, METH_NOARGS, nullptr},
                              {"__reduce__", size_reduce, METH_NOARGS, nullptr},
                              {nullptr, nullptr, 0, nullptr}};
PyType_Slot size_slots[] = {{Py_tp_new, reinterpret_cast<void*>(size_new)},
                            {Py_tp_repr, reinterpret_cast<void*>(size_repr)},
                            {Py_mp_subscript, reinterpret_cast<void*>(size_subscript)},
                            {Py_sq_concat, reinterpret_cast<void*>(size_concat)},
                            {Py_tp_methods, size_methods},
                            {0, nullptr}};
PyType_Spec size_spec = {"wick.Size", 0, 0, Py_TPFLAGS_DEFAULT, size_slots};

PyTypeObject* make_type(PyType_Spec* spec, PyObject* bases = nullptr) {
  PyObject* t = PyType_FromSpecWithBases(spec, bases);
  if (!t) throw py::error_already_set();
  return reinterpret_cast<PyTypeObject*>(t);
}

}  // namespace

PyObject* dtype_object(ScalarType t) { return dtype_objects[static_cast<int>(t)]; }

PyObject* device_object(const Device& d) {
  PyObject* o = DeviceType->tp_alloc(DeviceType, 0);
  if (!o) throw py::error_already_set();
  new (&reinterpret_cast<DeviceObject*>(o)->device) Device(d);
  return o;
}

PyObject* size_object(IntArrayRef sizes) {
  PyObject* o = PyTuple_Type.tp_alloc(SizeType, static_cast<Py_ssize_t>(sizes.size()));
  if (!o) throw py::error_already_set();
  for (size_t i = 0; i < sizes.size(); ++i) {
    PyObject* v = PyLong_FromLongLong(sizes[i]);
    if (!v) {
      Py_DECREF(o);
      throw py::error_already_set();
    }
    PyTuple_SET_ITEM(o, static_cast<Py_ssize_t>(i), v);
  }
  return o;
}

void init_types(py::module_& m) {
  DtypeType = make_type(&dtype_spec);
  DeviceType = make_type(&device_spec);
  PyObject* bases = PyTuple_Pack(1, reinterpret_cast<PyObject*>(&PyTuple_Type));
  SizeType = make_type(&size_spec, bases);
  Py_DECREF(bases);
  m.add_object("dtype", py::handle(reinterpret_cast<PyObject*>(DtypeType)));
  m.add_object("device", py::handle(reinterpret_cast<PyObject*>(DeviceType)));
  m.add_object("Size", py::handle(reinterpret_cast<PyObject*>(SizeType)));
  // dtype objects are created once and never freed (the module keeps them).
  for (int i = 0; i < kNumScalarTypes; ++i) {
    PyObject* o = DtypeType->tp_alloc(DtypeType, 0);
    if (!o) throw py::error_already_set();
    reinterpret_cast<DtypeObject*>(o)->scalar_type = static_cast<ScalarType>(i);
    dtype_objects[i] = o;
    m.add_object(python_name(static_cast<ScalarType>(i)), py::handle(o));
  }
}

}  // namespace wick::python
