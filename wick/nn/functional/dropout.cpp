#include "wick/nn/functional/dropout.h"

#include "wick/ops/norm.h"

namespace wick::nn::functional {
namespace {
void check_p(double p) {
  WICK_CHECK_T(ValueError, p >= 0 && p <= 1, "dropout probability has to be between 0 and 1, but got ", p);
}

Tensor feature(Tensor& input, const DropoutFuncOptions& o) {
  if (o.inplace()) return feature_dropout_(input, o.p(), o.training());
  return feature_dropout(input, o.p(), o.training());
}

// Channel dropout that also takes an input without the batch dim.
Tensor feature_maybe_unbatched(Tensor input, const DropoutFuncOptions& o, bool batched) {
  if (batched) return feature(input, o);
  if (o.inplace()) {
    input.unsqueeze_(0);
    feature(input, o);
    return input.squeeze_(0);
  }
  Tensor x = input.unsqueeze(0);
  return feature(x, o).squeeze(0);
}
}  // namespace

Tensor dropout(Tensor input, const DropoutFuncOptions& o) {
  check_p(o.p());
  if (o.inplace()) return dropout_(input, o.p(), o.training());
  return ::wick::dropout(input, o.p(), o.training());
}

Tensor dropout1d(Tensor input, const Dropout1dFuncOptions& o) {
  check_p(o.p());
  const int64_t d = input.dim();
  WICK_CHECK(d == 2 || d == 3, "dropout1d: Expected 2D or 3D input, but received a ", d,
             "D input. Note that dropout1d exists to provide channel-wise dropout on inputs with 1 "
             "spatial dimension, a channel dimension, and an optional batch dimension (i.e. 2D or 3D "
             "inputs).");
  return feature_maybe_unbatched(std::move(input), o, d == 3);
}

Tensor dropout2d(Tensor input, const Dropout2dFuncOptions& o) {
  check_p(o.p());
  return feature(input, o);
}

Tensor dropout3d(Tensor input, const Dropout3dFuncOptions& o) {
  check_p(o.p());
  const bool batched = input.dim() == 5;
  return feature_maybe_unbatched(std::move(input), o, batched);
}

Tensor alpha_dropout(Tensor input, const AlphaDropoutFuncOptions& o) {
  check_p(o.p());
  if (o.inplace()) return alpha_dropout_(input, o.p(), o.training());
  return ::wick::alpha_dropout(input, o.p(), o.training());
}

Tensor feature_alpha_dropout(Tensor input, const FeatureAlphaDropoutFuncOptions& o) {
  check_p(o.p());
  if (o.inplace()) return feature_alpha_dropout_(input, o.p(), o.training());
  return ::wick::feature_alpha_dropout(input, o.p(), o.training());
}

}  // namespace wick::nn::functional
