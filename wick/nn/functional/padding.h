#pragma once
// wick::nn::functional (padding), LibTorch's torch::nn::functional:
//   F::pad(x, F::PadFuncOptions({1, 1}).mode(wick::kReflect))
#include <vector>

#include "wick/nn/options.h"
#include "wick/tensor/tensor.h"

namespace wick::nn::functional {

struct PadFuncOptions {
  // (left, right) pairs from the last dim backwards.
  PadFuncOptions(std::vector<int64_t> pad) : pad_(std::move(pad)) {}  // NOLINT
  WICK_ARG(std::vector<int64_t>, pad);
  // wick::kConstant, kReflect, kReplicate or kCircular.
  WICK_ARG(PaddingMode, mode) = kConstant;
  // The fill value of kConstant.
  WICK_ARG(double, value) = 0;
};
Tensor pad(const Tensor& input, const PadFuncOptions& options);

}  // namespace wick::nn::functional
