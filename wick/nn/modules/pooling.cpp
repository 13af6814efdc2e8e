#include "wick/nn/modules/pooling.h"

#include <ostream>

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
  if constexpr (D == 1) return adaptive_avg_pool1d(input, options.output_size());
  if constexpr (D == 2) return adaptive_avg_pool2d(input, options.output_size());
  if constexpr (D == 3) return adaptive_avg_pool3d(input, options.output_size());
}

template <size_t D>
void AdaptiveAvgPoolNdImpl<D>::pretty_print(std::ostream& stream) const {
  stream << "wick::nn::AdaptiveAvgPool" << D << "d(output_size=" << options.output_size() << ")";
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

}  // namespace wick::nn
