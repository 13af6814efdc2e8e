#pragma once
// Activation modules: ReLU, LeakyReLU, PReLU, Sigmoid, Tanh, GELU, SiLU,
// Softmax, LogSoftmax (LibTorch's shape).
#include <string>

#include "wick/nn/module.h"
#include "wick/nn/options.h"

namespace wick::nn {

struct ReLUOptions {
  ReLUOptions(bool inplace = false) : inplace_(inplace) {}  // NOLINT
  WICK_ARG(bool, inplace);
};
class ReLUImpl : public Module {
 public:
  explicit ReLUImpl(const ReLUOptions& options = {}) : options(options) {}
  Tensor forward(Tensor input);
  void pretty_print(std::ostream& stream) const override;
  ReLUOptions options;
};
WICK_MODULE(ReLU);

struct LeakyReLUOptions {
  WICK_ARG(double, negative_slope) = 0.01;
  WICK_ARG(bool, inplace) = false;
};
class LeakyReLUImpl : public Module {
 public:
  explicit LeakyReLUImpl(const LeakyReLUOptions& options = {}) : options(options) {}
  Tensor forward(Tensor input);
  void pretty_print(std::ostream& stream) const override;
  LeakyReLUOptions options;
};
WICK_MODULE(LeakyReLU);

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

class SigmoidImpl : public Module {
 public:
  Tensor forward(const Tensor& input);
  void pretty_print(std::ostream& stream) const override;
};
WICK_MODULE(Sigmoid);

class TanhImpl : public Module {
 public:
  Tensor forward(const Tensor& input);
  void pretty_print(std::ostream& stream) const override;
};
WICK_MODULE(Tanh);

struct GELUOptions {
  WICK_ARG(std::string, approximate) = "none";
};
class GELUImpl : public Module {
 public:
  explicit GELUImpl(const GELUOptions& options = {}) : options(options) {}
  Tensor forward(const Tensor& input);
  void pretty_print(std::ostream& stream) const override;
  GELUOptions options;
};
WICK_MODULE(GELU);

class SiLUImpl : public Module {
 public:
  Tensor forward(const Tensor& input);
  void pretty_print(std::ostream& stream) const override;
};
WICK_MODULE(SiLU);

struct SoftmaxOptions {
  SoftmaxOptions(int64_t dim) : dim_(dim) {}  // NOLINT
  WICK_ARG(int64_t, dim);
};
class SoftmaxImpl : public Module {
 public:
  explicit SoftmaxImpl(int64_t dim) : options(dim) {}
  explicit SoftmaxImpl(const SoftmaxOptions& options) : options(options) {}
  Tensor forward(const Tensor& input);
  void pretty_print(std::ostream& stream) const override;
  SoftmaxOptions options;
};
WICK_MODULE(Softmax);

class LogSoftmaxImpl : public Module {
 public:
  explicit LogSoftmaxImpl(int64_t dim) : options(dim) {}
  explicit LogSoftmaxImpl(const SoftmaxOptions& options) : options(options) {}
  Tensor forward(const Tensor& input);
  void pretty_print(std::ostream& stream) const override;
  SoftmaxOptions options;
};
WICK_MODULE(LogSoftmax);

}  // namespace wick::nn
