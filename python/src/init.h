#pragma once
// One init function per area of the Python API; module.cpp calls them in order.
#include <pybind11/pybind11.h>

namespace wick::python {

void init_errors(pybind11::module_& m);
void init_types(pybind11::module_& m);        // dtype, device, Size
void init_tensor_type(pybind11::module_& m);  // wick.Tensor and its attributes
void init_numpy(pybind11::module_& m);
void init_tensor_basics(pybind11::module_& m);  // repr, size(), item(), tolist(), ...
void init_creation(pybind11::module_& m);       // tensor(), zeros(), arange(), ...
void init_binary(pybind11::module_& m);         // arithmetic, comparison, operators
void init_unary(pybind11::module_& m);          // abs, exp, ..., -t, ~t
void init_pointwise(pybind11::module_& m);      // where, clamp, lerp, addcmul
void init_reduce(pybind11::module_& m);         // sum, max, std, cumsum, median, ...
void init_sort(pybind11::module_& m);           // sort, topk, unique, searchsorted, ...
void init_autograd(pybind11::module_& m);       // wick._C._autograd
void init_settings(pybind11::module_& m);       // default dtype, print options, threads
void init_interop(pybind11::module_& m);        // DLPack, pickling helpers
void init_shape(pybind11::module_& m);          // view, reshape, split, cat, flip, ...
void init_indexing(pybind11::module_& m);       // Tensor.__getitem__ / __setitem__
void init_index_ops(pybind11::module_& m);      // gather, scatter, index_select, masked_*, ...
void init_linalg(pybind11::module_& m);         // mm, matmul, ..., wick._C._linalg
void init_random(pybind11::module_& m);         // randint, normal, bernoulli, uniform_, ...
void init_creation_more(pybind11::module_& m);  // range, logspace, new_*, fill_, resize_, ...
// wick.nn.functional (wick._C._nn) and the torch-level forms of the same ops.
void init_nn_activation(pybind11::module_& m);  // relu, leaky_relu, softmax, log_softmax, glu, ...
void init_nn_loss(pybind11::module_& m);        // nll_loss, cross_entropy, mse_loss, ...
void init_nn_conv(pybind11::module_& m);        // linear, bilinear, conv*, conv_transpose*, fold/unfold
void init_nn_pool(pybind11::module_& m);        // max/avg/adaptive pools, pad, pixel_shuffle, interpolate
void init_nn_norm(pybind11::module_& m);        // batch/layer/group/instance norm, dropout, embedding
void init_nn_rnn(pybind11::module_& m);         // rnn/lstm/gru cells and layers, packed sequences
void init_nn_attention(pybind11::module_& m);   // scaled_dot_product_attention, multi-head attention

}  // namespace wick::python
