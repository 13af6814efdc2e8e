#pragma once
// BatchNorm1d/2d/3d and LayerNorm (LibTorch's shape; buffer names and
// state-dict keys as PyTorch's: running_mean, running_var, num_batches_tracked).
#include <optional>
#include <vector>

#include "wick/nn/module.h"
#include "wick/nn/options.h"

namespace wick::nn {

struct BatchNormOptions {
  BatchNormOptions(int64_t num_features) : num_features_(num_features) {}  // NOLINT
  WICK_ARG(int64_t, num_features);
  WICK_ARG(double, eps) = 1e-5;
  // nullopt: a cumulative moving average (momentum=None in Python).
  WICK_ARG(std::optional<double>, momentum) = 0.1;
  WICK_ARG(bool, affine) = true;
  WICK_ARG(bool, track_running_stats) = true;
};
using BatchNorm1dOptions = BatchNormOptions;
using BatchNorm2dOptions = BatchNormOptions;
using BatchNorm3dOptions = BatchNormOptions;

template <size_t D>
class BatchNormNdImpl : public Module {
 public:
  explicit BatchNormNdImpl(const BatchNormOptions& options);
  Tensor forward(const Tensor& input);
  void reset_running_stats();
  void reset_parameters() override;
  void pretty_print(std::ostream& stream) const override;

  BatchNormOptions options;
  Tensor weight, bias, running_mean, running_var, num_batches_tracked;
};

#define WICK_BN_MODULE(D)                              \
  class BatchNorm##D##dImpl : public BatchNormNdImpl<D> { \
   public:                                             \
    using BatchNormNdImpl<D>::BatchNormNdImpl;          \
  };                                                   \
  WICK_MODULE(BatchNorm##D##d);
WICK_BN_MODULE(1)
WICK_BN_MODULE(2)
WICK_BN_MODULE(3)
#undef WICK_BN_MODULE
extern template class BatchNormNdImpl<1>;
extern template class BatchNormNdImpl<2>;
extern template class BatchNormNdImpl<3>;

struct LayerNormOptions {
  LayerNormOptions(std::vector<int64_t> normalized_shape)  // NOLINT
      : normalized_shape_(std::move(normalized_shape)) {}
  WICK_ARG(std::vector<int64_t>, normalized_shape);
  WICK_ARG(double, eps) = 1e-5;
  WICK_ARG(bool, elementwise_affine) = true;
};

class LayerNormImpl : public Module {
 public:
  LayerNormImpl(std::vector<int64_t> normalized_shape)  // NOLINT
      : LayerNormImpl(LayerNormOptions(std::move(normalized_shape))) {}
  explicit LayerNormImpl(const LayerNormOptions& options);
  Tensor forward(const Tensor& input);
  void reset_parameters() override;
  void pretty_print(std::ostream& stream) const override;

  LayerNormOptions options;
  Tensor weight, bias;
};
WICK_MODULE(LayerNorm);

}  // namespace wick::nn
