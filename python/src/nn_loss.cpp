// wick.nn.functional: losses.
#include "python/src/bind.h"
#include "python/src/init.h"

namespace wick::python {

void init_nn_loss(py::module_& m) { (void)nn_module(m); }

}  // namespace wick::python
