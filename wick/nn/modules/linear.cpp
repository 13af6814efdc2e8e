#include "wick/nn/modules/linear.h"

#include <cmath>
#include <ostream>

#include "wick/nn/functional/linear.h"
#include "wick/nn/init.h"
#include "wick/ops/conv.h"
#include "wick/ops/creation.h"
#include "wick/ops/shape.h"

namespace wick::nn {

void IdentityImpl::pretty_print(std::ostream& stream) const { stream << "wick::nn::Identity()"; }

LinearImpl::LinearImpl(const LinearOptions& options_) : options(options_) {
  weight = register_parameter("weight", empty({options.out_features(), options.in_features()}));
  bias = register_parameter("bias", options.bias() ? empty({options.out_features()}) : Tensor(),
                            options.bias());
  reset_parameters();
}

void LinearImpl::reset_parameters() {
  // kaiming_uniform_(a=sqrt(5)) gives bound 1/sqrt(fan_in), in PyTorch's RNG order.
  init::kaiming_uniform_(weight, std::sqrt(5.0));
  if (bias.defined()) {
    double bound = options.in_features() > 0 ? 1.0 / std::sqrt(static_cast<double>(options.in_features())) : 0;
    init::uniform_(bias, -bound, bound);
  }
}

Tensor LinearImpl::forward(const Tensor& input) { return functional::linear(input, weight, bias); }

void LinearImpl::pretty_print(std::ostream& stream) const {
  stream << std::boolalpha << "wick::nn::Linear(in_features=" << options.in_features()
         << ", out_features=" << options.out_features() << ", bias=" << options.bias() << ")";
}

Tensor FlattenImpl::forward(const Tensor& input) {
  return input.flatten(options.start_dim(), options.end_dim());
}

void FlattenImpl::pretty_print(std::ostream& stream) const {
  stream << "wick::nn::Flatten(start_dim=" << options.start_dim() << ", end_dim=" << options.end_dim()
         << ")";
}

Tensor UnflattenImpl::forward(const Tensor& input) { return input.unflatten(options.dim(), options.sizes()); }

void UnflattenImpl::pretty_print(std::ostream& stream) const {
  stream << "wick::nn::Unflatten(dim=" << options.dim() << ", unflattened_size={";
  const auto& s = options.sizes();
  for (size_t i = 0; i < s.size(); ++i) stream << (i ? ", " : "") << s[i];
  stream << "})";
}

BilinearImpl::BilinearImpl(const BilinearOptions& options_) : options(options_) {
  weight = register_parameter(
      "weight", empty({options.out_features(), options.in1_features(), options.in2_features()}));
  bias = register_parameter("bias", options.bias() ? empty({options.out_features()}) : Tensor(), options.bias());
  reset_parameters();
}

void BilinearImpl::reset_parameters() {
  // PyTorch: bound 1/sqrt(in1_features) for both, weight first.
  double bound = weight.size(1) > 0 ? 1.0 / std::sqrt(static_cast<double>(weight.size(1))) : 0;
  init::uniform_(weight, -bound, bound);
  if (bias.defined()) init::uniform_(bias, -bound, bound);
}

Tensor BilinearImpl::forward(const Tensor& input1, const Tensor& input2) {
  return functional::bilinear(input1, input2, weight, bias);
}

void BilinearImpl::pretty_print(std::ostream& stream) const {
  stream << std::boolalpha << "wick::nn::Bilinear(in1_features=" << options.in1_features()
         << ", in2_features=" << options.in2_features() << ", out_features=" << options.out_features()
         << ", bias=" << options.bias() << ")";
}

}  // namespace wick::nn
