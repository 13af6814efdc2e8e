#pragma once
// The Python object for a graph node (a grad_fn): the node's ctx object for
// custom Python Functions (as in PyTorch, grad_fn is the ctx), else the
// pybind11 wrapper of the C++ node. Needs the GIL.
#include <Python.h>

#include <memory>

#include "wick/autograd/node.h"

namespace wick::python {

// A new reference; None for a null node.
PyObject* node_to_py(const std::shared_ptr<autograd::Node>& node);

}  // namespace wick::python
