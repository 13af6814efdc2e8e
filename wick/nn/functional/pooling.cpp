#include "wick/nn/functional/pooling.h"

#include "wick/ops/pool.h"

namespace wick::nn::functional {

Tensor avg_pool1d(const Tensor& input, const AvgPool1dFuncOptions& o) {
  WICK_CHECK(!o.divisor_override(), "divisor_override is not supported by avg_pool1d");
  return ::wick::avg_pool1d(input, o.kernel_size(), o.stride(), o.padding(), o.ceil_mode(),
                            o.count_include_pad());
}
Tensor avg_pool2d(const Tensor& input, const AvgPool2dFuncOptions& o) {
  return ::wick::avg_pool2d(input, o.kernel_size(), o.stride(), o.padding(), o.ceil_mode(),
                            o.count_include_pad(), o.divisor_override());
}
Tensor avg_pool3d(const Tensor& input, const AvgPool3dFuncOptions& o) {
  return ::wick::avg_pool3d(input, o.kernel_size(), o.stride(), o.padding(), o.ceil_mode(),
                            o.count_include_pad(), o.divisor_override());
}

Tensor max_pool1d(const Tensor& input, const MaxPool1dFuncOptions& o) {
  return ::wick::max_pool1d(input, o.kernel_size(), o.stride(), o.padding(), o.dilation(), o.ceil_mode());
}
Tensor max_pool2d(const Tensor& input, const MaxPool2dFuncOptions& o) {
  return ::wick::max_pool2d(input, o.kernel_size(), o.stride(), o.padding(), o.dilation(), o.ceil_mode());
}
Tensor max_pool3d(const Tensor& input, const MaxPool3dFuncOptions& o) {
  return ::wick::max_pool3d(input, o.kernel_size(), o.stride(), o.padding(), o.dilation(), o.ceil_mode());
}
std::tuple<Tensor, Tensor> max_pool1d_with_indices(const Tensor& input, const MaxPool1dFuncOptions& o) {
  return ::wick::max_pool1d_with_indices(input, o.kernel_size(), o.stride(), o.padding(), o.dilation(),
                                         o.ceil_mode());
}
std::tuple<Tensor, Tensor> max_pool2d_with_indices(const Tensor& input, const MaxPool2dFuncOptions& o) {
  return ::wick::max_pool2d_with_indices(input, o.kernel_size(), o.stride(), o.padding(), o.dilation(),
                                         o.ceil_mode());
}
std::tuple<Tensor, Tensor> max_pool3d_with_indices(const Tensor& input, const MaxPool3dFuncOptions& o) {
  return ::wick::max_pool3d_with_indices(input, o.kernel_size(), o.stride(), o.padding(), o.dilation(),
                                         o.ceil_mode());
}

std::tuple<Tensor, Tensor> adaptive_max_pool1d_with_indices(const Tensor& input,
                                                            const AdaptiveMaxPool1dFuncOptions& o) {
  return ::wick::adaptive_max_pool1d(input, o.output_size().resolve(input.sizes()));
}
std::tuple<Tensor, Tensor> adaptive_max_pool2d_with_indices(const Tensor& input,
                                                            const AdaptiveMaxPool2dFuncOptions& o) {
  return ::wick::adaptive_max_pool2d(input, o.output_size().resolve(input.sizes()));
}
std::tuple<Tensor, Tensor> adaptive_max_pool3d_with_indices(const Tensor& input,
                                                            const AdaptiveMaxPool3dFuncOptions& o) {
  return ::wick::adaptive_max_pool3d(input, o.output_size().resolve(input.sizes()));
}
Tensor adaptive_max_pool1d(const Tensor& input, const AdaptiveMaxPool1dFuncOptions& o) {
  return std::get<0>(adaptive_max_pool1d_with_indices(input, o));
}
Tensor adaptive_max_pool2d(const Tensor& input, const AdaptiveMaxPool2dFuncOptions& o) {
  return std::get<0>(adaptive_max_pool2d_with_indices(input, o));
}
Tensor adaptive_max_pool3d(const Tensor& input, const AdaptiveMaxPool3dFuncOptions& o) {
  return std::get<0>(adaptive_max_pool3d_with_indices(input, o));
}

Tensor adaptive_avg_pool1d(const Tensor& input, const AdaptiveAvgPool1dFuncOptions& o) {
  return ::wick::adaptive_avg_pool1d(input, o.output_size().resolve(input.sizes()));
}
Tensor adaptive_avg_pool2d(const Tensor& input, const AdaptiveAvgPool2dFuncOptions& o) {
  return ::wick::adaptive_avg_pool2d(input, o.output_size().resolve(input.sizes()));
}
Tensor adaptive_avg_pool3d(const Tensor& input, const AdaptiveAvgPool3dFuncOptions& o) {
  return ::wick::adaptive_avg_pool3d(input, o.output_size().resolve(input.sizes()));
}

namespace {
IntArrayRef size_or_empty(const std::optional<std::vector<int64_t>>& s) {
  return s ? IntArrayRef(*s) : IntArrayRef();
}
}  // namespace

Tensor max_unpool1d(const Tensor& input, const Tensor& indices, const MaxUnpool1dFuncOptions& o) {
  return ::wick::max_unpool1d(input, indices, o.kernel_size(), o.stride(), o.padding(),
                              size_or_empty(o.output_size()));
}
Tensor max_unpool2d(const Tensor& input, const Tensor& indices, const MaxUnpool2dFuncOptions& o) {
  return ::wick::max_unpool2d(input, indices, o.kernel_size(), o.stride(), o.padding(),
                              size_or_empty(o.output_size()));
}
Tensor max_unpool3d(const Tensor& input, const Tensor& indices, const MaxUnpool3dFuncOptions& o) {
  return ::wick::max_unpool3d(input, indices, o.kernel_size(), o.stride(), o.padding(),
                              size_or_empty(o.output_size()));
}

Tensor lp_pool1d(const Tensor& input, const LPPool1dFuncOptions& o) {
  return ::wick::lp_pool1d(input, o.norm_type(), o.kernel_size(), o.stride(), o.ceil_mode());
}
Tensor lp_pool2d(const Tensor& input, const LPPool2dFuncOptions& o) {
  return ::wick::lp_pool2d(input, o.norm_type(), o.kernel_size(), o.stride(), o.ceil_mode());
}

Tensor lp_pool3d(const Tensor& input, const LPPool3dFuncOptions& o) {
  const double p = o.norm_type();
  Tensor out = ::wick::avg_pool3d(input.pow(p), o.kernel_size(), o.stride(), 0, o.ceil_mode());
  const double window = static_cast<double>(o.kernel_size()[0] * o.kernel_size()[1] * o.kernel_size()[2]);
  return (out.sign() * out.abs().relu()).mul(window).pow(1.0 / p);
}

}  // namespace wick::nn::functional
