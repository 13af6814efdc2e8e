#pragma once
// Neural-network ops: linear layers, convolutions, fold/unfold.
#include <string_view>
#include <type_traits>

#include "wick/tensor/tensor.h"

namespace wick {

// ---- linear layers -------------------------------------------------------------
// y = input @ weight^T + bias (2-D input with bias: addmm, as PyTorch 2.x).
Tensor linear(const Tensor& input, const Tensor& weight, const Tensor& bias = {});
// y[..., o] = sum_ij input1[..., i] weight[o, i, j] input2[..., j] + bias[o]
Tensor bilinear(const Tensor& input1, const Tensor& input2, const Tensor& weight,
                const Tensor& bias = {});

// ---- convolutions --------------------------------------------------------------
// ATen's convolution: batched input (N, C, *spatial), 1-3 spatial dims.
Tensor convolution(const Tensor& input, const Tensor& weight, const Tensor& bias,
                   IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation, bool transposed,
                   IntArrayRef output_padding, int64_t groups);

// Batched (N, C, *) or unbatched (C, *) input; a one-element list applies to all dims.
Tensor conv1d(const Tensor& input, const Tensor& weight, const Tensor& bias = {},
              IntArrayRef stride = 1, IntArrayRef padding = 0, IntArrayRef dilation = 1,
              int64_t groups = 1);
Tensor conv2d(const Tensor& input, const Tensor& weight, const Tensor& bias = {},
              IntArrayRef stride = 1, IntArrayRef padding = 0, IntArrayRef dilation = 1,
              int64_t groups = 1);
Tensor conv3d(const Tensor& input, const Tensor& weight, const Tensor& bias = {},
              IntArrayRef stride = 1, IntArrayRef padding = 0, IntArrayRef dilation = 1,
              int64_t groups = 1);
// padding "same" (stride 1 only; uneven totals put the extra row at the end) or "valid".
// (A template, so that a literal 0 or {0, 1} picks the IntArrayRef form.)
Tensor conv_padding_mode(int64_t spatial_dims, const Tensor& input, const Tensor& weight,
                         const Tensor& bias, IntArrayRef stride, std::string_view padding,
                         IntArrayRef dilation, int64_t groups);
template <typename S, typename = std::enable_if_t<std::is_convertible_v<const S&, std::string_view>>>
Tensor conv1d(const Tensor& input, const Tensor& weight, const Tensor& bias, IntArrayRef stride,
              const S& padding, IntArrayRef dilation = 1, int64_t groups = 1) {
  return conv_padding_mode(1, input, weight, bias, stride, padding, dilation, groups);
}
template <typename S, typename = std::enable_if_t<std::is_convertible_v<const S&, std::string_view>>>
Tensor conv2d(const Tensor& input, const Tensor& weight, const Tensor& bias, IntArrayRef stride,
              const S& padding, IntArrayRef dilation = 1, int64_t groups = 1) {
  return conv_padding_mode(2, input, weight, bias, stride, padding, dilation, groups);
}
template <typename S, typename = std::enable_if_t<std::is_convertible_v<const S&, std::string_view>>>
Tensor conv3d(const Tensor& input, const Tensor& weight, const Tensor& bias, IntArrayRef stride,
              const S& padding, IntArrayRef dilation = 1, int64_t groups = 1) {
  return conv_padding_mode(3, input, weight, bias, stride, padding, dilation, groups);
}

// Weight (C_in, C_out / groups, *kernel).
Tensor conv_transpose1d(const Tensor& input, const Tensor& weight, const Tensor& bias = {},
                        IntArrayRef stride = 1, IntArrayRef padding = 0,
                        IntArrayRef output_padding = 0, int64_t groups = 1,
                        IntArrayRef dilation = 1);
Tensor conv_transpose2d(const Tensor& input, const Tensor& weight, const Tensor& bias = {},
                        IntArrayRef stride = 1, IntArrayRef padding = 0,
                        IntArrayRef output_padding = 0, int64_t groups = 1,
                        IntArrayRef dilation = 1);
Tensor conv_transpose3d(const Tensor& input, const Tensor& weight, const Tensor& bias = {},
                        IntArrayRef stride = 1, IntArrayRef padding = 0,
                        IntArrayRef output_padding = 0, int64_t groups = 1,
                        IntArrayRef dilation = 1);

// ---- fold / unfold (F.unfold, F.fold) --------------------------------------------
// (N, C, H, W) or (C, H, W) -> (N, C*kH*kW, L): the sliding blocks as columns.
Tensor im2col(const Tensor& input, IntArrayRef kernel_size, IntArrayRef dilation,
              IntArrayRef padding, IntArrayRef stride);
// The adjoint: sums overlapping blocks back into (N, C, output_size).
Tensor col2im(const Tensor& input, IntArrayRef output_size, IntArrayRef kernel_size,
              IntArrayRef dilation, IntArrayRef padding, IntArrayRef stride);

}  // namespace wick
