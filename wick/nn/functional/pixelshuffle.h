#pragma once
// wick::nn::functional (pixelshuffle), LibTorch's torch::nn::functional:
//   F::pixel_shuffle(x, F::PixelShuffleFuncOptions(2)), F::pixel_unshuffle(x, F::PixelUnshuffleFuncOptions(2))
#include "wick/nn/modules/pixelshuffle.h"
#include "wick/tensor/tensor.h"

namespace wick::nn::functional {

using PixelShuffleFuncOptions = PixelShuffleOptions;
using PixelUnshuffleFuncOptions = PixelUnshuffleOptions;
Tensor pixel_shuffle(const Tensor& input, const PixelShuffleFuncOptions& options);
Tensor pixel_unshuffle(const Tensor& input, const PixelUnshuffleFuncOptions& options);

}  // namespace wick::nn::functional
