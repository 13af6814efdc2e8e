#pragma once
// wick::nn::functional (fold), LibTorch's torch::nn::functional:
//   F::unfold(x, F::UnfoldFuncOptions({2, 2}).stride(2)), F::fold(cols, F::FoldFuncOptions({4, 4}, {2, 2}))
#include "wick/nn/modules/fold.h"
#include "wick/tensor/tensor.h"

namespace wick::nn::functional {

using FoldFuncOptions = FoldOptions;
using UnfoldFuncOptions = UnfoldOptions;
Tensor fold(const Tensor& input, const FoldFuncOptions& options);
Tensor unfold(const Tensor& input, const UnfoldFuncOptions& options);

}  // namespace wick::nn::functional
