#include "wick/nn/modules/activation.h"

#include <ostream>

#include "wick/ops/activation.h"
#include "wick/ops/creation.h"
#include "wick/ops/loss.h"
#include "wick/ops/unary.h"

namespace wick::nn {

Tensor ReLUImpl::forward(Tensor input) { return options.inplace() ? relu_(input) : relu(input); }
void ReLUImpl::pretty_print(std::ostream& s) const {
  s << "wick::nn::ReLU(" << (options.inplace() ? "inplace=true" : "") << ")";
}

Tensor LeakyReLUImpl::forward(Tensor input) {
  return options.inplace() ? leaky_relu_(input, options.negative_slope())
                           : leaky_relu(input, options.negative_slope());
}
void LeakyReLUImpl::pretty_print(std::ostream& s) const {
  s << "wick::nn::LeakyReLU(negative_slope=" << options.negative_slope()
    << (options.inplace() ? ", inplace=true" : "") << ")";
}

PReLUImpl::PReLUImpl(const PReLUOptions& options_) : options(options_) {
  weight = register_parameter("weight", empty({options.num_parameters()}));
  reset_parameters();
}
void PReLUImpl::reset_parameters() {
  Tensor w = weight.detach();
  w.fill_(options.init());
}
Tensor PReLUImpl::forward(const Tensor& input) { return prelu(input, weight); }
void PReLUImpl::pretty_print(std::ostream& s) const {
  s << "wick::nn::PReLU(num_parameters=" << options.num_parameters() << ")";
}

Tensor SigmoidImpl::forward(const Tensor& input) { return sigmoid(input); }
void SigmoidImpl::pretty_print(std::ostream& s) const { s << "wick::nn::Sigmoid()"; }

Tensor TanhImpl::forward(const Tensor& input) { return tanh(input); }
void TanhImpl::pretty_print(std::ostream& s) const { s << "wick::nn::Tanh()"; }

Tensor GELUImpl::forward(const Tensor& input) { return gelu(input, options.approximate()); }
void GELUImpl::pretty_print(std::ostream& s) const {
  s << "wick::nn::GELU(";
  if (options.approximate() != "none") s << "approximate=" << options.approximate();
  s << ")";
}

Tensor SiLUImpl::forward(const Tensor& input) { return silu(input); }
void SiLUImpl::pretty_print(std::ostream& s) const { s << "wick::nn::SiLU()"; }

Tensor SoftmaxImpl::forward(const Tensor& input) { return softmax(input, options.dim()); }
void SoftmaxImpl::pretty_print(std::ostream& s) const { s << "wick::nn::Softmax(dim=" << options.dim() << ")"; }

Tensor LogSoftmaxImpl::forward(const Tensor& input) { return log_softmax(input, options.dim()); }
void LogSoftmaxImpl::pretty_print(std::ostream& s) const {
  s << "wick::nn::LogSoftmax(dim=" << options.dim() << ")";
}

}  // namespace wick::nn
