#pragma once
// PyHolder: a strong reference to a Python object that C++ may copy around
// and drop from any thread. The autograd engine runs with the GIL released,
// so hooks, custom Function state and similar objects held by graph nodes
// can die on a thread that does not hold the GIL: the destructor takes it.
#include <pybind11/pybind11.h>

#include <memory>

namespace wick::python {

class PyHolder {
 public:
  // Takes a new reference to `o` (the GIL must be held).
  explicit PyHolder(pybind11::handle o) : obj_(o.inc_ref().ptr()) {}
  ~PyHolder() { reset(); }
  PyHolder(const PyHolder&) = delete;
  PyHolder& operator=(const PyHolder&) = delete;

  // Borrowed; nullptr after reset(). Use with the GIL held.
  PyObject* get() const { return obj_; }
  pybind11::handle handle() const { return pybind11::handle(obj_); }
  explicit operator bool() const { return obj_ != nullptr; }
  // Drops the reference (takes the GIL if needed; skipped at interpreter exit).
  void reset() {
    if (!obj_) return;
    if (!Py_IsInitialized()) {
      obj_ = nullptr;  // the interpreter is gone: leak rather than crash
      return;
    }
    pybind11::gil_scoped_acquire gil;
    PyObject* o = obj_;
    obj_ = nullptr;
    Py_DECREF(o);
  }

 private:
  PyObject* obj_;
};

using PyHolderPtr = std::shared_ptr<PyHolder>;

inline PyHolderPtr hold(pybind11::handle o) { return std::make_shared<PyHolder>(o); }

}  // namespace wick::python
