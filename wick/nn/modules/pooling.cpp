#include "wick/nn/modules/pooling.h"

#include <ostream>

#include "wick/nn/functional/pooling.h"
#include "wick/ops/pool.h"

namespace wick::nn {

template <size_t D>
Tensor MaxPoolNdImpl<D>::forward(const Tensor& input) {
  const auto& o = options;
  if constexpr (D == 1) return max_pool1d(input, o.kernel_size(), o.stride(), o.padding(), o.dilation(), o.ceil_mode());
  if constexpr (D == 2) return max_pool2d(input, o.kernel_size(), o.stride(), o.padding(), o.dilation(), o.ceil_mode());
  if constexpr (D == 3) return max_pool3d(input, o.kernel_size(), o.stride(), o.padding(), o.dilation(), o.ceil_mode());
}

template <size_t D>
std::tuple<Tensor, Tensor> MaxPoolNdImpl<D>::forward_with_indices(const Tensor& input) {
  const auto& o = options;
  if constexpr (D == 1)
    return max_pool1d_with_indices(input, o.kernel_size(), o.stride(), o.padding(), o.dilation(), o.ceil_mode());
  if constexpr (D == 2)
    return max_pool2d_with_indices(input, o.kernel_size(), o.stride(), o.padding(), o.dilation(), o.ceil_mode());
  if constexpr (D == 3)
    return max_pool3d_with_indices(input, o.kernel_size(), o.stride(), o.padding(), o.dilation(), o.ceil_mode());
}

template <size_t D>
void MaxPoolNdImpl<D>::pretty_print(std::ostream& stream) const {
  const auto& o = options;
  stream << std::boolalpha << "wick::nn::MaxPool" << D << "d(kernel_size=" << o.kernel_size()
         << ", stride=" << o.stride() << ", padding=" << o.padding() << ", dilation=" << o.dilation()
         << ", ceil_mode=" << o.ceil_mode() << ")";
}

template <size_t D>
Tensor AvgPoolNdImpl<D>::forward(const Tensor& input) {
  const auto& o = options;
  if constexpr (D == 1) {
    WICK_CHECK(!o.divisor_override(), "divisor_override is not supported by AvgPool1d");
    return avg_pool1d(input, o.kernel_size(), o.stride(), o.padding(), o.ceil_mode(), o.count_include_pad());
  }
  if constexpr (D == 2)
    return avg_pool2d(input, o.kernel_size(), o.stride(), o.padding(), o.ceil_mode(), o.count_include_pad(),
                      o.divisor_override());
  if constexpr (D == 3)
    return avg_pool3d(input, o.kernel_size(), o.stride(), o.padding(), o.ceil_mode(), o.count_include_pad(),
                      o.divisor_override());
}

template <size_t D>
void AvgPoolNdImpl<D>::pretty_print(std::ostream& stream) const {
  const auto& o = options;
  stream << "wick::nn::AvgPool" << D << "d(kernel_size=" << o.kernel_size() << ", stride=" << o.stride()
         << ", padding=" << o.padding() << ")";
}

template <size_t D>
Tensor AdaptiveAvgPoolNdImpl<D>::forward(const Tensor& input) {
  if constexpr (D == 1) return functional::adaptive_avg_pool1d(input, options);
  if constexpr (D == 2) return functional::adaptive_avg_pool2d(input, options);
  if constexpr (D == 3) return functional::adaptive_avg_pool3d(input, options);
}

template <size_t D>
void AdaptiveAvgPoolNdImpl<D>::pretty_print(std::ostream& stream) const {
  stream << "wick::nn::AdaptiveAvgPool" << D << "d(output_size=" << options.output_size() << ")";
}

template <size_t D>
Tensor AdaptiveMaxPoolNdImpl<D>::forward(const Tensor& input) {
  return std::get<0>(forward_with_indices(input));
}

template <size_t D>
std::tuple<Tensor, Tensor> AdaptiveMaxPoolNdImpl<D>::forward_with_indices(const Tensor& input) {
  if constexpr (D == 1) return functional::adaptive_max_pool1d_with_indices(input, options);
  if constexpr (D == 2) return functional::adaptive_max_pool2d_with_indices(input, options);
  if constexpr (D == 3) return functional::adaptive_max_pool3d_with_indices(input, options);
}

template <size_t D>
void AdaptiveMaxPoolNdImpl<D>::pretty_print(std::ostream& stream) const {
  stream << "wick::nn::AdaptiveMaxPool" << D << "d(output_size=" << options.output_size() << ")";
}

template <size_t D>
Tensor MaxUnpoolNdImpl<D>::forward(const Tensor& input, const Tensor& indices,
                                   const std::optional<std::vector<int64_t>>& output_size) {
  functional::MaxUnpoolFuncOptions<D> o(options.kernel_size());
  o.stride(options.stride()).padding(options.padding()).output_size(output_size);
  if constexpr (D == 1) return functional::max_unpool1d(input, indices, o);
  if constexpr (D == 2) return functional::max_unpool2d(input, indices, o);
  if constexpr (D == 3) return functional::max_unpool3d(input, indices, o);
}

template <size_t D>
void MaxUnpoolNdImpl<D>::pretty_print(std::ostream& stream) const {
  stream << "wick::nn::MaxUnpool" << D << "d(kernel_size=" << options.kernel_size()
         << ", stride=" << options.stride() << ", padding=" << options.padding() << ")";
}

template <size_t D>
Tensor LPPoolNdImpl<D>::forward(const Tensor& input) {
  if constexpr (D == 1) return functional::lp_pool1d(input, options);
  if constexpr (D == 2) return functional::lp_pool2d(input, options);
  if constexpr (D == 3) return functional::lp_pool3d(input, options);
}

template <size_t D>
void LPPoolNdImpl<D>::pretty_print(std::ostream& stream) const {
  stream << std::boolalpha << "wick::nn::LPPool" << D << "d(norm_type=" << options.norm_type()
         << ", kernel_size=" << options.kernel_size() << ", stride=" << options.stride()
         << ", ceil_mode=" << options.ceil_mode() << ")";
}

template class MaxPoolNdImpl<1>;
template class MaxPoolNdImpl<2>;
template class MaxPoolNdImpl<3>;
template class AvgPoolNdImpl<1>;
template class AvgPoolNdImpl<2>;
template class AvgPoolNdImpl<3>;
template class AdaptiveAvgPoolNdImpl<1>;
template class AdaptiveAvgPoolNdImpl<2>;
template class AdaptiveAvgPoolNdImpl<3>;
template class AdaptiveMaxPoolNdImpl<1>;
template class AdaptiveMaxPoolNdImpl<2>;
template class AdaptiveMaxPoolNdImpl<3>;
template class MaxUnpoolNdImpl<1>;
template class MaxUnpoolNdImpl<2>;
template class MaxUnpoolNdImpl<3>;
template class LPPoolNdImpl<1>;
template class LPPoolNdImpl<2>;
template class LPPoolNdImpl<3>;

}  // namespace wick::nn
