#pragma once
// wick::nn::functional (linear), LibTorch's torch::nn::functional:
//   F::linear(x, w, b), F::bilinear(x1, x2, w, b)
#include "wick/tensor/tensor.h"

namespace wick::nn::functional {

Tensor linear(const Tensor& input, const Tensor& weight, const Tensor& bias = {});
Tensor bilinear(const Tensor& input1, const Tensor& input2, const Tensor& weight,
                const Tensor& bias = Tensor());

}  // namespace wick::nn::functional
