#pragma once
// wick::nn::functional (activation), LibTorch's torch::nn::functional:
//   namespace F = wick::nn::functional;
//   F::relu(x, F::ReLUFuncOptions().inplace(true));
//   F::elu(x, F::ELUFuncOptions().alpha(2));
//   F::softmax(x, F::SoftmaxFuncOptions(1).dtype(kDouble));
// Thin calls into wick/ops (activation.h, unary.h, loss.h for the softmax
// family). Functions with an `inplace` option take the input by value and,
// with inplace(true), modify and return it.
#include <optional>

#include "wick/core/dtype.h"
#include "wick/nn/modules/activation.h"
#include "wick/nn/options.h"
#include "wick/tensor/tensor.h"

namespace wick::nn::functional {

using ReLUFuncOptions = ReLUOptions;
using ReLU6FuncOptions = ReLU6Options;
using SELUFuncOptions = SELUOptions;
using HardsigmoidFuncOptions = HardsigmoidOptions;
using HardswishFuncOptions = HardswishOptions;
using LeakyReLUFuncOptions = LeakyReLUOptions;
using ELUFuncOptions = ELUOptions;
using CELUFuncOptions = CELUOptions;
using HardtanhFuncOptions = HardtanhOptions;
using ThresholdFuncOptions = ThresholdOptions;
using HardshrinkFuncOptions = HardshrinkOptions;
using SoftshrinkFuncOptions = SoftshrinkOptions;
using SoftplusFuncOptions = SoftplusOptions;
using GLUFuncOptions = GLUOptions;
using GELUFuncOptions = GELUOptions;

// rrelu's functional options add `training` (the module passes is_training()).
struct RReLUFuncOptions {
  WICK_ARG(double, lower) = 1.0 / 8.0;
  WICK_ARG(double, upper) = 1.0 / 3.0;
  WICK_ARG(bool, training) = false;
  WICK_ARG(bool, inplace) = false;
};

// softmax / softmin / log_softmax: dim, and the dtype the input is cast to first.
struct SoftmaxFuncOptions {
  SoftmaxFuncOptions(int64_t dim) : dim_(dim) {}  // NOLINT
  WICK_ARG(int64_t, dim);
  WICK_ARG(std::optional<ScalarType>, dtype) = std::nullopt;
};
using SoftminFuncOptions = SoftmaxFuncOptions;
using LogSoftmaxFuncOptions = SoftmaxFuncOptions;

// Samples softmax((logits + g) / tau) with g ~ Gumbel(0, 1) drawn from the
// default generator; hard(true) returns the one-hot of the argmax in the
// forward pass with the soft sample's gradient (straight-through).
struct GumbelSoftmaxFuncOptions {
  WICK_ARG(double, tau) = 1.0;
  WICK_ARG(bool, hard) = false;
  WICK_ARG(int, dim) = -1;
};

Tensor relu(Tensor input, const ReLUFuncOptions& options = {});
Tensor relu6(Tensor input, const ReLU6FuncOptions& options = {});
Tensor selu(Tensor input, const SELUFuncOptions& options = {});
Tensor hardsigmoid(Tensor input, const HardsigmoidFuncOptions& options = {});
Tensor hardswish(Tensor input, const HardswishFuncOptions& options = {});
Tensor leaky_relu(Tensor input, const LeakyReLUFuncOptions& options = {});
Tensor elu(Tensor input, const ELUFuncOptions& options = {});
Tensor celu(Tensor input, const CELUFuncOptions& options = {});
Tensor hardtanh(Tensor input, const HardtanhFuncOptions& options = {});
Tensor rrelu(Tensor input, const RReLUFuncOptions& options = {});
Tensor threshold(Tensor input, const ThresholdFuncOptions& options);

Tensor hardshrink(const Tensor& input, const HardshrinkFuncOptions& options = {});
Tensor softshrink(const Tensor& input, const SoftshrinkFuncOptions& options = {});
Tensor softplus(const Tensor& input, const SoftplusFuncOptions& options = {});
Tensor glu(const Tensor& input, const GLUFuncOptions& options = {});
Tensor gelu(const Tensor& input, const GELUFuncOptions& options = {});
Tensor prelu(const Tensor& input, const Tensor& weight);
Tensor silu(const Tensor& input);
Tensor mish(const Tensor& input);
Tensor logsigmoid(const Tensor& input);
Tensor softsign(const Tensor& input);
Tensor tanhshrink(const Tensor& input);

Tensor softmax(const Tensor& input, const SoftmaxFuncOptions& options);
Tensor softmin(const Tensor& input, const SoftminFuncOptions& options);
Tensor log_softmax(const Tensor& input, const LogSoftmaxFuncOptions& options);
Tensor gumbel_softmax(const Tensor& logits, const GumbelSoftmaxFuncOptions& options = {});

}  // namespace wick::nn::functional
