#include "wick/nn/modules/dropout.h"

#include <ostream>

#include "wick/nn/functional/dropout.h"

namespace wick::nn {
namespace F = functional;
namespace {
void check_p(double p) {
  WICK_CHECK_T(ValueError, p >= 0 && p <= 1, "dropout probability has to be between 0 and 1, but got ", p);
}
F::DropoutFuncOptions func_options(const DropoutOptions& o, bool training) {
  return F::DropoutFuncOptions().p(o.p()).training(training).inplace(o.inplace());
}
}  // namespace

#define WICK_DROPOUT_COMMON(Name)                                                              \
  Name##Impl::Name##Impl(const DropoutOptions& options_) : options(options_) {                  \
    check_p(options.p());                                                                       \
  }                                                                                             \
  void Name##Impl::pretty_print(std::ostream& stream) const {                                   \
    stream << std::boolalpha << "wick::nn::" #Name "(p=" << options.p()                         \
           << ", inplace=" << options.inplace() << ")";                                         \
  }
WICK_DROPOUT_COMMON(Dropout)
WICK_DROPOUT_COMMON(Dropout1d)
WICK_DROPOUT_COMMON(Dropout2d)
WICK_DROPOUT_COMMON(Dropout3d)
WICK_DROPOUT_COMMON(AlphaDropout)
WICK_DROPOUT_COMMON(FeatureAlphaDropout)
#undef WICK_DROPOUT_COMMON

Tensor DropoutImpl::forward(Tensor input) {
  return F::dropout(std::move(input), func_options(options, is_training()));
}

Tensor Dropout1dImpl::forward(Tensor input) {
  return F::dropout1d(std::move(input), func_options(options, is_training()));
}

Tensor Dropout2dImpl::forward(Tensor input) {
  WICK_CHECK(input.dim() == 3 || input.dim() == 4, "Dropout2d: Expected 3D or 4D input, but got ",
             input.dim(), "D input");
  return F::dropout2d(std::move(input), func_options(options, is_training()));
}

Tensor Dropout3dImpl::forward(Tensor input) {
  WICK_CHECK(input.dim() == 4 || input.dim() == 5, "Dropout3d: Expected 4D or 5D input, but got ",
             input.dim(), "D input");
  return F::dropout3d(std::move(input), func_options(options, is_training()));
}

Tensor AlphaDropoutImpl::forward(Tensor input) {
  return F::alpha_dropout(
      std::move(input), F::AlphaDropoutFuncOptions().p(options.p()).training(is_training()).inplace(options.inplace()));
}

Tensor FeatureAlphaDropoutImpl::forward(Tensor input) {
  return F::feature_alpha_dropout(std::move(input), F::FeatureAlphaDropoutFuncOptions()
                                                        .p(options.p())
                                                        .training(is_training())
                                                        .inplace(options.inplace()));
}

}  // namespace wick::nn
