#pragma once
// Dropout and Dropout2d (whole channels), inert in eval mode.
#include "wick/nn/module.h"
#include "wick/nn/options.h"

namespace wick::nn {

struct DropoutOptions {
  DropoutOptions(double p = 0.5) : p_(p) {}  // NOLINT
  WICK_ARG(double, p);
  WICK_ARG(bool, inplace) = false;
};

class DropoutImpl : public Module {
 public:
  explicit DropoutImpl(const DropoutOptions& options = {});
  explicit DropoutImpl(double p) : DropoutImpl(DropoutOptions(p)) {}
  Tensor forward(Tensor input);
  void pretty_print(std::ostream& stream) const override;
  DropoutOptions options;
};
WICK_MODULE(Dropout);

class Dropout2dImpl : public Module {
 public:
  explicit Dropout2dImpl(const DropoutOptions& options = {});
  explicit Dropout2dImpl(double p) : Dropout2dImpl(DropoutOptions(p)) {}
  Tensor forward(Tensor input);
  void pretty_print(std::ostream& stream) const override;
  DropoutOptions options;
};
WICK_MODULE(Dropout2d);

}  // namespace wick::nn
