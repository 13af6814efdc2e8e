// wick.nn.functional: normalisation, dropout, embedding.
#include "python/src/bind.h"
#include "python/src/init.h"

namespace wick::python {

void init_nn_norm(py::module_& m) { (void)nn_module(m); }

}  // namespace wick::python
