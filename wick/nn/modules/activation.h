#pragma once
// Activation modules (LibTorch's shape): ReLU, ReLU6, LeakyReLU, PReLU, RReLU,
// ELU, SELU, CELU, GELU, SiLU, Mish, GLU, Sigmoid, LogSigmoid, Tanh,
// Tanhshrink, Hardtanh, Hardshrink, Softshrink, Softplus, Softsign, Threshold,
// Hardsigmoid, Hardswish, Softmax, Softmin, LogSoftmax, Softmax2d.
// The functional forms (wick::nn::functional) are in wick/nn/functional/activation.h.
#include <string>

#include "wick/nn/module.h"
#include "wick/nn/options.h"

namespace wick::nn {

// Options holding only `inplace` (implicit from bool: ReLU(true)).
#define WICK_NN_INPLACE_OPTIONS(Name)                                         \
  struct Name##Options {                                                      \
    Name##Options(bool inplace = false) : inplace_(inplace) {} /* NOLINT */   \
    WICK_ARG(bool, inplace);                                                  \
  }

WICK_NN_INPLACE_OPTIONS(ReLU);
WICK_NN_INPLACE_OPTIONS(ReLU6);
WICK_NN_INPLACE_OPTIONS(SELU);
// Hardsigmoid and Hardswish are not in LibTorch; their options follow Python's.
WICK_NN_INPLACE_OPTIONS(Hardsigmoid);
WICK_NN_INPLACE_OPTIONS(Hardswish);
#undef WICK_NN_INPLACE_OPTIONS

// A module whose forward is one call with its options.
#define WICK_NN_ACTIVATION(Name, OptionsType, ForwardArg)                     \
  class Name##Impl : public Module {                                          \
   public:                                                                    \
    explicit Name##Impl(const OptionsType& options = {}) : options(options) {} \
    Tensor forward(ForwardArg input);                                         \
    void reset() {}                                                           \
    void pretty_print(std::ostream& stream) const override;                   \
    OptionsType options;                                                      \
  };                                                                          \
  WICK_MODULE(Name)

// A module without options.
#define WICK_NN_PLAIN_ACTIVATION(Name)                                        \
  class Name##Impl : public Module {                                          \
   public:                                                                    \
    Tensor forward(const Tensor& input);                                      \
    void reset() {}                                                           \
    void pretty_print(std::ostream& stream) const override;                   \
  };                                                                          \
  WICK_MODULE(Name)

WICK_NN_ACTIVATION(ReLU, ReLUOptions, Tensor);
WICK_NN_ACTIVATION(ReLU6, ReLU6Options, Tensor);
WICK_NN_ACTIVATION(SELU, SELUOptions, Tensor);
WICK_NN_ACTIVATION(Hardsigmoid, HardsigmoidOptions, Tensor);
WICK_NN_ACTIVATION(Hardswish, HardswishOptions, Tensor);

struct LeakyReLUOptions {
  WICK_ARG(double, negative_slope) = 0.01;
  WICK_ARG(bool, inplace) = false;
};
WICK_NN_ACTIVATION(LeakyReLU, LeakyReLUOptions, Tensor);

struct ELUOptions {
  WICK_ARG(double, alpha) = 1.0;
  WICK_ARG(bool, inplace) = false;
};
WICK_NN_ACTIVATION(ELU, ELUOptions, Tensor);

struct CELUOptions {
  WICK_ARG(double, alpha) = 1.0;
  WICK_ARG(bool, inplace) = false;
};
WICK_NN_ACTIVATION(CELU, CELUOptions, Tensor);

struct HardtanhOptions {
  WICK_ARG(double, min_val) = -1.0;
  WICK_ARG(double, max_val) = 1.0;
  WICK_ARG(bool, inplace) = false;
};
class HardtanhImpl : public Module {
 public:
  explicit HardtanhImpl(const HardtanhOptions& options = {});
  Tensor forward(Tensor input);
  // Checks max_val > min_val (the constructor calls it).
  void reset();
  void pretty_print(std::ostream& stream) const override;
  HardtanhOptions options;
};
WICK_MODULE(Hardtanh);

// Randomized leaky ReLU: in training the negative slopes are drawn from
// uniform(lower, upper); in eval the slope is (lower + upper) / 2.
struct RReLUOptions {
  WICK_ARG(double, lower) = 1.0 / 8.0;
  WICK_ARG(double, upper) = 1.0 / 3.0;
  WICK_ARG(bool, inplace) = false;
};
WICK_NN_ACTIVATION(RReLU, RReLUOptions, Tensor);

struct ThresholdOptions {
  ThresholdOptions(double threshold, double value) : threshold_(threshold), value_(value) {}
  WICK_ARG(double, threshold);
  WICK_ARG(double, value);
  WICK_ARG(bool, inplace) = false;
};
class ThresholdImpl : public Module {
 public:
  ThresholdImpl(double threshold, double value) : options(threshold, value) {}
  explicit ThresholdImpl(const ThresholdOptions& options) : options(options) {}
  Tensor forward(Tensor input);
  void reset() {}
  void pretty_print(std::ostream& stream) const override;
  ThresholdOptions options;
};
WICK_MODULE(Threshold);

struct HardshrinkOptions {
  HardshrinkOptions(double lambda = 0.5) : lambda_(lambda) {}  // NOLINT
  WICK_ARG(double, lambda);
};
WICK_NN_ACTIVATION(Hardshrink, HardshrinkOptions, const Tensor&);

struct SoftshrinkOptions {
  SoftshrinkOptions(double lambda = 0.5) : lambda_(lambda) {}  // NOLINT
  WICK_ARG(double, lambda);
};
WICK_NN_ACTIVATION(Softshrink, SoftshrinkOptions, const Tensor&);

struct SoftplusOptions {
  WICK_ARG(double, beta) = 1.0;
  WICK_ARG(double, threshold) = 20.0;
};
WICK_NN_ACTIVATION(Softplus, SoftplusOptions, const Tensor&);

struct GLUOptions {
  GLUOptions(int64_t dim = -1) : dim_(dim) {}  // NOLINT
  WICK_ARG(int64_t, dim);
};
WICK_NN_ACTIVATION(GLU, GLUOptions, const Tensor&);

struct GELUOptions {
  WICK_ARG(std::string, approximate) = "none";
};
WICK_NN_ACTIVATION(GELU, GELUOptions, const Tensor&);

struct PReLUOptions {
  WICK_ARG(int64_t, num_parameters) = 1;
  WICK_ARG(double, init) = 0.25;
};
class PReLUImpl : public Module {
 public:
  explicit PReLUImpl(const PReLUOptions& options = {});
  Tensor forward(const Tensor& input);
  void reset_parameters() override;
  void pretty_print(std::ostream& stream) const override;
  PReLUOptions options;
  Tensor weight;
};
WICK_MODULE(PReLU);

WICK_NN_PLAIN_ACTIVATION(Sigmoid);
WICK_NN_PLAIN_ACTIVATION(LogSigmoid);
WICK_NN_PLAIN_ACTIVATION(Tanh);
WICK_NN_PLAIN_ACTIVATION(Tanhshrink);
WICK_NN_PLAIN_ACTIVATION(Softsign);
WICK_NN_PLAIN_ACTIVATION(SiLU);
WICK_NN_PLAIN_ACTIVATION(Mish);
// softmax over dim -3 of a 3-d (C, H, W) or 4-d (N, C, H, W) input.
WICK_NN_PLAIN_ACTIVATION(Softmax2d);

#undef WICK_NN_ACTIVATION
#undef WICK_NN_PLAIN_ACTIVATION

struct SoftmaxOptions {
  SoftmaxOptions(int64_t dim) : dim_(dim) {}  // NOLINT
  WICK_ARG(int64_t, dim);
};
using SoftminOptions = SoftmaxOptions;
using LogSoftmaxOptions = SoftmaxOptions;

#define WICK_NN_SOFTMAX(Name)                                                 \
  class Name##Impl : public Module {                                          \
   public:                                                                    \
    explicit Name##Impl(int64_t dim) : options(dim) {}                        \
    explicit Name##Impl(const SoftmaxOptions& options) : options(options) {}  \
    Tensor forward(const Tensor& input);                                      \
    void reset() {}                                                           \
    void pretty_print(std::ostream& stream) const override;                   \
    SoftmaxOptions options;                                                   \
  };                                                                          \
  WICK_MODULE(Name)

WICK_NN_SOFTMAX(Softmax);
WICK_NN_SOFTMAX(Softmin);
WICK_NN_SOFTMAX(LogSoftmax);
#undef WICK_NN_SOFTMAX

}  // namespace wick::nn
