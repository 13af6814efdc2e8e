// wick.nn.functional: linear layers, convolutions, fold/unfold.
#include "python/src/bind.h"
#include "python/src/init.h"

namespace wick::python {

void init_nn_conv(py::module_& m) { (void)nn_module(m); }

}  // namespace wick::python
