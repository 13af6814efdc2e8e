// wick.nn.functional: pooling, padding, resampling.
#include "python/src/bind.h"
#include "python/src/init.h"

namespace wick::python {

void init_nn_pool(py::module_& m) { (void)nn_module(m); }

}  // namespace wick::python
