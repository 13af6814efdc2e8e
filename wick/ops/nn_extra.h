#pragma once
// Odds and ends of torch.nn that sit beside the pooling / dropout families:
// weight normalisation (norm_dropout.cpp), anti-aliased resampling
// (pool_resample.cpp) and activation gradients (activation.cpp).
#include <tuple>
#include <vector>

#include "wick/tensor/tensor.h"

namespace wick {

// ---- weight normalisation (norm_dropout.cpp) -------------------------------------
// The p-norm of v over every dim but `dim`, shaped to broadcast against v
// (size 1 in every other dim); dim == -1 means the norm of the whole tensor (0-dim).
Tensor norm_except_dim(const Tensor& v, int64_t pow = 2, int64_t dim = 0);
// v * (g / norm_except_dim(v, 2, dim)). For dim 0 or the last dim this is one
// fused op (WeightNormInterfaceBackward0, as PyTorch's), else a composite.
Tensor _weight_norm(const Tensor& v, const Tensor& g, int64_t dim = 0);
// (w, norms): norms in float for 16-bit v; dim must be 0 or v.dim() - 1.
std::tuple<Tensor, Tensor> _weight_norm_interface(const Tensor& v, const Tensor& g,
                                                  int64_t dim = 0);

// ---- gradients of piecewise-linear activations (activation.cpp) -------------------
// grad_output where min_val < result < max_val, else 0 (hardtanh, relu6), and
// grad_output where self > threshold, else 0 (threshold, relu). Differentiable
// again: in grad_output the same op, in result / self zeros (as PyTorch's
// HardtanhBackwardBackward0 / ThresholdBackwardBackward0).
Tensor hardtanh_grad(const Tensor& grad_output, const Tensor& result, double min_val,
                     double max_val);
Tensor threshold_grad(const Tensor& grad_output, const Tensor& self, double threshold);

// ---- anti-aliased resampling (pool_resample.cpp) ----------------------------------
// interpolate(..., antialias=True) for (N, C, H, W) inputs: separable kernels
// widened by the downscale factor (triangle for bilinear, Keys a = -0.5 for
// bicubic), normalised per output position, as PyTorch's.
Tensor _upsample_bilinear2d_aa(const Tensor& self, IntArrayRef output_size, bool align_corners,
                               const std::vector<double>& scales = {});
Tensor _upsample_bicubic2d_aa(const Tensor& self, IntArrayRef output_size, bool align_corners,
                              const std::vector<double>& scales = {});

}  // namespace wick
