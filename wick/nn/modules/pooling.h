#pragma once
// MaxPool1d/2d/3d, AvgPool1d/2d/3d, AdaptiveAvgPool1d/2d/3d, AdaptiveMaxPool1d/2d/3d,
// MaxUnpool1d/2d/3d, LPPool1d/2d/3d (LibTorch's shape).
#include <array>
#include <optional>
#include <ostream>
#include <tuple>
#include <vector>

#include "wick/nn/module.h"
#include "wick/nn/options.h"

namespace wick::nn {

// D output sizes where std::nullopt keeps that input dim's size (LibTorch's
// ExpandingArrayWithOptionalElem): AdaptiveAvgPool2dOptions({std::nullopt, 7}).
template <size_t D>
class ExpandingArrayWithOptionalElem {
 public:
  ExpandingArrayWithOptionalElem(int64_t v) { values_.fill(v); }  // NOLINT
  ExpandingArrayWithOptionalElem(std::initializer_list<std::optional<int64_t>> list)
      : ExpandingArrayWithOptionalElem(std::vector<std::optional<int64_t>>(list)) {}
  ExpandingArrayWithOptionalElem(const std::vector<std::optional<int64_t>>& list) {  // NOLINT
    WICK_CHECK(list.size() == D, "Expected ", D, " values, but instead got ", list.size());
    std::copy(list.begin(), list.end(), values_.begin());
  }
  ExpandingArrayWithOptionalElem(const ExpandingArray<D>& a) {  // NOLINT
    for (size_t i = 0; i < D; ++i) values_[i] = a[i];
  }
  const std::optional<int64_t>& operator[](size_t i) const { return values_[i]; }
  std::optional<int64_t>& operator[](size_t i) { return values_[i]; }
  size_t size() const { return D; }
  // The sizes, with each nullopt replaced by the matching trailing dim of input.
  std::vector<int64_t> resolve(IntArrayRef input_sizes) const {
    std::vector<int64_t> out;
    const int64_t n = static_cast<int64_t>(input_sizes.size());
    for (size_t i = 0; i < D; ++i) {
      const int64_t dim = n - static_cast<int64_t>(D) + static_cast<int64_t>(i);
      WICK_CHECK(values_[i] || dim >= 0, "adaptive pooling: input has fewer than ", D, " spatial dims");
      out.push_back(values_[i] ? *values_[i] : input_sizes[static_cast<size_t>(dim)]);
    }
    return out;
  }

 private:
  std::array<std::optional<int64_t>, D> values_{};
};

template <size_t D>
std::ostream& operator<<(std::ostream& os, const ExpandingArrayWithOptionalElem<D>& a) {
  os << "[";
  for (size_t i = 0; i < D; ++i) {
    if (i) os << ", ";
    if (a[i]) {
      os << *a[i];
    } else {
      os << "None";
    }
  }
  return os << "]";
}

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
  AdaptiveAvgPoolOptions(ExpandingArrayWithOptionalElem<D> output_size) : output_size_(output_size) {}  // NOLINT
  WICK_ARG(ExpandingArrayWithOptionalElem<D>, output_size);
};
using AdaptiveAvgPool1dOptions = AdaptiveAvgPoolOptions<1>;
using AdaptiveAvgPool2dOptions = AdaptiveAvgPoolOptions<2>;
using AdaptiveAvgPool3dOptions = AdaptiveAvgPoolOptions<3>;

template <size_t D>
class AdaptiveAvgPoolNdImpl : public Module {
 public:
  explicit AdaptiveAvgPoolNdImpl(const AdaptiveAvgPoolOptions<D>& options) : options(options) {}
  explicit AdaptiveAvgPoolNdImpl(ExpandingArrayWithOptionalElem<D> output_size) : options(output_size) {}
  Tensor forward(const Tensor& input);
  void pretty_print(std::ostream& stream) const override;
  AdaptiveAvgPoolOptions<D> options;
};

template <size_t D>
struct AdaptiveMaxPoolOptions {
  AdaptiveMaxPoolOptions(ExpandingArrayWithOptionalElem<D> output_size) : output_size_(output_size) {}  // NOLINT
  WICK_ARG(ExpandingArrayWithOptionalElem<D>, output_size);
};
using AdaptiveMaxPool1dOptions = AdaptiveMaxPoolOptions<1>;
using AdaptiveMaxPool2dOptions = AdaptiveMaxPoolOptions<2>;
using AdaptiveMaxPool3dOptions = AdaptiveMaxPoolOptions<3>;

template <size_t D>
class AdaptiveMaxPoolNdImpl : public Module {
 public:
  explicit AdaptiveMaxPoolNdImpl(const AdaptiveMaxPoolOptions<D>& options) : options(options) {}
  explicit AdaptiveMaxPoolNdImpl(ExpandingArrayWithOptionalElem<D> output_size) : options(output_size) {}
  Tensor forward(const Tensor& input);
  // (output, indices), as return_indices=True.
  std::tuple<Tensor, Tensor> forward_with_indices(const Tensor& input);
  void pretty_print(std::ostream& stream) const override;
  AdaptiveMaxPoolOptions<D> options;
};

template <size_t D>
struct MaxUnpoolOptions {
  MaxUnpoolOptions(ExpandingArray<D> kernel_size) : kernel_size_(kernel_size), stride_(kernel_size) {}  // NOLINT
  WICK_ARG(ExpandingArray<D>, kernel_size);
  WICK_ARG(ExpandingArray<D>, stride);  // defaults to kernel_size
  WICK_ARG(ExpandingArray<D>, padding) = 0;
};
using MaxUnpool1dOptions = MaxUnpoolOptions<1>;
using MaxUnpool2dOptions = MaxUnpoolOptions<2>;
using MaxUnpool3dOptions = MaxUnpoolOptions<3>;

template <size_t D>
class MaxUnpoolNdImpl : public Module {
 public:
  explicit MaxUnpoolNdImpl(const MaxUnpoolOptions<D>& options) : options(options) {}
  explicit MaxUnpoolNdImpl(ExpandingArray<D> kernel_size) : options(kernel_size) {}
  // output_size: the spatial size, or the full size, of the result (default:
  // derived from kernel_size, stride and padding).
  Tensor forward(const Tensor& input, const Tensor& indices,
                 const std::optional<std::vector<int64_t>>& output_size = std::nullopt);
  void pretty_print(std::ostream& stream) const override;
  MaxUnpoolOptions<D> options;
};

template <size_t D>
struct LPPoolOptions {
  LPPoolOptions(double norm_type, ExpandingArray<D> kernel_size)
      : norm_type_(norm_type), kernel_size_(kernel_size), stride_(kernel_size) {}
  WICK_ARG(double, norm_type);
  WICK_ARG(ExpandingArray<D>, kernel_size);
  WICK_ARG(ExpandingArray<D>, stride);  // defaults to kernel_size
  WICK_ARG(bool, ceil_mode) = false;
};
using LPPool1dOptions = LPPoolOptions<1>;
using LPPool2dOptions = LPPoolOptions<2>;
using LPPool3dOptions = LPPoolOptions<3>;

template <size_t D>
class LPPoolNdImpl : public Module {
 public:
  explicit LPPoolNdImpl(const LPPoolOptions<D>& options) : options(options) {}
  LPPoolNdImpl(double norm_type, ExpandingArray<D> kernel_size) : options(norm_type, kernel_size) {}
  Tensor forward(const Tensor& input);
  void pretty_print(std::ostream& stream) const override;
  LPPoolOptions<D> options;
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
  WICK_MODULE(AdaptiveAvgPool##D##d);                                                      \
  class AdaptiveMaxPool##D##dImpl : public AdaptiveMaxPoolNdImpl<D> {                      \
   public:                                                                                 \
    using AdaptiveMaxPoolNdImpl<D>::AdaptiveMaxPoolNdImpl;                                 \
  };                                                                                       \
  WICK_MODULE(AdaptiveMaxPool##D##d);                                                      \
  class MaxUnpool##D##dImpl : public MaxUnpoolNdImpl<D> {                                  \
   public:                                                                                 \
    using MaxUnpoolNdImpl<D>::MaxUnpoolNdImpl;                                             \
  };                                                                                       \
  WICK_MODULE(MaxUnpool##D##d);
WICK_POOL_MODULES(1)
WICK_POOL_MODULES(2)
WICK_POOL_MODULES(3)
#undef WICK_POOL_MODULES

class LPPool1dImpl : public LPPoolNdImpl<1> {
 public:
  using LPPoolNdImpl<1>::LPPoolNdImpl;
};
WICK_MODULE(LPPool1d);
class LPPool2dImpl : public LPPoolNdImpl<2> {
 public:
  using LPPoolNdImpl<2>::LPPoolNdImpl;
};
WICK_MODULE(LPPool2d);
class LPPool3dImpl : public LPPoolNdImpl<3> {
 public:
  using LPPoolNdImpl<3>::LPPoolNdImpl;
};
WICK_MODULE(LPPool3d);

extern template class MaxPoolNdImpl<1>;
extern template class MaxPoolNdImpl<2>;
extern template class MaxPoolNdImpl<3>;
extern template class AvgPoolNdImpl<1>;
extern template class AvgPoolNdImpl<2>;
extern template class AvgPoolNdImpl<3>;
extern template class AdaptiveAvgPoolNdImpl<1>;
extern template class AdaptiveAvgPoolNdImpl<2>;
extern template class AdaptiveAvgPoolNdImpl<3>;
extern template class AdaptiveMaxPoolNdImpl<1>;
extern template class AdaptiveMaxPoolNdImpl<2>;
extern template class AdaptiveMaxPoolNdImpl<3>;
extern template class MaxUnpoolNdImpl<1>;
extern template class MaxUnpoolNdImpl<2>;
extern template class MaxUnpoolNdImpl<3>;
extern template class LPPoolNdImpl<1>;
extern template class LPPoolNdImpl<2>;
extern template class LPPoolNdImpl<3>;

}  // namespace wick::nn
