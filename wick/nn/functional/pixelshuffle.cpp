#include "wick/nn/functional/pixelshuffle.h"

#include "wick/ops/pool.h"

namespace wick::nn::functional {

Tensor pixel_shuffle(const Tensor& input, const PixelShuffleFuncOptions& options) {
  return ::wick::pixel_shuffle(input, options.upscale_factor());
}
Tensor pixel_unshuffle(const Tensor& input, const PixelUnshuffleFuncOptions& options) {
  return ::wick::pixel_unshuffle(input, options.downscale_factor());
}

}  // namespace wick::nn::functional
