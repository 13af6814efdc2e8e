#include "wick/nn/functional/padding.h"

#include "wick/ops/pool.h"

namespace wick::nn::functional {

Tensor pad(const Tensor& input, const PadFuncOptions& o) {
  switch (o.mode()) {
    case kConstant: return ::wick::pad(input, o.pad(), "constant", o.value());
    case kReflect: return ::wick::pad(input, o.pad(), "reflect");
    case kReplicate: return ::wick::pad(input, o.pad(), "replicate");
    case kCircular: return ::wick::pad(input, o.pad(), "circular");
    default: break;
  }
  WICK_CHECK_T(NotImplementedError, false, "Unrecognised padding mode zeros");
  return {};
}

}  // namespace wick::nn::functional
