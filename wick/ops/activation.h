#pragma once
// Neural-network activations (torch.nn.functional's), with LibTorch's names and
// defaults. Each has its functional form, `name_` in-place form where PyTorch
// has one, and `name_out` where PyTorch has out=. Floating dtypes only (float16
// and bfloat16 compute in float) unless noted; gelu, silu, mish, softplus,
// hardtanh, relu, sigmoid and tanh live in wick/ops/unary.h.
#include <optional>

#include "wick/core/generator.h"
#include "wick/tensor/tensor.h"

namespace wick {

// min(max(x, 0), 6): hardtanh(x, 0, 6) (keeps integer dtypes).
Tensor relu6(const Tensor& self);
Tensor& relu6_(Tensor& self);

// x if x > 0 else negative_slope * x.
Tensor leaky_relu(const Tensor& self, const Scalar& negative_slope = 0.01);
Tensor& leaky_relu_(Tensor& self, const Scalar& negative_slope = 0.01);
Tensor& leaky_relu_out(Tensor& out, const Tensor& self, const Scalar& negative_slope = 0.01);

// scale * (x if x > 0 else alpha * (exp(input_scale * x) - 1)).
Tensor elu(const Tensor& self, const Scalar& alpha = 1, const Scalar& scale = 1,
           const Scalar& input_scale = 1);
Tensor& elu_(Tensor& self, const Scalar& alpha = 1, const Scalar& scale = 1,
             const Scalar& input_scale = 1);
Tensor& elu_out(Tensor& out, const Tensor& self, const Scalar& alpha = 1, const Scalar& scale = 1,
                const Scalar& input_scale = 1);

// elu with alpha = 1.6732632423543772, scale = 1.0507009873554805.
Tensor selu(const Tensor& self);
Tensor& selu_(Tensor& self);

// max(0, x) + min(0, alpha * (exp(x / alpha) - 1)); alpha != 0.
Tensor celu(const Tensor& self, const Scalar& alpha = 1.0);
Tensor& celu_(Tensor& self, const Scalar& alpha = 1.0);

// value where x <= threshold, else x (all dtypes but bool).
Tensor threshold(const Tensor& self, const Scalar& threshold, const Scalar& value);
Tensor& threshold_(Tensor& self, const Scalar& threshold, const Scalar& value);
Tensor& threshold_out(Tensor& out, const Tensor& self, const Scalar& threshold,
                      const Scalar& value);

// relu6(x + 3) / 6 and x * relu6(x + 3) / 6.
Tensor hardsigmoid(const Tensor& self);
Tensor& hardsigmoid_(Tensor& self);
Tensor& hardsigmoid_out(Tensor& out, const Tensor& self);
Tensor hardswish(const Tensor& self);
Tensor& hardswish_(Tensor& self);
Tensor& hardswish_out(Tensor& out, const Tensor& self);

// x / (1 + |x|) and x - tanh(x) (composites, as PyTorch's; integers promote to float).
Tensor softsign(const Tensor& self);
Tensor tanhshrink(const Tensor& self);

// x - lambd if x > lambd, x + lambd if x < -lambd, else 0 (lambd >= 0).
Tensor softshrink(const Tensor& self, const Scalar& lambd = 0.5);
Tensor& softshrink_out(Tensor& out, const Tensor& self, const Scalar& lambd = 0.5);
// x if |x| > lambd else 0.
Tensor hardshrink(const Tensor& self, const Scalar& lambd = 0.5);
Tensor& hardshrink_out(Tensor& out, const Tensor& self, const Scalar& lambd = 0.5);

// log(sigmoid(x)), computed stably.
Tensor log_sigmoid(const Tensor& self);
Tensor& log_sigmoid_out(Tensor& out, const Tensor& self);

// x if x > 0 else weight[c] * x, c the index along dim 1 (weight: one element
// or one per channel; 0-D and 1-D inputs take a one-element weight).
Tensor prelu(const Tensor& self, const Tensor& weight);

// Randomized leaky ReLU: in training each negative element's slope is drawn
// from uniform(lower, upper) (the generator used as PyTorch's CPU kernel uses
// it); otherwise the slope is (lower + upper) / 2.
Tensor rrelu(const Tensor& self, const Scalar& lower = 1.0 / 8, const Scalar& upper = 1.0 / 3,
             bool training = false, std::optional<Generator> generator = std::nullopt);
Tensor& rrelu_(Tensor& self, const Scalar& lower = 1.0 / 8, const Scalar& upper = 1.0 / 3,
               bool training = false, std::optional<Generator> generator = std::nullopt);

// a * sigmoid(b) where a, b are the two halves of self along dim.
Tensor glu(const Tensor& self, int64_t dim = -1);
Tensor& glu_out(Tensor& out, const Tensor& self, int64_t dim = -1);

}  // namespace wick
