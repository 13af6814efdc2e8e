#pragma once
// wick::nn::functional (normalization), LibTorch's torch::nn::functional:
//   F::batch_norm(x, mean, var, F::BatchNormFuncOptions().training(true)),
//   F::layer_norm(x, F::LayerNormFuncOptions({3, 4})), F::group_norm(x, F::GroupNormFuncOptions(2)),
//   F::instance_norm(x, F::InstanceNormFuncOptions()), F::local_response_norm(x, F::LocalResponseNormFuncOptions(2)),
//   F::normalize(x, F::NormalizeFuncOptions().p(2).dim(1))
#include <optional>
#include <vector>

#include "wick/nn/modules/normalization.h"
#include "wick/tensor/tensor.h"

namespace wick::nn::functional {

struct BatchNormFuncOptions {
  WICK_ARG(Tensor, weight) = Tensor();
  WICK_ARG(Tensor, bias) = Tensor();
  WICK_ARG(bool, training) = false;
  WICK_ARG(std::optional<double>, momentum) = 0.1;
  WICK_ARG(double, eps) = 1e-5;
};
Tensor batch_norm(const Tensor& input, const Tensor& running_mean, const Tensor& running_var,
                  const BatchNormFuncOptions& options = {});

struct InstanceNormFuncOptions {
  WICK_ARG(Tensor, running_mean) = Tensor();
  WICK_ARG(Tensor, running_var) = Tensor();
  WICK_ARG(Tensor, weight) = Tensor();
  WICK_ARG(Tensor, bias) = Tensor();
  WICK_ARG(bool, use_input_stats) = true;
  WICK_ARG(double, momentum) = 0.1;
  WICK_ARG(double, eps) = 1e-5;
};
Tensor instance_norm(const Tensor& input, const InstanceNormFuncOptions& options = {});

struct LayerNormFuncOptions {
  LayerNormFuncOptions(std::vector<int64_t> normalized_shape)  // NOLINT
      : normalized_shape_(std::move(normalized_shape)) {}
  WICK_ARG(std::vector<int64_t>, normalized_shape);
  WICK_ARG(Tensor, weight) = Tensor();
  WICK_ARG(Tensor, bias) = Tensor();
  WICK_ARG(double, eps) = 1e-5;
};
Tensor layer_norm(const Tensor& input, const LayerNormFuncOptions& options);

struct GroupNormFuncOptions {
  GroupNormFuncOptions(int64_t num_groups) : num_groups_(num_groups) {}  // NOLINT
  WICK_ARG(int64_t, num_groups);
  WICK_ARG(Tensor, weight) = Tensor();
  WICK_ARG(Tensor, bias) = Tensor();
  WICK_ARG(double, eps) = 1e-5;
};
Tensor group_norm(const Tensor& input, const GroupNormFuncOptions& options);

using LocalResponseNormFuncOptions = LocalResponseNormOptions;
Tensor local_response_norm(const Tensor& input, const LocalResponseNormFuncOptions& options);

struct NormalizeFuncOptions {
  WICK_ARG(double, p) = 2.0;
  WICK_ARG(int64_t, dim) = 1;
  WICK_ARG(double, eps) = 1e-12;
  // When set, the result is also written into this tensor (resized to fit).
  WICK_ARG(std::optional<Tensor>, out) = std::nullopt;
};
Tensor normalize(const Tensor& input, NormalizeFuncOptions options = {});

}  // namespace wick::nn::functional
