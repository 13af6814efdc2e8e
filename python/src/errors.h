#pragma once
// C++ exceptions -> the Python exceptions PyTorch raises. wick::Error's
// subclasses name their Python type (IndexError, TypeError, ValueError,
// NotImplementedError); any other wick::Error is a RuntimeError.
#include <pybind11/pybind11.h>

namespace wick::python {

// Sets the Python error for the exception being handled (call inside catch).
void set_python_error();

void init_errors(pybind11::module_& m);

}  // namespace wick::python

// For functions called directly by CPython (slots, getters): turns any C++
// exception into a Python one and returns `retval`.
#define WICK_PY_TRY try {
#define WICK_PY_CATCH(retval)                 \
  }                                           \
  catch (...) {                               \
    ::wick::python::set_python_error();       \
    return retval;                            \
  }
