#pragma once
// wick::nn::functional (upsampling), LibTorch's torch::nn::functional:
//   F::interpolate(x, F::InterpolateFuncOptions().size(std::vector<int64_t>{4, 4}).mode(wick::kBilinear))
// The modes are wick::kNearest, kLinear, kBilinear, kBicubic, kTrilinear, kArea, kNearestExact.
#include <optional>
#include <vector>

#include "wick/nn/init.h"  // wick::kLinear
#include "wick/nn/options.h"
#include "wick/tensor/tensor.h"

namespace wick {
// Resampling modes besides kLinear (which is the wick::Nonlinearity enumerator).
enum Interpolation { kNearest = 100, kBilinear, kBicubic, kTrilinear, kArea, kNearestExact };
}  // namespace wick

namespace wick::nn {

// An interpolation mode: one of the Interpolation values or wick::kLinear.
class InterpolateMode {
 public:
  InterpolateMode(Interpolation mode);  // NOLINT
  InterpolateMode(Nonlinearity mode);   // NOLINT: only kLinear
  // PyTorch's string ("bilinear", "nearest-exact") and LibTorch's enum name ("kBilinear").
  const char* str() const { return str_; }
  const char* name() const { return name_; }
  bool operator==(const InterpolateMode& o) const { return id_ == o.id_; }
  bool operator!=(const InterpolateMode& o) const { return id_ != o.id_; }

 private:
  int id_;
  const char* str_;
  const char* name_;
};

}  // namespace wick::nn

namespace wick::nn::functional {

struct InterpolateFuncOptions {
  using mode_t = InterpolateMode;
  // One value (for every spatial dim) or one per spatial dim.
  WICK_ARG(std::optional<std::vector<int64_t>>, size) = std::nullopt;
  WICK_ARG(std::optional<std::vector<double>>, scale_factor) = std::nullopt;
  WICK_ARG(mode_t, mode) = kNearest;
  // Only for kLinear, kBilinear, kBicubic and kTrilinear (default false there).
  WICK_ARG(std::optional<bool>, align_corners) = std::nullopt;
  WICK_ARG(std::optional<bool>, recompute_scale_factor) = std::nullopt;
  WICK_ARG(bool, antialias) = false;
};
// Resamples the spatial dims of an (N, C, ...) input of 3 to 5 dims.
Tensor interpolate(const Tensor& input, const InterpolateFuncOptions& options = {});

}  // namespace wick::nn::functional
