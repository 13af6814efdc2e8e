#include "wick/nn/functional/conv.h"

#include "wick/ops/conv.h"

namespace wick::nn::functional {
namespace {
template <size_t D>
Tensor conv_explicit(const Tensor& x, const Tensor& w, const Tensor& b, IntArrayRef stride,
                     IntArrayRef padding, IntArrayRef dilation, int64_t groups) {
  if constexpr (D == 1) return ::wick::conv1d(x, w, b, stride, padding, dilation, groups);
  if constexpr (D == 2) return ::wick::conv2d(x, w, b, stride, padding, dilation, groups);
  if constexpr (D == 3) return ::wick::conv3d(x, w, b, stride, padding, dilation, groups);
}

template <size_t D>
Tensor conv_any(const Tensor& input, const Tensor& weight, const ConvFuncOptions<D>& o) {
  if (const auto* p = std::get_if<ExpandingArray<D>>(&o.padding())) {
    return conv_explicit<D>(input, weight, o.bias(), o.stride(), *p, o.dilation(), o.groups());
  }
  const char* mode = std::holds_alternative<SamePadding>(o.padding()) ? "same" : "valid";
  return conv_padding_mode(D, input, weight, o.bias(), o.stride(), mode, o.dilation(), o.groups());
}
}  // namespace

Tensor conv1d(const Tensor& input, const Tensor& weight, const Conv1dFuncOptions& options) {
  return conv_any<1>(input, weight, options);
}
Tensor conv2d(const Tensor& input, const Tensor& weight, const Conv2dFuncOptions& options) {
  return conv_any<2>(input, weight, options);
}
Tensor conv3d(const Tensor& input, const Tensor& weight, const Conv3dFuncOptions& options) {
  return conv_any<3>(input, weight, options);
}

Tensor conv_transpose1d(const Tensor& input, const Tensor& weight,
                        const ConvTranspose1dFuncOptions& o) {
  return ::wick::conv_transpose1d(input, weight, o.bias(), o.stride(), o.padding(), o.output_padding(),
                                  o.groups(), o.dilation());
}
Tensor conv_transpose2d(const Tensor& input, const Tensor& weight,
                        const ConvTranspose2dFuncOptions& o) {
  return ::wick::conv_transpose2d(input, weight, o.bias(), o.stride(), o.padding(), o.output_padding(),
                                  o.groups(), o.dilation());
}
Tensor conv_transpose3d(const Tensor& input, const Tensor& weight,
                        const ConvTranspose3dFuncOptions& o) {
  return ::wick::conv_transpose3d(input, weight, o.bias(), o.stride(), o.padding(), o.output_padding(),
                                  o.groups(), o.dilation());
}

}  // namespace wick::nn::functional
