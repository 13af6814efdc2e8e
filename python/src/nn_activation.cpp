// wick.nn.functional: activations and softmax.
#include "python/src/bind.h"
#include "python/src/init.h"

namespace wick::python {

void init_nn_activation(py::module_& m) { (void)nn_module(m); }

}  // namespace wick::python
