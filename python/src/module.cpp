// wick._C: the extension module behind the wick package.
#include <pybind11/pybind11.h>

#include "python/src/init.h"

namespace wick::python { void init_optim(pybind11::module_& m); }
namespace wick::python { void init_serialize(pybind11::module_& m); }
namespace wick::python { void init_vision(pybind11::module_& m); }
namespace wick::python { void init_vision_transforms(pybind11::module_& m); }
namespace wick::python { void init_vision_data(pybind11::module_& m); }
namespace wick::python { void init_distributions(pybind11::module_& m); }
namespace wick::python { void init_fast_paths(pybind11::module_& m); }  // last: fast_paths.cpp

PYBIND11_MODULE(_C, m) {
  using namespace wick::python;
  m.doc() = "wick's C++ core";
  init_errors(m);
  init_types(m);
  init_tensor_type(m);
  init_numpy(m);
  init_tensor_basics(m);
  init_creation(m);
  init_binary(m);
  init_unary(m);
  init_pointwise(m);
  init_reduce(m);
  init_sort(m);
  init_autograd(m);
  init_settings(m);
  init_interop(m);
  init_shape(m);
  init_indexing(m);
  init_index_ops(m);
  init_linalg(m);
  init_random(m);
  init_creation_more(m);
  init_nn_activation(m);
  init_nn_loss(m);
  init_nn_conv(m);
  init_nn_pool(m);
  init_nn_norm(m);
  init_nn_rnn(m);
  init_nn_attention(m);
  init_optim(m);
  init_serialize(m);
  init_vision(m);
  init_vision_transforms(m);
  init_vision_data(m);
  init_distributions(m);
  init_fast_paths(m);
}
