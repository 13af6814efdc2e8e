#include "wick/nn/functional/activation.h"

#include <tuple>

#include "wick/ops/activation.h"
#include "wick/ops/creation.h"
#include "wick/ops/loss.h"
#include "wick/ops/unary.h"

namespace wick::nn::functional {

// f_(input) when inplace (returning input itself), else f(input).
#define WICK_F_INPLACE_OR(call, call_) \
  do {                                 \
    if (inplace) {                     \
      call_;                           \
      return input;                    \
    }                                  \
    return call;                       \
  } while (0)

Tensor relu(Tensor input, const ReLUFuncOptions& options) {
  const bool inplace = options.inplace();
  WICK_F_INPLACE_OR(wick::relu(input), wick::relu_(input));
}

Tensor relu6(Tensor input, const ReLU6FuncOptions& options) {
  const bool inplace = options.inplace();
  WICK_F_INPLACE_OR(wick::relu6(input), wick::relu6_(input));
}

Tensor selu(Tensor input, const SELUFuncOptions& options) {
  const bool inplace = options.inplace();
  WICK_F_INPLACE_OR(wick::selu(input), wick::selu_(input));
}

Tensor hardsigmoid(Tensor input, const HardsigmoidFuncOptions& options) {
  const bool inplace = options.inplace();
  WICK_F_INPLACE_OR(wick::hardsigmoid(input), wick::hardsigmoid_(input));
}

Tensor hardswish(Tensor input, const HardswishFuncOptions& options) {
  const bool inplace = options.inplace();
  WICK_F_INPLACE_OR(wick::hardswish(input), wick::hardswish_(input));
}

Tensor leaky_relu(Tensor input, const LeakyReLUFuncOptions& options) {
  const bool inplace = options.inplace();
  const Scalar slope = options.negative_slope();
  WICK_F_INPLACE_OR(wick::leaky_relu(input, slope), wick::leaky_relu_(input, slope));
}

Tensor elu(Tensor input, const ELUFuncOptions& options) {
  const bool inplace = options.inplace();
  const Scalar alpha = options.alpha();
  WICK_F_INPLACE_OR(wick::elu(input, alpha), wick::elu_(input, alpha));
}

Tensor celu(Tensor input, const CELUFuncOptions& options) {
  const bool inplace = options.inplace();
  const Scalar alpha = options.alpha();
  WICK_F_INPLACE_OR(wick::celu(input, alpha), wick::celu_(input, alpha));
}

Tensor hardtanh(Tensor input, const HardtanhFuncOptions& options) {
  const bool inplace = options.inplace();
  const Scalar lo = options.min_val(), hi = options.max_val();
  WICK_F_INPLACE_OR(wick::hardtanh(input, lo, hi), wick::hardtanh_(input, lo, hi));
}

Tensor rrelu(Tensor input, const RReLUFuncOptions& options) {
  const bool inplace = options.inplace();
  const Scalar lo = options.lower(), hi = options.upper();
  const bool training = options.training();
  WICK_F_INPLACE_OR(wick::rrelu(input, lo, hi, training), wick::rrelu_(input, lo, hi, training));
}

Tensor threshold(Tensor input, const ThresholdFuncOptions& options) {
  const bool inplace = options.inplace();
  const Scalar th = options.threshold(), value = options.value();
  WICK_F_INPLACE_OR(wick::threshold(input, th, value), wick::threshold_(input, th, value));
}

#undef WICK_F_INPLACE_OR

Tensor hardshrink(const Tensor& input, const HardshrinkFuncOptions& options) {
  return wick::hardshrink(input, options.lambda());
}
Tensor softshrink(const Tensor& input, const SoftshrinkFuncOptions& options) {
  return wick::softshrink(input, options.lambda());
}
Tensor softplus(const Tensor& input, const SoftplusFuncOptions& options) {
  return wick::softplus(input, options.beta(), options.threshold());
}
Tensor glu(const Tensor& input, const GLUFuncOptions& options) { return wick::glu(input, options.dim()); }
Tensor gelu(const Tensor& input, const GELUFuncOptions& options) {
  return wick::gelu(input, options.approximate());
}
Tensor prelu(const Tensor& input, const Tensor& weight) { return wick::prelu(input, weight); }
Tensor silu(const Tensor& input) { return wick::silu(input); }
Tensor mish(const Tensor& input) { return wick::mish(input); }
Tensor logsigmoid(const Tensor& input) { return wick::log_sigmoid(input); }
Tensor softsign(const Tensor& input) { return wick::softsign(input); }
Tensor tanhshrink(const Tensor& input) { return wick::tanhshrink(input); }

Tensor softmax(const Tensor& input, const SoftmaxFuncOptions& options) {
  return wick::softmax(input, options.dim(), options.dtype());
}
Tensor softmin(const Tensor& input, const SoftminFuncOptions& options) {
  return wick::softmin(input, options.dim(), options.dtype());
}
Tensor log_softmax(const Tensor& input, const LogSoftmaxFuncOptions& options) {
  return wick::log_softmax(input, options.dim(), options.dtype());
}

// As torch.nn.functional.gumbel_softmax: -log(Exponential(1)) noise drawn with
// exponential_ over a tensor like logits, so a seeded generator gives PyTorch's sample.
Tensor gumbel_softmax(const Tensor& logits, const GumbelSoftmaxFuncOptions& options) {
  Tensor gumbels = -wick::empty_like(logits).exponential_().log();
  Tensor y_soft = wick::softmax((logits + gumbels) / options.tau(), options.dim());
  if (!options.hard()) return y_soft;
  Tensor index = std::get<1>(y_soft.max(options.dim(), /*keepdim=*/true));
  Tensor y_hard = wick::zeros_like(logits).scatter_(options.dim(), index, Scalar(1.0));
  return y_hard - y_soft.detach() + y_soft;
}

}  // namespace wick::nn::functional
