#include "python/src/errors.h"

#include <exception>
#include <string_view>

#include "wick/core/error.h"

namespace py = pybind11;

namespace wick::python {

namespace {
PyObject* linalg_error_type = nullptr;  // wick.linalg.LinAlgError, made in init_errors

// Returns true when it set a Python error for the exception.
bool translate(std::exception_ptr p) {
  try {
    std::rethrow_exception(p);
  } catch (const py::error_already_set& e) {
    py::error_already_set& mut = const_cast<py::error_already_set&>(e);
    mut.restore();
  } catch (const py::builtin_exception& e) {
    e.set_error();
  } catch (const wick::IndexError& e) {
    PyErr_SetString(PyExc_IndexError, e.what());
  } catch (const wick::TypeError& e) {
    PyErr_SetString(PyExc_TypeError, e.what());
  } catch (const wick::ValueError& e) {
    PyErr_SetString(PyExc_ValueError, e.what());
  } catch (const wick::LinAlgError& e) {
    PyErr_SetString(linalg_error_type ? linalg_error_type : PyExc_RuntimeError, e.what());
  } catch (const wick::NotImplementedError& e) {
    PyErr_SetString(PyExc_NotImplementedError, e.what());
  } catch (const wick::Error& e) {
    // PyTorch raises AssertionError when a CPU-only build is asked for CUDA.
    const bool no_cuda = std::string_view(e.what()).rfind("Torch not compiled with CUDA enabled", 0) == 0;
    PyErr_SetString(no_cuda ? PyExc_AssertionError : PyExc_RuntimeError, e.what());
  } catch (const std::bad_alloc&) {
    PyErr_NoMemory();
  } catch (const std::exception& e) {
    PyErr_SetString(PyExc_RuntimeError, e.what());
  }
  return true;
}
}  // namespace

void set_python_error() { translate(std::current_exception()); }

void init_errors(py::module_& m) {
  // PyTorch's torch.linalg.LinAlgError subclasses RuntimeError; python/wick/linalg.py
  // re-exports this one.
  linalg_error_type = PyErr_NewException("wick.linalg.LinAlgError", PyExc_RuntimeError, nullptr);
  if (!linalg_error_type) throw py::error_already_set();
  m.add_object("_LinAlgError", py::handle(linalg_error_type));
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      std::rethrow_exception(p);
    } catch (const wick::Error&) {
      translate(p);
    }
    // Anything else propagates to pybind11's own translators.
  });
}

}  // namespace wick::python
