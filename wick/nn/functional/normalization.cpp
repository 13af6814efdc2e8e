#include "wick/nn/functional/normalization.h"

#include "wick/ops/norm.h"

namespace wick::nn::functional {

Tensor batch_norm(const Tensor& input, const Tensor& running_mean, const Tensor& running_var,
                  const BatchNormFuncOptions& o) {
  if (o.training()) {
    WICK_CHECK(input.dim() >= 2, "batch_norm: expected at least 2D input (got ", input.dim(), "D input)");
    int64_t size_prods = input.size(0);
    for (int64_t i = 2; i < input.dim(); ++i) size_prods *= input.size(i);
    WICK_CHECK_T(ValueError, size_prods != 1,
                 "Expected more than 1 value per channel when training, got input size ", input.sizes());
  }
  WICK_CHECK(o.momentum().has_value() || !o.training() || !running_mean.defined(),
             "batch_norm: momentum must be set when training updates running statistics");
  return ::wick::batch_norm(input, o.weight(), o.bias(), running_mean, running_var, o.training(),
                            o.momentum().value_or(0.0), o.eps());
}

Tensor instance_norm(const Tensor& input, const InstanceNormFuncOptions& o) {
  if (o.use_input_stats()) {
    int64_t size_prods = 1;
    for (int64_t i = 2; i < input.dim(); ++i) size_prods *= input.size(i);
    WICK_CHECK_T(ValueError, size_prods != 1,
                 "Expected more than 1 spatial element when training, got input size ", input.sizes());
  }
  return ::wick::instance_norm(input, o.weight(), o.bias(), o.running_mean(), o.running_var(),
                               o.use_input_stats(), o.momentum(), o.eps());
}

Tensor layer_norm(const Tensor& input, const LayerNormFuncOptions& o) {
  return ::wick::layer_norm(input, o.normalized_shape(), o.weight(), o.bias(), o.eps());
}

Tensor group_norm(const Tensor& input, const GroupNormFuncOptions& o) {
  return ::wick::group_norm(input, o.num_groups(), o.weight(), o.bias(), o.eps());
}

Tensor local_response_norm(const Tensor& input, const LocalResponseNormFuncOptions& o) {
  return ::wick::local_response_norm(input, o.size(), o.alpha(), o.beta(), o.k());
}

Tensor normalize(const Tensor& input, NormalizeFuncOptions o) {
  Tensor r = ::wick::normalize(input, o.p(), o.dim(), o.eps());
  if (!o.out()) return r;
  Tensor& out = *o.out();
  out.resize_(r.sizes());
  out.copy_(r);
  return out;
}

}  // namespace wick::nn::functional
