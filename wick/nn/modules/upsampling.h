#pragma once
// Upsample (LibTorch's shape):
//   wick::nn::Upsample(wick::nn::UpsampleOptions().scale_factor(std::vector<double>{2, 2}).mode(wick::kBilinear))
#include <optional>
#include <vector>

#include "wick/nn/functional/upsampling.h"
#include "wick/nn/module.h"
#include "wick/nn/options.h"

namespace wick::nn {

struct UpsampleOptions {
  WICK_ARG(std::optional<std::vector<int64_t>>, size) = std::nullopt;
  WICK_ARG(std::optional<std::vector<double>>, scale_factor) = std::nullopt;
  // kNearest, kLinear, kBilinear, kBicubic or kTrilinear.
  WICK_ARG(InterpolateMode, mode) = kNearest;
  WICK_ARG(std::optional<bool>, align_corners) = std::nullopt;
};

class UpsampleImpl : public Module {
 public:
  explicit UpsampleImpl(const UpsampleOptions& options = {}) : options(options) {}
  Tensor forward(const Tensor& input);
  void pretty_print(std::ostream& stream) const override;
  UpsampleOptions options;
};
WICK_MODULE(Upsample);

}  // namespace wick::nn
