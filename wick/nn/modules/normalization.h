#pragma once
// BatchNorm1d/2d/3d, InstanceNorm1d/2d/3d, LayerNorm, GroupNorm, LocalResponseNorm, CrossMapLRN2d
// (LibTorch's shape; buffer names and state-dict keys as PyTorch's: running_mean,
// running_var, num_batches_tracked).
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

namespace detail {
// What BatchNorm and InstanceNorm share: the affine parameters and the running
// statistics, registered under PyTorch's names and reset the same way.
class NormStateImpl : public Module {
 public:
  NormStateImpl(int64_t num_features, bool affine, bool track_running_stats);
  void reset_running_stats();
  void reset_parameters() override;

  Tensor weight, bias, running_mean, running_var, num_batches_tracked;

 private:
  bool affine_, track_running_stats_;
};
}  // namespace detail

template <size_t D>
class BatchNormNdImpl : public detail::NormStateImpl {
 public:
  explicit BatchNormNdImpl(const BatchNormOptions& options);
  Tensor forward(const Tensor& input);
  void pretty_print(std::ostream& stream) const override;

  BatchNormOptions options;
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

struct InstanceNormOptions {
  InstanceNormOptions(int64_t num_features) : num_features_(num_features) {}  // NOLINT
  WICK_ARG(int64_t, num_features);
  WICK_ARG(double, eps) = 1e-5;
  WICK_ARG(double, momentum) = 0.1;
  WICK_ARG(bool, affine) = false;
  WICK_ARG(bool, track_running_stats) = false;
};
using InstanceNorm1dOptions = InstanceNormOptions;
using InstanceNorm2dOptions = InstanceNormOptions;
using InstanceNorm3dOptions = InstanceNormOptions;

// Per-sample, per-channel normalisation of (N, C, *spatial) or unbatched (C, *spatial).
template <size_t D>
class InstanceNormNdImpl : public detail::NormStateImpl {
 public:
  explicit InstanceNormNdImpl(const InstanceNormOptions& options);
  Tensor forward(const Tensor& input);
  void pretty_print(std::ostream& stream) const override;

  InstanceNormOptions options;
};

#define WICK_IN_MODULE(D)                                       \
  class InstanceNorm##D##dImpl : public InstanceNormNdImpl<D> { \
   public:                                                      \
    using InstanceNormNdImpl<D>::InstanceNormNdImpl;            \
  };                                                            \
  WICK_MODULE(InstanceNorm##D##d);
WICK_IN_MODULE(1)
WICK_IN_MODULE(2)
WICK_IN_MODULE(3)
#undef WICK_IN_MODULE
extern template class InstanceNormNdImpl<1>;
extern template class InstanceNormNdImpl<2>;
extern template class InstanceNormNdImpl<3>;

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

struct GroupNormOptions {
  GroupNormOptions(int64_t num_groups, int64_t num_channels)
      : num_groups_(num_groups), num_channels_(num_channels) {}
  WICK_ARG(int64_t, num_groups);
  WICK_ARG(int64_t, num_channels);
  WICK_ARG(double, eps) = 1e-5;
  WICK_ARG(bool, affine) = true;
};

class GroupNormImpl : public Module {
 public:
  GroupNormImpl(int64_t num_groups, int64_t num_channels)
      : GroupNormImpl(GroupNormOptions(num_groups, num_channels)) {}
  explicit GroupNormImpl(const GroupNormOptions& options);
  Tensor forward(const Tensor& input);
  void reset_parameters() override;
  void pretty_print(std::ostream& stream) const override;

  GroupNormOptions options;
  Tensor weight, bias;
};
WICK_MODULE(GroupNorm);

struct LocalResponseNormOptions {
  LocalResponseNormOptions(int64_t size) : size_(size) {}  // NOLINT
  WICK_ARG(int64_t, size);
  WICK_ARG(double, alpha) = 1e-4;
  WICK_ARG(double, beta) = 0.75;
  WICK_ARG(double, k) = 1.;
};

class LocalResponseNormImpl : public Module {
 public:
  explicit LocalResponseNormImpl(int64_t size) : LocalResponseNormImpl(LocalResponseNormOptions(size)) {}
  explicit LocalResponseNormImpl(const LocalResponseNormOptions& options) : options(options) {}
  Tensor forward(const Tensor& input);
  void pretty_print(std::ostream& stream) const override;
  LocalResponseNormOptions options;
};
WICK_MODULE(LocalResponseNorm);

struct CrossMapLRN2dOptions {
  CrossMapLRN2dOptions(int64_t size) : size_(size) {}  // NOLINT
  WICK_ARG(int64_t, size);
  WICK_ARG(double, alpha) = 1e-4;
  WICK_ARG(double, beta) = 0.75;
  WICK_ARG(int64_t, k) = 1;
};

// The legacy cross-channel LRN of 4-D inputs: x * (k + alpha/size * sum of x^2
// over a window of channels around each channel)^-beta.
class CrossMapLRN2dImpl : public Module {
 public:
  explicit CrossMapLRN2dImpl(int64_t size) : CrossMapLRN2dImpl(CrossMapLRN2dOptions(size)) {}
  explicit CrossMapLRN2dImpl(const CrossMapLRN2dOptions& options) : options(options) {}
  Tensor forward(const Tensor& input);
  void pretty_print(std::ostream& stream) const override;
  CrossMapLRN2dOptions options;
};
WICK_MODULE(CrossMapLRN2d);

}  // namespace wick::nn
