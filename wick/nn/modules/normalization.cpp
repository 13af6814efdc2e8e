#include "wick/nn/modules/normalization.h"

#include <ostream>

#include "wick/autograd/grad_mode.h"
#include "wick/nn/functional/normalization.h"
#include "wick/nn/init.h"
#include "wick/ops/creation.h"
#include "wick/ops/norm.h"
#include "wick/ops/pool.h"

namespace wick::nn {

namespace detail {

NormStateImpl::NormStateImpl(int64_t n, bool affine, bool track_running_stats)
    : affine_(affine), track_running_stats_(track_running_stats) {
  if (affine) {
    weight = register_parameter("weight", empty({n}));
    bias = register_parameter("bias", empty({n}));
  } else {
    weight = register_parameter("weight", Tensor(), false);
    bias = register_parameter("bias", Tensor(), false);
  }
  if (track_running_stats) {
    running_mean = register_buffer("running_mean", zeros({n}));
    running_var = register_buffer("running_var", ones({n}));
    num_batches_tracked = register_buffer("num_batches_tracked", zeros({}, TensorOptions().dtype(kLong)));
  } else {
    running_mean = register_buffer("running_mean", Tensor());
    running_var = register_buffer("running_var", Tensor());
    num_batches_tracked = register_buffer("num_batches_tracked", Tensor());
  }
  reset_parameters();
}

void NormStateImpl::reset_running_stats() {
  if (!track_running_stats_) return;
  autograd::NoGradGuard g;
  running_mean.zero_();
  running_var.fill_(1);
  num_batches_tracked.zero_();
}

void NormStateImpl::reset_parameters() {
  reset_running_stats();
  if (affine_) {
    init::ones_(weight);
    init::zeros_(bias);
  }
}

}  // namespace detail

template <size_t D>
BatchNormNdImpl<D>::BatchNormNdImpl(const BatchNormOptions& options_)
    : NormStateImpl(options_.num_features(), options_.affine(), options_.track_running_stats()),
      options(options_) {}

template <size_t D>
Tensor BatchNormNdImpl<D>::forward(const Tensor& input) {
  if constexpr (D == 1) {
    WICK_CHECK_T(ValueError, input.dim() == 2 || input.dim() == 3, "expected 2D or 3D input (got ",
                 input.dim(), "D input)");
  } else {
    WICK_CHECK_T(ValueError, input.dim() == static_cast<int64_t>(D) + 2, "expected ", D + 2,
                 "D input (got ", input.dim(), "D input)");
  }
  double factor = options.momentum().value_or(0.0);
  if (is_training() && options.track_running_stats()) {
    {
      autograd::NoGradGuard g;
      num_batches_tracked.add_(1);
    }
    if (!options.momentum()) factor = 1.0 / num_batches_tracked.item<double>();
  }
  bool use_batch_stats = is_training() || !options.track_running_stats();
  // In training the running stats are updated; in eval they are read.
  Tensor mean = !is_training() || options.track_running_stats() ? running_mean : Tensor();
  Tensor var = !is_training() || options.track_running_stats() ? running_var : Tensor();
  return batch_norm(input, weight, bias, mean, var, use_batch_stats, factor, options.eps());
}

template <size_t D>
void BatchNormNdImpl<D>::pretty_print(std::ostream& stream) const {
  stream << std::boolalpha << "wick::nn::BatchNorm" << D << "d(" << options.num_features()
         << ", eps=" << options.eps() << ", momentum=";
  if (options.momentum()) {
    stream << *options.momentum();
  } else {
    stream << "None";
  }
  stream << ", affine=" << options.affine() << ", track_running_stats=" << options.track_running_stats()
         << ")";
}

template class BatchNormNdImpl<1>;
template class BatchNormNdImpl<2>;
template class BatchNormNdImpl<3>;

// ---- InstanceNorm -------------------------------------------------------------

template <size_t D>
InstanceNormNdImpl<D>::InstanceNormNdImpl(const InstanceNormOptions& options_)
    : NormStateImpl(options_.num_features(), options_.affine(), options_.track_running_stats()),
      options(options_) {}

template <size_t D>
Tensor InstanceNormNdImpl<D>::forward(const Tensor& input) {
  const int64_t unbatched = static_cast<int64_t>(D) + 1;
  WICK_CHECK_T(ValueError, input.dim() == unbatched || input.dim() == unbatched + 1, "expected ",
               unbatched, "D or ", unbatched + 1, "D input (got ", input.dim(), "D input)");
  const int64_t feature_dim = input.dim() - unbatched;
  WICK_CHECK_T(ValueError, !options.affine() || input.size(feature_dim) == options.num_features(),
               "expected input's size at dim=", feature_dim, " to match num_features (",
               options.num_features(), "), but got: ", input.size(feature_dim), ".");
  functional::InstanceNormFuncOptions o;
  o.running_mean(running_mean).running_var(running_var).weight(weight).bias(bias);
  o.use_input_stats(is_training() || !options.track_running_stats());
  o.momentum(options.momentum()).eps(options.eps());
  if (input.dim() == unbatched) return functional::instance_norm(input.unsqueeze(0), o).squeeze(0);
  return functional::instance_norm(input, o);
}

template <size_t D>
void InstanceNormNdImpl<D>::pretty_print(std::ostream& stream) const {
  stream << std::boolalpha << "wick::nn::InstanceNorm" << D << "d(" << options.num_features()
         << ", eps=" << options.eps() << ", momentum=" << options.momentum()
         << ", affine=" << options.affine() << ", track_running_stats=" << options.track_running_stats()
         << ")";
}

template class InstanceNormNdImpl<1>;
template class InstanceNormNdImpl<2>;
template class InstanceNormNdImpl<3>;

// ---- LayerNorm ----------------------------------------------------------------

LayerNormImpl::LayerNormImpl(const LayerNormOptions& options_) : options(options_) {
  if (options.elementwise_affine()) {
    weight = register_parameter("weight", wick::empty(options.normalized_shape()));
    bias = register_parameter("bias", wick::empty(options.normalized_shape()));
  } else {
    weight = register_parameter("weight", Tensor(), false);
    bias = register_parameter("bias", Tensor(), false);
  }
  reset_parameters();
}

void LayerNormImpl::reset_parameters() {
  if (options.elementwise_affine()) {
    init::ones_(weight);
    init::zeros_(bias);
  }
}

Tensor LayerNormImpl::forward(const Tensor& input) {
  return layer_norm(input, options.normalized_shape(), weight, bias, options.eps());
}

void LayerNormImpl::pretty_print(std::ostream& stream) const {
  stream << std::boolalpha << "wick::nn::LayerNorm(" << IntArrayRef(options.normalized_shape())
         << ", eps=" << options.eps() << ", elementwise_affine=" << options.elementwise_affine() << ")";
}

// ---- GroupNorm ----------------------------------------------------------------

GroupNormImpl::GroupNormImpl(const GroupNormOptions& options_) : options(options_) {
  WICK_CHECK_T(ValueError, options.num_groups() > 0 && options.num_channels() % options.num_groups() == 0,
               "num_channels must be divisible by num_groups");
  if (options.affine()) {
    weight = register_parameter("weight", empty({options.num_channels()}));
    bias = register_parameter("bias", empty({options.num_channels()}));
  } else {
    weight = register_parameter("weight", Tensor(), false);
    bias = register_parameter("bias", Tensor(), false);
  }
  reset_parameters();
}

void GroupNormImpl::reset_parameters() {
  if (options.affine()) {
    init::ones_(weight);
    init::zeros_(bias);
  }
}

Tensor GroupNormImpl::forward(const Tensor& input) {
  return functional::group_norm(
      input, functional::GroupNormFuncOptions(options.num_groups()).weight(weight).bias(bias).eps(options.eps()));
}

void GroupNormImpl::pretty_print(std::ostream& stream) const {
  stream << std::boolalpha << "wick::nn::GroupNorm(" << options.num_groups() << ", " << options.num_channels()
         << ", eps=" << options.eps() << ", affine=" << options.affine() << ")";
}

// ---- LocalResponseNorm --------------------------------------------------------

Tensor LocalResponseNormImpl::forward(const Tensor& input) {
  return functional::local_response_norm(input, options);
}

void LocalResponseNormImpl::pretty_print(std::ostream& stream) const {
  stream << "wick::nn::LocalResponseNorm(" << options.size() << ", alpha=" << options.alpha()
         << ", beta=" << options.beta() << ", k=" << options.k() << ")";
}

// ---- CrossMapLRN2d ------------------------------------------------------------

Tensor CrossMapLRN2dImpl::forward(const Tensor& input) {
  WICK_CHECK(input.dim() == 4, "CrossMapLRN2d: Expected input to be 4D, got ", input.dim(), "D instead.");
  // PyTorch's legacy kernel: a running sum over channels [c - h, c + h],
  // h = (size - 1) / 2, that never drops channel 0 once past it; we sum the
  // window directly and add channel 0 back where the kernel keeps it.
  const int64_t h = (options.size() - 1) / 2;
  const int64_t width = 2 * h + 1;
  const int64_t C = input.size(1);
  Tensor sq = input.pow(2);
  Tensor padded = constant_pad_nd(sq.unsqueeze(1), {0, 0, 0, 0, h, h});  // (N, 1, C + 2h, H, W)
  Tensor sums = avg_pool3d(padded, {width, 1, 1}, {1, 1, 1}).squeeze(1) * static_cast<double>(width);
  Tensor keeps_first = (arange(C) > h).to(input.scalar_type()).view({1, C, 1, 1});
  sums = sums + sq.narrow(1, 0, 1) * keeps_first;
  Tensor scale = sums * (options.alpha() / static_cast<double>(options.size())) + static_cast<double>(options.k());
  return input * scale.pow(-options.beta());
}

void CrossMapLRN2dImpl::pretty_print(std::ostream& stream) const {
  stream << "wick::nn::CrossMapLRN2d(" << options.size() << ", alpha=" << options.alpha()
         << ", beta=" << options.beta() << ", k=" << options.k() << ")";
}

}  // namespace wick::nn
