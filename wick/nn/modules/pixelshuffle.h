#pragma once
// PixelShuffle / PixelUnshuffle (LibTorch's shape).
#include "wick/nn/module.h"
#include "wick/nn/options.h"

namespace wick::nn {

struct PixelShuffleOptions {
  PixelShuffleOptions(int64_t upscale_factor) : upscale_factor_(upscale_factor) {}  // NOLINT
  WICK_ARG(int64_t, upscale_factor);
};
struct PixelUnshuffleOptions {
  PixelUnshuffleOptions(int64_t downscale_factor) : downscale_factor_(downscale_factor) {}  // NOLINT
  WICK_ARG(int64_t, downscale_factor);
};

// (*, C*r*r, H, W) -> (*, C, H*r, W*r).
class PixelShuffleImpl : public Module {
 public:
  explicit PixelShuffleImpl(const PixelShuffleOptions& options) : options(options) {}
  Tensor forward(const Tensor& input);
  void pretty_print(std::ostream& stream) const override;
  PixelShuffleOptions options;
};
WICK_MODULE(PixelShuffle);

// (*, C, H*r, W*r) -> (*, C*r*r, H, W).
class PixelUnshuffleImpl : public Module {
 public:
  explicit PixelUnshuffleImpl(const PixelUnshuffleOptions& options) : options(options) {}
  Tensor forward(const Tensor& input);
  void pretty_print(std::ostream& stream) const override;
  PixelUnshuffleOptions options;
};
WICK_MODULE(PixelUnshuffle);

}  // namespace wick::nn
