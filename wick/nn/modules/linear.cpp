#include "wick/nn/modules/linear.h"

#include <cmath>
#include <ostream>

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

Tensor LinearImpl::forward(const Tensor& input) { return linear(input, weight, bias); }

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

}  // namespace wick::nn
