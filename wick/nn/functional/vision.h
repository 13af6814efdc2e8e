#pragma once
// wick::nn::functional (vision), LibTorch's torch::nn::functional:
//   F::affine_grid(theta, {N, C, H, W}), F::grid_sample(x, grid,
//   F::GridSampleFuncOptions().mode(wick::kBilinear).padding_mode(wick::kBorder).align_corners(true))
#include <optional>

#include "wick/nn/functional/upsampling.h"  // wick::kBilinear, kNearest, kBicubic
#include "wick/nn/options.h"
#include "wick/tensor/tensor.h"

namespace wick {
// grid_sample's padding modes besides kZeros (a wick::PaddingMode).
enum GridSamplePadding { kBorder = 200, kReflection };
}  // namespace wick

namespace wick::nn::functional {

// theta (N, 2, 3) with size {N, C, H, W}, or (N, 3, 4) with size {N, C, D, H, W}.
Tensor affine_grid(const Tensor& theta, IntArrayRef size, bool align_corners = false);

struct GridSampleFuncOptions {
  // kBilinear, kNearest or kBicubic.
  class mode_t {
   public:
    mode_t(Interpolation mode);  // NOLINT
    const char* str() const { return str_; }
    bool operator==(const mode_t& o) const { return id_ == o.id_; }

   private:
    int id_;
    const char* str_;
  };
  // kZeros, kBorder or kReflection.
  class padding_mode_t {
   public:
    padding_mode_t(PaddingMode mode);        // NOLINT: only kZeros
    padding_mode_t(GridSamplePadding mode);  // NOLINT
    const char* str() const { return str_; }
    bool operator==(const padding_mode_t& o) const { return id_ == o.id_; }

   private:
    int id_;
    const char* str_;
  };
  WICK_ARG(mode_t, mode) = kBilinear;
  WICK_ARG(padding_mode_t, padding_mode) = kZeros;
  WICK_ARG(std::optional<bool>, align_corners) = std::nullopt;
};
Tensor grid_sample(const Tensor& input, const Tensor& grid, const GridSampleFuncOptions& options = {});

}  // namespace wick::nn::functional
