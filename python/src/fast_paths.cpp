// Hand-written fast paths for the hottest calls from Python, installed after
// every binding exists (module.cpp calls init_fast_paths last). Each handles the
// common argument shapes directly and hands anything else to the pybind11
// binding it replaces, so behaviour (results, errors, keywords) is unchanged.
#include <Python.h>

#include <pybind11/pybind11.h>

#include <string>
#include <vector>

#include "python/src/bind.h"
#include "python/src/errors.h"
#include "python/src/init.h"
#include "wick/ops/binary.h"
#include "wick/ops/reduce.h"
#include "wick/ops/shape.h"

namespace wick::python {

namespace {

// ---- Note [Operator fast path] ---------------------------------------------------
// `a + b` on two wick.Tensor objects is the most common call there is, and the
// general route (CPython's slot wrapper looking up __add__, pybind11 parsing
// and converting the operands, releasing the GIL) cost more than the add
// itself on small tensors. The number slots of wick.Tensor for + - * / (and
// += -= *= /=) are set, once every operator is bound, to functions that handle
// an exact wick.Tensor on the left and an exact wick.Tensor, int or float on
// the right directly, calling the same C++ functions as the bound dunders.
// Everything else (subclasses, numpy arrays, reflected operands, unsupported
// types giving NotImplemented) goes to the bound __op__/__rop__ methods, in the
// order CPython's own slot wrapper would try them. The GIL is released as the
// bound methods do, except for small operands, where it costs more than the op.
// Setting wick.Tensor.__add__ (etc.) from Python replaces the slot as usual.
constexpr int64_t kKeepGilNumel = 256;

struct SlotFallback {
  PyObject* op = nullptr;   // the bound Tensor.__op__
  PyObject* rop = nullptr;  // Tensor.__rop__ (null for in-place slots)
};

// Same order as CPython's slot wrapper for a type whose subclasses do not
// override the method: self.__op__(other), then other.__rop__(self).
PyObject* call_fallback(const SlotFallback& f, PyObject* a, PyObject* b) {
  if (!f.rop) return PyObject_CallFunctionObjArgs(f.op, a, b, nullptr);
  if (is_tensor(a)) {
    PyObject* r = PyObject_CallFunctionObjArgs(f.op, a, b, nullptr);
    if (r != Py_NotImplemented || Py_TYPE(a) == Py_TYPE(b) || !is_tensor(b)) return r;
    Py_DECREF(r);
  }
  if (is_tensor(b)) return PyObject_CallFunctionObjArgs(f.rop, b, a, nullptr);
  Py_RETURN_NOTIMPLEMENTED;
}

// The right operand as the fast path takes it: 1 tensor, 2 number, 0 neither.
int fast_operand(PyObject* b, Scalar& s) {
  if (Py_TYPE(b) == TensorType) return 1;
  if ((PyFloat_CheckExact(b) || PyLong_CheckExact(b)) && parse_scalar(b, s)) return 2;
  return 0;
}

template <typename F>
PyObject* run_fast(const Tensor& a, const Tensor* b, F&& f) {
  WICK_PY_TRY
  Tensor r;
  if (a.numel() > kKeepGilNumel || (b && b->numel() > kKeepGilNumel)) {
    py::gil_scoped_release nogil;
    r = f();
  } else {
    r = f();
  }
  return wrap(std::move(r));
  WICK_PY_CATCH(nullptr)
}

#define WICK_FAST_BINARY(slotname, fn)                                   \
  SlotFallback slotname##_fallback;                                      \
  PyObject* slotname##_fast(PyObject* a, PyObject* b) {                  \
    Scalar s;                                                            \
    const int kind = Py_TYPE(a) == TensorType ? fast_operand(b, s) : 0;  \
    if (kind == 1) {                                                     \
      const Tensor& x = unpack(a);                                       \
      const Tensor& y = unpack(b);                                       \
      return run_fast(x, &y, [&] { return fn(x, y); });                  \
    }                                                                    \
    if (kind == 2) {                                                     \
      const Tensor& x = unpack(a);                                       \
      return run_fast(x, nullptr, [&] { return fn(x, s); });             \
    }                                                                    \
    return call_fallback(slotname##_fallback, a, b);                     \
  }
#define WICK_FAST_INPLACE(slotname, fn)                                                  \
  SlotFallback slotname##_fallback;                                                      \
  PyObject* slotname##_fast(PyObject* a, PyObject* b) {                                  \
    Scalar s;                                                                            \
    const int kind = Py_TYPE(a) == TensorType ? fast_operand(b, s) : 0;                  \
    if (kind == 0) return call_fallback(slotname##_fallback, a, b);                      \
    Tensor& x = const_cast<Tensor&>(unpack(a));                                          \
    const Tensor* y = kind == 1 ? &unpack(b) : nullptr;                                  \
    PyObject* r = run_fast(x, y, [&]() -> Tensor { return y ? fn(x, *y) : fn(x, s); });  \
    return r;                                                                            \
  }
WICK_FAST_BINARY(add, add)
WICK_FAST_BINARY(sub, sub)
WICK_FAST_BINARY(mul, mul)
WICK_FAST_BINARY(div, div)
WICK_FAST_INPLACE(iadd, add_)
WICK_FAST_INPLACE(isub, sub_)
WICK_FAST_INPLACE(imul, mul_)
WICK_FAST_INPLACE(idiv, div_)
#undef WICK_FAST_BINARY
#undef WICK_FAST_INPLACE

void install_fast_slot(binaryfunc* slot, binaryfunc fast, SlotFallback& fb, const char* op,
                       const char* rop) {
  PyObject* cls = reinterpret_cast<PyObject*>(TensorType);
  fb.op = PyObject_GetAttrString(cls, op);  // kept for the life of the module
  if (!fb.op) throw py::error_already_set();
  if (rop) {
    fb.rop = PyObject_GetAttrString(cls, rop);
    if (!fb.rop) throw py::error_already_set();
  }
  *slot = fast;
}

void install_fast_slots() {
  PyNumberMethods* nb = TensorType->tp_as_number;
  WICK_CHECK(nb != nullptr, "wick.Tensor has no number slots");
  install_fast_slot(&nb->nb_add, add_fast, add_fallback, "__add__", "__radd__");
  install_fast_slot(&nb->nb_subtract, sub_fast, sub_fallback, "__sub__", "__rsub__");
  install_fast_slot(&nb->nb_multiply, mul_fast, mul_fallback, "__mul__", "__rmul__");
  install_fast_slot(&nb->nb_true_divide, div_fast, div_fallback, "__truediv__", "__rtruediv__");
  install_fast_slot(&nb->nb_inplace_add, iadd_fast, iadd_fallback, "__iadd__", nullptr);
  install_fast_slot(&nb->nb_inplace_subtract, isub_fast, isub_fallback, "__isub__", nullptr);
  install_fast_slot(&nb->nb_inplace_multiply, imul_fast, imul_fallback, "__imul__", nullptr);
  install_fast_slot(&nb->nb_inplace_true_divide, idiv_fast, idiv_fallback, "__itruediv__",
                    nullptr);
  PyType_Modified(TensorType);
}


// ---- Note [Method fast path] ------------------------------------------------------
// Tensor.view(*ints) and Tensor.sum()/mean() with no arguments go through a
// METH_FASTCALL method instead of pybind11's py::args/default-argument parsing;
// other argument lists call the original binding with the same arguments.
struct MethodFallback {
  PyObject* fn = nullptr;  // the pybind11 function that was Tensor.<name>
  std::string doc;
};

// fn(self, *args, **kw) with CPython's vectorcall layout (keyword values after args).
PyObject* call_method_fallback(const MethodFallback& f, PyObject* self, PyObject* const* args,
                               Py_ssize_t nargs, PyObject* kwnames) {
  const Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
  PyObject* small[9];
  std::vector<PyObject*> big;
  PyObject** all = small;
  if (nargs + nkw + 1 > 9) {
    big.resize(nargs + nkw + 1);
    all = big.data();
  }
  all[0] = self;
  for (Py_ssize_t i = 0; i < nargs + nkw; ++i) all[i + 1] = args[i];
  return PyObject_Vectorcall(f.fn, all, static_cast<size_t>(nargs + 1), kwnames);
}

// Runs a view-like op (no data touched) and wraps its result.
template <typename F>
PyObject* run_wrapped(F&& f) {
  WICK_PY_TRY
  return wrap(f());
  WICK_PY_CATCH(nullptr)
}

MethodFallback view_fallback;
PyObject* view_fast(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  if (kwnames == nullptr && nargs >= 1 && nargs <= 8) {
    DimVector size;
    bool ok = true;
    for (Py_ssize_t i = 0; i < nargs && ok; ++i) {
      int overflow = 0;
      long long v = PyLong_CheckExact(args[i]) ? PyLong_AsLongLongAndOverflow(args[i], &overflow) : 0;
      ok = PyLong_CheckExact(args[i]) && !overflow && !(v == -1 && PyErr_Occurred());
      size.push_back(v);
    }
    if (ok) {
      const Tensor& t = unpack(self);
      return run_wrapped([&] { return view(t, IntArrayRef(size)); });
    }
    PyErr_Clear();
  }
  return call_method_fallback(view_fallback, self, args, nargs, kwnames);
}

MethodFallback sum_fallback;
PyObject* sum_fast(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  if (nargs == 0 && kwnames == nullptr) {
    const Tensor& t = unpack(self);
    return run_fast(t, nullptr, [&] { return sum(t); });
  }
  return call_method_fallback(sum_fallback, self, args, nargs, kwnames);
}

MethodFallback mean_fallback;
PyObject* mean_fast(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  if (nargs == 0 && kwnames == nullptr) {
    const Tensor& t = unpack(self);
    return run_fast(t, nullptr, [&] { return mean(t); });
  }
  return call_method_fallback(mean_fallback, self, args, nargs, kwnames);
}

using FastMethod = PyObject* (*)(PyObject*, PyObject* const*, Py_ssize_t, PyObject*);

void install_fast_method(const char* name, FastMethod fast, MethodFallback& fb) {
  PyObject* cls = reinterpret_cast<PyObject*>(TensorType);
  fb.fn = PyObject_GetAttrString(cls, name);  // kept for the life of the module
  if (!fb.fn) throw py::error_already_set();
  if (PyObject* d = PyObject_GetAttrString(fb.fn, "__doc__")) {
    if (PyUnicode_Check(d)) fb.doc = PyUnicode_AsUTF8(d);
    Py_DECREF(d);
  }
  PyErr_Clear();
  auto* def = new PyMethodDef{name, reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(fast)),
                              METH_FASTCALL | METH_KEYWORDS,
                              fb.doc.empty() ? nullptr : fb.doc.c_str()};  // lives forever
  PyObject* descr = PyDescr_NewMethod(TensorType, def);
  if (!descr) throw py::error_already_set();
  int rc = PyObject_SetAttrString(cls, name, descr);
  Py_DECREF(descr);
  if (rc < 0) throw py::error_already_set();
}

}  // namespace

// Last in module init: Note [Operator fast path], Note [Method fast path].
void init_fast_paths(py::module_&) {
  install_fast_slots();
  install_fast_method("view", view_fast, view_fallback);
  install_fast_method("sum", sum_fast, sum_fallback);
  install_fast_method("mean", mean_fast, mean_fallback);
}

}  // namespace wick::python
