#pragma once
// wick::nn::functional (dropout), LibTorch's torch::nn::functional:
//   F::dropout(x, F::DropoutFuncOptions().p(0.2).training(true)), F::dropout2d, F::alpha_dropout, ...
#include "wick/nn/options.h"
#include "wick/tensor/tensor.h"

namespace wick::nn::functional {

struct DropoutFuncOptions {
  WICK_ARG(double, p) = 0.5;
  WICK_ARG(bool, training) = true;
  WICK_ARG(bool, inplace) = false;
};
using Dropout1dFuncOptions = DropoutFuncOptions;
using Dropout2dFuncOptions = DropoutFuncOptions;
using Dropout3dFuncOptions = DropoutFuncOptions;

struct AlphaDropoutFuncOptions {
  WICK_ARG(double, p) = 0.5;
  WICK_ARG(bool, training) = false;
  WICK_ARG(bool, inplace) = false;
};
struct FeatureAlphaDropoutFuncOptions {
  WICK_ARG(double, p) = 0.5;
  WICK_ARG(bool, training) = false;
  WICK_ARG(bool, inplace) = false;
};

// Elementwise: zeroes each value with probability p, scales the rest by 1/(1-p).
Tensor dropout(Tensor input, const DropoutFuncOptions& options = {});
// Whole channels: (N, C, L) or unbatched (C, L).
Tensor dropout1d(Tensor input, const Dropout1dFuncOptions& options = {});
// Whole channels of (N, C, H, W) (a 3-D input is read as (N, C, L), as PyTorch does).
Tensor dropout2d(Tensor input, const Dropout2dFuncOptions& options = {});
// Whole channels: (N, C, D, H, W) or unbatched (C, D, H, W).
Tensor dropout3d(Tensor input, const Dropout3dFuncOptions& options = {});
Tensor alpha_dropout(Tensor input, const AlphaDropoutFuncOptions& options = {});
Tensor feature_alpha_dropout(Tensor input, const FeatureAlphaDropoutFuncOptions& options = {});

}  // namespace wick::nn::functional
