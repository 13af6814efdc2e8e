#pragma once
// wick::optim::RMSprop and Adagrad (LibTorch's torch/optim/rmsprop.h,
// adagrad.h; maximize as PyTorch's Python optimizers). 'step' is a float32
// one-element tensor, as PyTorch 2.x's Python state (LibTorch keeps an int64_t).
#include "wick/optim/optimizer.h"

namespace wick::optim {

struct RMSpropOptions : public OptimizerCloneableOptions<RMSpropOptions> {
  RMSpropOptions(double lr = 1e-2);  // NOLINT
  WICK_ARG(double, lr);
  WICK_ARG(double, alpha) = 0.99;
  WICK_ARG(double, eps) = 1e-8;
  WICK_ARG(double, weight_decay) = 0;
  WICK_ARG(double, momentum) = 0;
  WICK_ARG(bool, centered) = false;
  WICK_ARG(bool, maximize) = false;

 public:
  double get_lr() const override { return lr(); }
  void set_lr(double lr) override { this->lr(lr); }
  OptionDict to_dict() const override;
  void from_dict(const OptionDict& d) override;
};

struct RMSpropParamState : public OptimizerCloneableParamState<RMSpropParamState> {
  WICK_ARG(Tensor, step);
  WICK_ARG(Tensor, square_avg);
  WICK_ARG(Tensor, momentum_buffer);
  WICK_ARG(Tensor, grad_avg);

 public:
  std::vector<std::pair<std::string, Tensor>> named_tensors() const override;
  bool set_tensor(const std::string& name, const Tensor& value) override;
};

class RMSprop : public Optimizer {
 public:
  RMSprop(std::vector<OptimizerParamGroup> param_groups, RMSpropOptions defaults = {});
  RMSprop(std::vector<Tensor> params, RMSpropOptions defaults = {})
      : RMSprop({OptimizerParamGroup(std::move(params))}, std::move(defaults)) {}
  Tensor step(LossClosure closure = nullptr) override;
  std::string name() const override { return "RMSprop"; }

 protected:
  std::unique_ptr<OptimizerParamState> make_state() const override {
    return std::make_unique<RMSpropParamState>();
  }
};

struct AdagradOptions : public OptimizerCloneableOptions<AdagradOptions> {
  AdagradOptions(double lr = 1e-2);  // NOLINT
  WICK_ARG(double, lr);
  WICK_ARG(double, lr_decay) = 0;
  WICK_ARG(double, weight_decay) = 0;
  WICK_ARG(double, initial_accumulator_value) = 0;
  WICK_ARG(double, eps) = 1e-10;
  WICK_ARG(bool, maximize) = false;

 public:
  double get_lr() const override { return lr(); }
  void set_lr(double lr) override { this->lr(lr); }
  OptionDict to_dict() const override;
  void from_dict(const OptionDict& d) override;
};

struct AdagradParamState : public OptimizerCloneableParamState<AdagradParamState> {
  WICK_ARG(Tensor, step);
  WICK_ARG(Tensor, sum);

 public:
  std::vector<std::pair<std::string, Tensor>> named_tensors() const override;
  bool set_tensor(const std::string& name, const Tensor& value) override;
};

// Creates every parameter's state (sum = initial_accumulator_value) up front, as PyTorch.
class Adagrad : public Optimizer {
 public:
  Adagrad(std::vector<OptimizerParamGroup> param_groups, AdagradOptions defaults = {});
  Adagrad(std::vector<Tensor> params, AdagradOptions defaults = {})
      : Adagrad({OptimizerParamGroup(std::move(params))}, std::move(defaults)) {}
  Tensor step(LossClosure closure = nullptr) override;
  std::string name() const override { return "Adagrad"; }

 protected:
  std::unique_ptr<OptimizerParamState> make_state() const override {
    return std::make_unique<AdagradParamState>();
  }
};

}  // namespace wick::optim
