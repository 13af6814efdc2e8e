// wick.nn.functional and torch-level bindings: see wick/ops/rnn.h.
#include "python/src/bind.h"
#include "python/src/init.h"
#include "wick/ops/rnn.h"

namespace wick::python {

void init_nn_rnn(py::module_& m) {
  py::module_ nn = nn_module(m);
  (void)nn;
}

}  // namespace wick::python
