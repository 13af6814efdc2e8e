#include "wick/nn/functional/linear.h"

#include "wick/ops/conv.h"

namespace wick::nn::functional {

Tensor linear(const Tensor& input, const Tensor& weight, const Tensor& bias) {
  return ::wick::linear(input, weight, bias);
}

Tensor bilinear(const Tensor& input1, const Tensor& input2, const Tensor& weight, const Tensor& bias) {
  return ::wick::bilinear(input1, input2, weight, bias);
}

}  // namespace wick::nn::functional
