#pragma once
// Dropout, Dropout1d/2d/3d (whole channels), AlphaDropout, FeatureAlphaDropout;
// all inert in eval mode.
#include "wick/nn/module.h"
#include "wick/nn/options.h"

namespace wick::nn {

struct DropoutOptions {
  DropoutOptions(double p = 0.5) : p_(p) {}  // NOLINT
  WICK_ARG(double, p);
  WICK_ARG(bool, inplace) = false;
};
using Dropout1dOptions = DropoutOptions;
using Dropout2dOptions = DropoutOptions;
using Dropout3dOptions = DropoutOptions;
using AlphaDropoutOptions = DropoutOptions;
using FeatureAlphaDropoutOptions = DropoutOptions;

#define WICK_DROPOUT_MODULE(Name)                                       \
  class Name##Impl : public Module {                                    \
   public:                                                              \
    explicit Name##Impl(const DropoutOptions& options = {});            \
    explicit Name##Impl(double p) : Name##Impl(DropoutOptions(p)) {}    \
    Tensor forward(Tensor input);                                       \
    void pretty_print(std::ostream& stream) const override;             \
    DropoutOptions options;                                             \
  };                                                                    \
  WICK_MODULE(Name);
WICK_DROPOUT_MODULE(Dropout)
WICK_DROPOUT_MODULE(Dropout1d)
WICK_DROPOUT_MODULE(Dropout2d)
WICK_DROPOUT_MODULE(Dropout3d)
WICK_DROPOUT_MODULE(AlphaDropout)
WICK_DROPOUT_MODULE(FeatureAlphaDropout)
#undef WICK_DROPOUT_MODULE

}  // namespace wick::nn
