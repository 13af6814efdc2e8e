#pragma once
// Neural-network ops: pooling, padding, resampling.
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "wick/tensor/tensor.h"

namespace wick {

// ---- max pooling -------------------------------------------------------------
// stride {} means stride = kernel_size. Indices are flat positions in each
// input plane (d * H * W + h * W + w), as PyTorch returns them.
std::tuple<Tensor, Tensor> max_pool1d_with_indices(const Tensor& self, IntArrayRef kernel_size,
                                                   IntArrayRef stride = {}, IntArrayRef padding = 0,
                                                   IntArrayRef dilation = 1, bool ceil_mode = false);
std::tuple<Tensor, Tensor> max_pool2d_with_indices(const Tensor& self, IntArrayRef kernel_size,
                                                   IntArrayRef stride = {}, IntArrayRef padding = 0,
                                                   IntArrayRef dilation = 1, bool ceil_mode = false);
std::tuple<Tensor, Tensor> max_pool3d_with_indices(const Tensor& self, IntArrayRef kernel_size,
                                                   IntArrayRef stride = {}, IntArrayRef padding = 0,
                                                   IntArrayRef dilation = 1, bool ceil_mode = false);
Tensor max_pool1d(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride = {},
                  IntArrayRef padding = 0, IntArrayRef dilation = 1, bool ceil_mode = false);
Tensor max_pool2d(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride = {},
                  IntArrayRef padding = 0, IntArrayRef dilation = 1, bool ceil_mode = false);
Tensor max_pool3d(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride = {},
                  IntArrayRef padding = 0, IntArrayRef dilation = 1, bool ceil_mode = false);
// The gradient of max_pool{2,3}d_with_indices / adaptive_max_pool{2,3}d:
// grad_output scattered (summed) into the argmax positions of an input-shaped zero tensor.
Tensor max_pool2d_with_indices_backward(const Tensor& grad_output, const Tensor& self,
                                        IntArrayRef kernel_size, IntArrayRef stride,
                                        IntArrayRef padding, IntArrayRef dilation, bool ceil_mode,
                                        const Tensor& indices);
Tensor max_pool3d_with_indices_backward(const Tensor& grad_output, const Tensor& self,
                                        IntArrayRef kernel_size, IntArrayRef stride,
                                        IntArrayRef padding, IntArrayRef dilation, bool ceil_mode,
                                        const Tensor& indices);

// ---- average pooling ---------------------------------------------------------
Tensor avg_pool1d(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride = {},
                  IntArrayRef padding = 0, bool ceil_mode = false, bool count_include_pad = true);
Tensor avg_pool2d(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride = {},
                  IntArrayRef padding = 0, bool ceil_mode = false, bool count_include_pad = true,
                  std::optional<int64_t> divisor_override = std::nullopt);
Tensor avg_pool3d(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride = {},
                  IntArrayRef padding = 0, bool ceil_mode = false, bool count_include_pad = true,
                  std::optional<int64_t> divisor_override = std::nullopt);
Tensor avg_pool2d_backward(const Tensor& grad_output, const Tensor& self, IntArrayRef kernel_size,
                           IntArrayRef stride, IntArrayRef padding, bool ceil_mode,
                           bool count_include_pad, std::optional<int64_t> divisor_override);
Tensor avg_pool3d_backward(const Tensor& grad_output, const Tensor& self, IntArrayRef kernel_size,
                           IntArrayRef stride, IntArrayRef padding, bool ceil_mode,
                           bool count_include_pad, std::optional<int64_t> divisor_override);

// ---- adaptive pooling --------------------------------------------------------
Tensor adaptive_avg_pool1d(const Tensor& self, IntArrayRef output_size);
Tensor adaptive_avg_pool2d(const Tensor& self, IntArrayRef output_size);
Tensor adaptive_avg_pool3d(const Tensor& self, IntArrayRef output_size);
std::tuple<Tensor, Tensor> adaptive_max_pool1d(const Tensor& self, IntArrayRef output_size);
std::tuple<Tensor, Tensor> adaptive_max_pool2d(const Tensor& self, IntArrayRef output_size);
std::tuple<Tensor, Tensor> adaptive_max_pool3d(const Tensor& self, IntArrayRef output_size);

// ---- unpooling and Lp pooling ------------------------------------------------
// output_size: the spatial size (or the full size) of the result; {} derives it
// from kernel_size, stride and padding as PyTorch's F.max_unpool does.
Tensor max_unpool1d(const Tensor& self, const Tensor& indices, IntArrayRef kernel_size,
                    IntArrayRef stride = {}, IntArrayRef padding = 0, IntArrayRef output_size = {});
Tensor max_unpool2d(const Tensor& self, const Tensor& indices, IntArrayRef kernel_size,
                    IntArrayRef stride = {}, IntArrayRef padding = 0, IntArrayRef output_size = {});
Tensor max_unpool3d(const Tensor& self, const Tensor& indices, IntArrayRef kernel_size,
                    IntArrayRef stride = {}, IntArrayRef padding = 0, IntArrayRef output_size = {});
Tensor lp_pool1d(const Tensor& self, double norm_type, IntArrayRef kernel_size,
                 IntArrayRef stride = {}, bool ceil_mode = false);
Tensor lp_pool2d(const Tensor& self, double norm_type, IntArrayRef kernel_size,
                 IntArrayRef stride = {}, bool ceil_mode = false);

// ---- padding and shuffles (pool_pad.cpp) ------------------------------------
// pad = (left, right) pairs from the last dim backwards, as F.pad takes them.
Tensor constant_pad_nd(const Tensor& self, IntArrayRef pad, const Scalar& value = 0);
Tensor reflection_pad1d(const Tensor& self, IntArrayRef padding);
Tensor reflection_pad2d(const Tensor& self, IntArrayRef padding);
Tensor reflection_pad3d(const Tensor& self, IntArrayRef padding);
Tensor replication_pad1d(const Tensor& self, IntArrayRef padding);
Tensor replication_pad2d(const Tensor& self, IntArrayRef padding);
Tensor replication_pad3d(const Tensor& self, IntArrayRef padding);
// mode: "constant", "reflect", "replicate" or "circular".
Tensor pad(const Tensor& self, IntArrayRef pad, const std::string& mode = "constant",
           std::optional<double> value = std::nullopt);
Tensor pixel_shuffle(const Tensor& self, int64_t upscale_factor);
Tensor pixel_unshuffle(const Tensor& self, int64_t downscale_factor);
Tensor channel_shuffle(const Tensor& self, int64_t groups);

// ---- resampling (pool_resample.cpp) -------------------------------------------
// nd spatial dims of an (N, C, ...) input; output_size {} means floor(in * scale).
// scales (one per dim, or empty) also set the coordinate mapping, as in PyTorch.
Tensor upsample_nearest_nd(const Tensor& self, int nd, IntArrayRef output_size,
                           const std::vector<double>& scales = {}, bool exact = false);
Tensor upsample_linear_nd(const Tensor& self, int nd, IntArrayRef output_size, bool align_corners,
                          const std::vector<double>& scales = {});
Tensor upsample_bicubic2d(const Tensor& self, IntArrayRef output_size, bool align_corners,
                          const std::vector<double>& scales = {});

// ---- spatial transformers (pool_grid.cpp) -------------------------------------
// theta (N, 2, 3) with size (N, C, H, W) -> grid (N, H, W, 2); theta (N, 3, 4)
// with size (N, C, D, H, W) -> grid (N, D, H, W, 3).
Tensor affine_grid_generator(const Tensor& theta, IntArrayRef size, bool align_corners);
Tensor affine_grid(const Tensor& theta, IntArrayRef size, bool align_corners = false);
// interpolation_mode: 0 bilinear, 1 nearest, 2 bicubic (4-D only);
// padding_mode: 0 zeros, 1 border, 2 reflection. 4-D or 5-D input.
Tensor grid_sampler(const Tensor& input, const Tensor& grid, int64_t interpolation_mode,
                    int64_t padding_mode, bool align_corners);
Tensor grid_sampler_2d(const Tensor& input, const Tensor& grid, int64_t interpolation_mode,
                       int64_t padding_mode, bool align_corners);
Tensor grid_sampler_3d(const Tensor& input, const Tensor& grid, int64_t interpolation_mode,
                       int64_t padding_mode, bool align_corners);
// (grad_input, grad_grid); not differentiable again, as in PyTorch.
std::tuple<Tensor, Tensor> grid_sampler_backward(const Tensor& grad_output, const Tensor& input,
                                                 const Tensor& grid, int64_t interpolation_mode,
                                                 int64_t padding_mode, bool align_corners);
// mode "bilinear" | "nearest" | "bicubic"; padding_mode "zeros" | "border" | "reflection".
Tensor grid_sample(const Tensor& input, const Tensor& grid, const std::string& mode = "bilinear",
                   const std::string& padding_mode = "zeros", bool align_corners = false);

}  // namespace wick
