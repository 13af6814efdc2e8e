#pragma once
// wick::optim::SGD (LibTorch's torch/optim/sgd.h; maximize as PyTorch's Python SGD).
#include "wick/optim/optimizer.h"

namespace wick::optim {

struct SGDOptions : public OptimizerCloneableOptions<SGDOptions> {
  SGDOptions(double lr = 1e-3);  // NOLINT (PyTorch 2.x's default lr)
  WICK_ARG(double, lr);
  WICK_ARG(double, momentum) = 0;
  WICK_ARG(double, dampening) = 0;
  WICK_ARG(double, weight_decay) = 0;
  WICK_ARG(bool, nesterov) = false;
  WICK_ARG(bool, maximize) = false;

 public:
  double get_lr() const override { return lr(); }
  void set_lr(double lr) override { this->lr(lr); }
  OptionDict to_dict() const override;
  void from_dict(const OptionDict& d) override;
};

struct SGDParamState : public OptimizerCloneableParamState<SGDParamState> {
  WICK_ARG(Tensor, momentum_buffer);

 public:
  std::vector<std::pair<std::string, Tensor>> named_tensors() const override;
  bool set_tensor(const std::string& name, const Tensor& value) override;
};

class SGD : public Optimizer {
 public:
  SGD(std::vector<OptimizerParamGroup> param_groups, SGDOptions defaults);
  SGD(std::vector<Tensor> params, SGDOptions defaults)
      : SGD({OptimizerParamGroup(std::move(params))}, std::move(defaults)) {}
  Tensor step(LossClosure closure = nullptr) override;
  std::string name() const override { return "SGD"; }

 protected:
  std::unique_ptr<OptimizerParamState> make_state() const override {
    return std::make_unique<SGDParamState>();
  }
};

}  // namespace wick::optim
