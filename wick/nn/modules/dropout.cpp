#include "wick/nn/modules/dropout.h"

#include <ostream>

#include "wick/ops/norm.h"

namespace wick::nn {
namespace {
void check_p(double p) {
  WICK_CHECK_T(ValueError, p >= 0 && p <= 1, "dropout probability has to be between 0 and 1, but got ", p);
}
}  // namespace

DropoutImpl::DropoutImpl(const DropoutOptions& options_) : options(options_) { check_p(options.p()); }

Tensor DropoutImpl::forward(Tensor input) {
  if (options.inplace()) return dropout_(input, options.p(), is_training());
  return dropout(input, options.p(), is_training());
}

void DropoutImpl::pretty_print(std::ostream& stream) const {
  stream << std::boolalpha << "wick::nn::Dropout(p=" << options.p() << ", inplace=" << options.inplace()
         << ")";
}

Dropout2dImpl::Dropout2dImpl(const DropoutOptions& options_) : options(options_) { check_p(options.p()); }

Tensor Dropout2dImpl::forward(Tensor input) {
  WICK_CHECK(input.dim() == 3 || input.dim() == 4, "Dropout2d: Expected 3D or 4D input, but got ",
             input.dim(), "D input");
  if (options.inplace()) return feature_dropout_(input, options.p(), is_training());
  return feature_dropout(input, options.p(), is_training());
}

void Dropout2dImpl::pretty_print(std::ostream& stream) const {
  stream << std::boolalpha << "wick::nn::Dropout2d(p=" << options.p() << ", inplace=" << options.inplace()
         << ")";
}

}  // namespace wick::nn
