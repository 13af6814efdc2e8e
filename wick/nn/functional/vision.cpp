#include "wick/nn/functional/vision.h"

#include "wick/ops/pool.h"

namespace wick::nn::functional {

GridSampleFuncOptions::mode_t::mode_t(Interpolation mode) : id_(mode) {
  switch (mode) {
    case kBilinear: str_ = "bilinear"; break;
    case kNearest: str_ = "nearest"; break;
    case kBicubic: str_ = "bicubic"; break;
    default:
      WICK_CHECK_T(ValueError, false, "nn.functional.grid_sample(): expected mode to be kBilinear, kNearest or "
                   "kBicubic");
  }
}

GridSampleFuncOptions::padding_mode_t::padding_mode_t(PaddingMode mode) : id_(mode), str_("zeros") {
  WICK_CHECK_T(ValueError, mode == kZeros, "nn.functional.grid_sample(): expected padding_mode to be kZeros, "
               "kBorder or kReflection");
}

GridSampleFuncOptions::padding_mode_t::padding_mode_t(GridSamplePadding mode)
    : id_(mode), str_(mode == kBorder ? "border" : "reflection") {}

Tensor affine_grid(const Tensor& theta, IntArrayRef size, bool align_corners) {
  return ::wick::affine_grid(theta, size, align_corners);
}

Tensor grid_sample(const Tensor& input, const Tensor& grid, const GridSampleFuncOptions& o) {
  return ::wick::grid_sample(input, grid, o.mode().str(), o.padding_mode().str(),
                             o.align_corners().value_or(false));
}

}  // namespace wick::nn::functional
