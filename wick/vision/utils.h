#pragma once
// torchvision.utils' make_grid and save_image in C++.
//
//   auto grid = wick::vision::utils::make_grid(batch, MakeGridOptions().nrow(4).normalize(true));
//   wick::vision::utils::save_image(batch, "grid.png");
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "wick/tensor/tensor.h"

namespace wick::vision::utils {

struct MakeGridOptions {
  using Range = std::optional<std::pair<double, double>>;
#define WICK_GRID_ARG(T, name, init)          \
  MakeGridOptions& name(T v) {                \
    name##_ = std::move(v);                   \
    return *this;                             \
  }                                           \
  const T& name() const { return name##_; }   \
  T name##_ = init;
  WICK_GRID_ARG(int64_t, nrow, 8)
  WICK_GRID_ARG(int64_t, padding, 2)
  WICK_GRID_ARG(bool, normalize, false)
  // (min, max) to clamp to and scale from when normalizing; default: the tensor's
  // (or, with scale_each, each image's) own min and max.
  WICK_GRID_ARG(Range, value_range, std::nullopt)
  WICK_GRID_ARG(bool, scale_each, false)
  WICK_GRID_ARG(double, pad_value, 0.0)
#undef WICK_GRID_ARG
};

// A grid of images: B x C x H x W (or C x H x W / H x W; one channel repeats to
// three) laid out nrow per row with `padding` pixels of pad_value between them,
// as torchvision.utils.make_grid. A single image comes back as C x H x W.
Tensor make_grid(const Tensor& tensor, const MakeGridOptions& options = {});
Tensor make_grid(const std::vector<Tensor>& tensors, const MakeGridOptions& options = {});

// The grid as the uint8 C x H x W image save_image writes (torchvision's
// mul(255).add_(0.5).clamp_(0, 255) rounding).
Tensor grid_to_uint8(const Tensor& grid);

// make_grid, then written as PNG (.png) or JPEG (.jpg/.jpeg) by the file's
// extension (case-insensitive) or by `format` ("png", "jpeg"/"jpg") when given.
void save_image(const Tensor& tensor, const std::string& path, const MakeGridOptions& options = {},
                const std::string& format = "");
void save_image(const std::vector<Tensor>& tensors, const std::string& path, const MakeGridOptions& options = {},
                const std::string& format = "");

}  // namespace wick::vision::utils
