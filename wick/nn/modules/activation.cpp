#include "wick/nn/modules/activation.h"

#include <ostream>

#include "wick/nn/functional/activation.h"
#include "wick/ops/creation.h"
#include "wick/ops/unary.h"

namespace wick::nn {

namespace F = functional;

namespace {
// ", inplace=true" (with `sep` before it) when set; LibTorch prints nothing otherwise.
const char* inplace_suffix(bool inplace, bool first = false) {
  if (!inplace) return "";
  return first ? "inplace=true" : ", inplace=true";
}
}  // namespace

Tensor ReLUImpl::forward(Tensor input) { return F::relu(std::move(input), options); }
void ReLUImpl::pretty_print(std::ostream& s) const {
  s << "wick::nn::ReLU(" << inplace_suffix(options.inplace(), true) << ")";
}

Tensor ReLU6Impl::forward(Tensor input) { return F::relu6(std::move(input), options); }
void ReLU6Impl::pretty_print(std::ostream& s) const {
  s << "wick::nn::ReLU6(" << inplace_suffix(options.inplace(), true) << ")";
}

Tensor SELUImpl::forward(Tensor input) { return F::selu(std::move(input), options); }
void SELUImpl::pretty_print(std::ostream& s) const {
  s << "wick::nn::SELU(" << inplace_suffix(options.inplace(), true) << ")";
}

Tensor HardsigmoidImpl::forward(Tensor input) { return F::hardsigmoid(std::move(input), options); }
void HardsigmoidImpl::pretty_print(std::ostream& s) const {
  s << "wick::nn::Hardsigmoid(" << inplace_suffix(options.inplace(), true) << ")";
}

Tensor HardswishImpl::forward(Tensor input) { return F::hardswish(std::move(input), options); }
void HardswishImpl::pretty_print(std::ostream& s) const {
  s << "wick::nn::Hardswish(" << inplace_suffix(options.inplace(), true) << ")";
}

Tensor LeakyReLUImpl::forward(Tensor input) { return F::leaky_relu(std::move(input), options); }
void LeakyReLUImpl::pretty_print(std::ostream& s) const {
  s << "wick::nn::LeakyReLU(negative_slope=" << options.negative_slope()
    << inplace_suffix(options.inplace()) << ")";
}

Tensor ELUImpl::forward(Tensor input) { return F::elu(std::move(input), options); }
void ELUImpl::pretty_print(std::ostream& s) const {
  s << "wick::nn::ELU(alpha=" << options.alpha() << inplace_suffix(options.inplace()) << ")";
}

Tensor CELUImpl::forward(Tensor input) { return F::celu(std::move(input), options); }
void CELUImpl::pretty_print(std::ostream& s) const {
  s << "wick::nn::CELU(alpha=" << options.alpha() << inplace_suffix(options.inplace()) << ")";
}

HardtanhImpl::HardtanhImpl(const HardtanhOptions& options_) : options(options_) { reset(); }
void HardtanhImpl::reset() {
  WICK_CHECK(options.max_val() > options.min_val(), "max_val must be greater than min_val");
}
Tensor HardtanhImpl::forward(Tensor input) { return F::hardtanh(std::move(input), options); }
void HardtanhImpl::pretty_print(std::ostream& s) const {
  s << "wick::nn::Hardtanh(min_val=" << options.min_val() << ", max_val=" << options.max_val()
    << inplace_suffix(options.inplace()) << ")";
}

Tensor RReLUImpl::forward(Tensor input) {
  return F::rrelu(std::move(input), F::RReLUFuncOptions()
                                        .lower(options.lower())
                                        .upper(options.upper())
                                        .training(is_training())
                                        .inplace(options.inplace()));
}
void RReLUImpl::pretty_print(std::ostream& s) const {
  s << "wick::nn::RReLU(lower=" << options.lower() << ", upper=" << options.upper()
    << inplace_suffix(options.inplace()) << ")";
}

Tensor ThresholdImpl::forward(Tensor input) { return F::threshold(std::move(input), options); }
void ThresholdImpl::pretty_print(std::ostream& s) const {
  s << "wick::nn::Threshold(threshold=" << options.threshold() << ", value=" << options.value()
    << inplace_suffix(options.inplace()) << ")";
}

Tensor HardshrinkImpl::forward(const Tensor& input) { return F::hardshrink(input, options); }
void HardshrinkImpl::pretty_print(std::ostream& s) const {
  s << "wick::nn::Hardshrink(" << options.lambda() << ")";
}

Tensor SoftshrinkImpl::forward(const Tensor& input) { return F::softshrink(input, options); }
void SoftshrinkImpl::pretty_print(std::ostream& s) const {
  s << "wick::nn::Softshrink(" << options.lambda() << ")";
}

Tensor SoftplusImpl::forward(const Tensor& input) { return F::softplus(input, options); }
void SoftplusImpl::pretty_print(std::ostream& s) const {
  s << "wick::nn::Softplus(beta=" << options.beta() << ", threshold=" << options.threshold() << ")";
}

Tensor GLUImpl::forward(const Tensor& input) { return F::glu(input, options); }
void GLUImpl::pretty_print(std::ostream& s) const { s << "wick::nn::GLU(dim=" << options.dim() << ")"; }

Tensor GELUImpl::forward(const Tensor& input) { return F::gelu(input, options); }
void GELUImpl::pretty_print(std::ostream& s) const {
  s << "wick::nn::GELU(";
  if (options.approximate() != "none") s << "approximate=" << options.approximate();
  s << ")";
}

PReLUImpl::PReLUImpl(const PReLUOptions& options_) : options(options_) {
  weight = register_parameter("weight", empty({options.num_parameters()}));
  reset_parameters();
}
void PReLUImpl::reset_parameters() {
  Tensor w = weight.detach();
  w.fill_(options.init());
}
Tensor PReLUImpl::forward(const Tensor& input) { return F::prelu(input, weight); }
void PReLUImpl::pretty_print(std::ostream& s) const {
  s << "wick::nn::PReLU(num_parameters=" << options.num_parameters() << ")";
}

Tensor SigmoidImpl::forward(const Tensor& input) { return wick::sigmoid(input); }
void SigmoidImpl::pretty_print(std::ostream& s) const { s << "wick::nn::Sigmoid()"; }

Tensor LogSigmoidImpl::forward(const Tensor& input) { return F::logsigmoid(input); }
void LogSigmoidImpl::pretty_print(std::ostream& s) const { s << "wick::nn::LogSigmoid()"; }

Tensor TanhImpl::forward(const Tensor& input) { return wick::tanh(input); }
void TanhImpl::pretty_print(std::ostream& s) const { s << "wick::nn::Tanh()"; }

Tensor TanhshrinkImpl::forward(const Tensor& input) { return F::tanhshrink(input); }
void TanhshrinkImpl::pretty_print(std::ostream& s) const { s << "wick::nn::Tanhshrink()"; }

Tensor SoftsignImpl::forward(const Tensor& input) { return F::softsign(input); }
void SoftsignImpl::pretty_print(std::ostream& s) const { s << "wick::nn::Softsign()"; }

Tensor SiLUImpl::forward(const Tensor& input) { return F::silu(input); }
void SiLUImpl::pretty_print(std::ostream& s) const { s << "wick::nn::SiLU()"; }

Tensor MishImpl::forward(const Tensor& input) { return F::mish(input); }
void MishImpl::pretty_print(std::ostream& s) const { s << "wick::nn::Mish()"; }

Tensor Softmax2dImpl::forward(const Tensor& input) {
  WICK_CHECK(input.dim() == 3 || input.dim() == 4, "Softmax2d: expected input to be 3D or 4D, got ",
             input.dim(), "D instead");
  return F::softmax(input, -3);
}
void Softmax2dImpl::pretty_print(std::ostream& s) const { s << "wick::nn::Softmax2d()"; }

Tensor SoftmaxImpl::forward(const Tensor& input) { return F::softmax(input, options.dim()); }
void SoftmaxImpl::pretty_print(std::ostream& s) const { s << "wick::nn::Softmax(dim=" << options.dim() << ")"; }

Tensor SoftminImpl::forward(const Tensor& input) { return F::softmin(input, options.dim()); }
void SoftminImpl::pretty_print(std::ostream& s) const { s << "wick::nn::Softmin(dim=" << options.dim() << ")"; }

Tensor LogSoftmaxImpl::forward(const Tensor& input) { return F::log_softmax(input, options.dim()); }
void LogSoftmaxImpl::pretty_print(std::ostream& s) const {
  s << "wick::nn::LogSoftmax(dim=" << options.dim() << ")";
}

}  // namespace wick::nn
