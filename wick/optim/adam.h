#pragma once
// wick::optim::Adam and AdamW (LibTorch's torch/optim/adam.h, adamw.h; maximize
// as PyTorch's Python optimizers). The state's step is a float32 one-element
// tensor, as PyTorch 2.x's Python state (LibTorch keeps an int64_t).
#include <tuple>

#include "wick/optim/optimizer.h"

namespace wick::optim {

struct AdamOptions : public OptimizerCloneableOptions<AdamOptions> {
  AdamOptions(double lr = 1e-3);  // NOLINT
  using betas_t = std::tuple<double, double>;
  WICK_ARG(double, lr);
  WICK_ARG(betas_t, betas) = std::make_tuple(0.9, 0.999);
  WICK_ARG(double, eps) = 1e-8;
  WICK_ARG(double, weight_decay) = 0;
  WICK_ARG(bool, amsgrad) = false;
  WICK_ARG(bool, maximize) = false;

 public:
  double get_lr() const override { return lr(); }
  void set_lr(double lr) override { this->lr(lr); }
  OptionDict to_dict() const override;
  void from_dict(const OptionDict& d) override;
};

struct AdamWOptions : public OptimizerCloneableOptions<AdamWOptions> {
  AdamWOptions(double lr = 1e-3);  // NOLINT
  using betas_t = std::tuple<double, double>;
  WICK_ARG(double, lr);
  WICK_ARG(betas_t, betas) = std::make_tuple(0.9, 0.999);
  WICK_ARG(double, eps) = 1e-8;
  WICK_ARG(double, weight_decay) = 1e-2;
  WICK_ARG(bool, amsgrad) = false;
  WICK_ARG(bool, maximize) = false;

 public:
  double get_lr() const override { return lr(); }
  void set_lr(double lr) override { this->lr(lr); }
  OptionDict to_dict() const override;
  void from_dict(const OptionDict& d) override;
};

struct AdamParamState : public OptimizerCloneableParamState<AdamParamState> {
  WICK_ARG(Tensor, step);  // float32 scalar tensor
  WICK_ARG(Tensor, exp_avg);
  WICK_ARG(Tensor, exp_avg_sq);
  WICK_ARG(Tensor, max_exp_avg_sq);

 public:
  std::vector<std::pair<std::string, Tensor>> named_tensors() const override;
  bool set_tensor(const std::string& name, const Tensor& value) override;
};
using AdamWParamState = AdamParamState;

class Adam : public Optimizer {
 public:
  Adam(std::vector<OptimizerParamGroup> param_groups, AdamOptions defaults = {});
  Adam(std::vector<Tensor> params, AdamOptions defaults = {})
      : Adam({OptimizerParamGroup(std::move(params))}, std::move(defaults)) {}
  Tensor step(LossClosure closure = nullptr) override;
  std::string name() const override { return "Adam"; }

 protected:
  std::unique_ptr<OptimizerParamState> make_state() const override {
    return std::make_unique<AdamParamState>();
  }
};

class AdamW : public Optimizer {
 public:
  AdamW(std::vector<OptimizerParamGroup> param_groups, AdamWOptions defaults = {});
  AdamW(std::vector<Tensor> params, AdamWOptions defaults = {})
      : AdamW({OptimizerParamGroup(std::move(params))}, std::move(defaults)) {}
  Tensor step(LossClosure closure = nullptr) override;
  std::string name() const override { return "AdamW"; }

 protected:
  std::unique_ptr<OptimizerParamState> make_state() const override {
    return std::make_unique<AdamParamState>();
  }
};

}  // namespace wick::optim
