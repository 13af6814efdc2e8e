#pragma once
// MaxPool1d/2d/3d, AvgPool1d/2d/3d, AdaptiveAvgPool1d/2d/3d (LibTorch's shape).
#include <optional>

#include "wick/nn/module.h"
#include "wick/nn/options.h"

namespace wick::nn {

template <size_t D>
struct MaxPoolOptions {
  MaxPoolOptions(ExpandingArray<D> kernel_size) : kernel_size_(kernel_size), stride_(kernel_size) {}  // NOLINT
  WICK_ARG(ExpandingArray<D>, kernel_size);
  WICK_ARG(ExpandingArray<D>, stride);  // defaults to kernel_size
  WICK_ARG(ExpandingArray<D>, padding) = 0;
  WICK_ARG(ExpandingArray<D>, dilation) = 1;
  WICK_ARG(bool, ceil_mode) = false;
};
using MaxPool1dOptions = MaxPoolOptions<1>;
using MaxPool2dOptions = MaxPoolOptions<2>;
using MaxPool3dOptions = MaxPoolOptions<3>;

template <size_t D>
class MaxPoolNdImpl : public Module {
 public:
  explicit MaxPoolNdImpl(const MaxPoolOptions<D>& options) : options(options) {}
  explicit MaxPoolNdImpl(ExpandingArray<D> kernel_size) : options(kernel_size) {}
  Tensor forward(const Tensor& input);
  // (output, indices), as return_indices=True.
  std::tuple<Tensor, Tensor> forward_with_indices(const Tensor& input);
  void pretty_print(std::ostream& stream) const override;
  MaxPoolOptions<D> options;
};

template <size_t D>
struct AvgPoolOptions {
  AvgPoolOptions(ExpandingArray<D> kernel_size) : kernel_size_(kernel_size), stride_(kernel_size) {}  // NOLINT
  WICK_ARG(ExpandingArray<D>, kernel_size);
  WICK_ARG(ExpandingArray<D>, stride);
  WICK_ARG(ExpandingArray<D>, padding) = 0;
  WICK_ARG(bool, ceil_mode) = false;
  WICK_ARG(bool, count_include_pad) = true;
  WICK_ARG(std::optional<int64_t>, divisor_override) = std::nullopt;
};
using AvgPool1dOptions = AvgPoolOptions<1>;
using AvgPool2dOptions = AvgPoolOptions<2>;
using AvgPool3dOptions = AvgPoolOptions<3>;

template <size_t D>
class AvgPoolNdImpl : public Module {
 public:
  explicit AvgPoolNdImpl(const AvgPoolOptions<D>& options) : options(options) {}
  explicit AvgPoolNdImpl(ExpandingArray<D> kernel_size) : options(kernel_size) {}
  Tensor forward(const Tensor& input);
  void pretty_print(std::ostream& stream) const override;
  AvgPoolOptions<D> options;
};

template <size_t D>
struct AdaptiveAvgPoolOptions {
  AdaptiveAvgPoolOptions(ExpandingArray<D> output_size) : output_size_(output_size) {}  // NOLINT
  WICK_ARG(ExpandingArray<D>, output_size);
};
using AdaptiveAvgPool1dOptions = AdaptiveAvgPoolOptions<1>;
using AdaptiveAvgPool2dOptions = AdaptiveAvgPoolOptions<2>;
using AdaptiveAvgPool3dOptions = AdaptiveAvgPoolOptions<3>;

template <size_t D>
class AdaptiveAvgPoolNdImpl : public Module {
 public:
  explicit AdaptiveAvgPoolNdImpl(const AdaptiveAvgPoolOptions<D>& options) : options(options) {}
  explicit AdaptiveAvgPoolNdImpl(ExpandingArray<D> output_size) : options(output_size) {}
  Tensor forward(const Tensor& input);
  void pretty_print(std::ostream& stream) const override;
  AdaptiveAvgPoolOptions<D> options;
};

#define WICK_POOL_MODULES(D)                                                               \
  class MaxPool##D##dImpl : public MaxPoolNdImpl<D> {                                      \
   public:                                                                                 \
    using MaxPoolNdImpl<D>::MaxPoolNdImpl;                                                 \
  };                                                                                       \
  WICK_MODULE(MaxPool##D##d);                                                              \
  class AvgPool##D##dImpl : public AvgPoolNdImpl<D> {                                      \
   public:                                                                                 \
    using AvgPoolNdImpl<D>::AvgPoolNdImpl;                                                 \
  };                                                                                       \
  WICK_MODULE(AvgPool##D##d);                                                              \
  class AdaptiveAvgPool##D##dImpl : public AdaptiveAvgPoolNdImpl<D> {                      \
   public:                                                                                 \
    using AdaptiveAvgPoolNdImpl<D>::AdaptiveAvgPoolNdImpl;                                 \
  };                                                                                       \
  WICK_MODULE(AdaptiveAvgPool##D##d);
WICK_POOL_MODULES(1)
WICK_POOL_MODULES(2)
WICK_POOL_MODULES(3)
#undef WICK_POOL_MODULES

extern template class MaxPoolNdImpl<1>;
extern template class MaxPoolNdImpl<2>;
extern template class MaxPoolNdImpl<3>;
extern template class AvgPoolNdImpl<1>;
extern template class AvgPoolNdImpl<2>;
extern template class AvgPoolNdImpl<3>;
extern template class AdaptiveAvgPoolNdImpl<1>;
extern template class AdaptiveAvgPoolNdImpl<2>;
extern template class AdaptiveAvgPoolNdImpl<3>;

}  // namespace wick::nn
