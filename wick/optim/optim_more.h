#pragma once
// wick::optim::Adamax, NAdam, RAdam, Adadelta, Rprop and ASGD: PyTorch 2.x's
// Python optimizers of those names (defaults, option names, state names and
// order), on the shared kernels of wick/optim/functional.h. Every state's step
// (and ASGD's eta and mu, NAdam's mu_product) is a float32 one-element tensor.
#include <tuple>

#include "wick/optim/optimizer.h"

namespace wick::optim {

#define WICK_OPTIM_COMMON_OPTIONS                                       \
 public:                                                                \
  double get_lr() const override { return lr(); }                       \
  void set_lr(double lr) override { this->lr(lr); }                     \
  OptionDict to_dict() const override;                                  \
  void from_dict(const OptionDict& d) override;

#define WICK_OPTIM_CLASS(Name, State)                                                      \
  class Name : public Optimizer {                                                          \
   public:                                                                                 \
    Name(std::vector<OptimizerParamGroup> param_groups, Name##Options defaults = {});      \
    Name(std::vector<Tensor> params, Name##Options defaults = {})                          \
        : Name({OptimizerParamGroup(std::move(params))}, std::move(defaults)) {}           \
    Tensor step(LossClosure closure = nullptr) override;                                   \
    std::string name() const override { return #Name; }                                    \
                                                                                           \
   protected:                                                                              \
    std::unique_ptr<OptimizerParamState> make_state() const override {                     \
      return std::make_unique<State>();                                                    \
    }                                                                                      \
  };

#define WICK_OPTIM_STATE_METHODS                                                     \
 public:                                                                             \
  std::vector<std::pair<std::string, Tensor>> named_tensors() const override;        \
  bool set_tensor(const std::string& name, const Tensor& value) override;

// ---- Adamax -------------------------------------------------------------------
struct AdamaxOptions : public OptimizerCloneableOptions<AdamaxOptions> {
  AdamaxOptions(double lr = 2e-3);  // NOLINT
  using betas_t = std::tuple<double, double>;
  WICK_ARG(double, lr);
  WICK_ARG(betas_t, betas) = std::make_tuple(0.9, 0.999);
  WICK_ARG(double, eps) = 1e-8;
  WICK_ARG(double, weight_decay) = 0;
  WICK_ARG(bool, maximize) = false;
  WICK_OPTIM_COMMON_OPTIONS
};
struct AdamaxParamState : public OptimizerCloneableParamState<AdamaxParamState> {
  WICK_ARG(Tensor, step);
  WICK_ARG(Tensor, exp_avg);
  WICK_ARG(Tensor, exp_inf);
  WICK_OPTIM_STATE_METHODS
};
WICK_OPTIM_CLASS(Adamax, AdamaxParamState)

// ---- NAdam (PyTorch 2.x: decoupled_weight_decay, maximize) --------------------
struct NAdamOptions : public OptimizerCloneableOptions<NAdamOptions> {
  NAdamOptions(double lr = 2e-3);  // NOLINT
  using betas_t = std::tuple<double, double>;
  WICK_ARG(double, lr);
  WICK_ARG(betas_t, betas) = std::make_tuple(0.9, 0.999);
  WICK_ARG(double, eps) = 1e-8;
  WICK_ARG(double, weight_decay) = 0;
  WICK_ARG(double, momentum_decay) = 4e-3;
  WICK_ARG(bool, decoupled_weight_decay) = false;
  WICK_ARG(bool, maximize) = false;
  WICK_OPTIM_COMMON_OPTIONS
};
struct NAdamParamState : public OptimizerCloneableParamState<NAdamParamState> {
  WICK_ARG(Tensor, step);
  WICK_ARG(Tensor, mu_product);
  WICK_ARG(Tensor, exp_avg);
  WICK_ARG(Tensor, exp_avg_sq);
  WICK_OPTIM_STATE_METHODS
};
WICK_OPTIM_CLASS(NAdam, NAdamParamState)

// ---- RAdam --------------------------------------------------------------------
struct RAdamOptions : public OptimizerCloneableOptions<RAdamOptions> {
  RAdamOptions(double lr = 1e-3);  // NOLINT
  using betas_t = std::tuple<double, double>;
  WICK_ARG(double, lr);
  WICK_ARG(betas_t, betas) = std::make_tuple(0.9, 0.999);
  WICK_ARG(double, eps) = 1e-8;
  WICK_ARG(double, weight_decay) = 0;
  WICK_ARG(bool, decoupled_weight_decay) = false;
  WICK_ARG(bool, maximize) = false;
  WICK_OPTIM_COMMON_OPTIONS
};
struct RAdamParamState : public OptimizerCloneableParamState<RAdamParamState> {
  WICK_ARG(Tensor, step);
  WICK_ARG(Tensor, exp_avg);
  WICK_ARG(Tensor, exp_avg_sq);
  WICK_OPTIM_STATE_METHODS
};
WICK_OPTIM_CLASS(RAdam, RAdamParamState)

// ---- Adadelta -----------------------------------------------------------------
struct AdadeltaOptions : public OptimizerCloneableOptions<AdadeltaOptions> {
  AdadeltaOptions(double lr = 1.0);  // NOLINT
  WICK_ARG(double, lr);
  WICK_ARG(double, rho) = 0.9;
  WICK_ARG(double, eps) = 1e-6;
  WICK_ARG(double, weight_decay) = 0;
  WICK_ARG(bool, maximize) = false;
  WICK_OPTIM_COMMON_OPTIONS
};
struct AdadeltaParamState : public OptimizerCloneableParamState<AdadeltaParamState> {
  WICK_ARG(Tensor, step);
  WICK_ARG(Tensor, square_avg);
  WICK_ARG(Tensor, acc_delta);
  WICK_OPTIM_STATE_METHODS
};
WICK_OPTIM_CLASS(Adadelta, AdadeltaParamState)

// ---- Rprop --------------------------------------------------------------------
struct RpropOptions : public OptimizerCloneableOptions<RpropOptions> {
  RpropOptions(double lr = 1e-2);  // NOLINT
  using pair_t = std::tuple<double, double>;
  WICK_ARG(double, lr);
  WICK_ARG(pair_t, etas) = std::make_tuple(0.5, 1.2);
  WICK_ARG(pair_t, step_sizes) = std::make_tuple(1e-6, 50.0);
  WICK_ARG(bool, maximize) = false;
  WICK_OPTIM_COMMON_OPTIONS
};
struct RpropParamState : public OptimizerCloneableParamState<RpropParamState> {
  WICK_ARG(Tensor, step);
  WICK_ARG(Tensor, prev);
  WICK_ARG(Tensor, step_size);
  WICK_OPTIM_STATE_METHODS
};
WICK_OPTIM_CLASS(Rprop, RpropParamState)

// ---- ASGD ---------------------------------------------------------------------
struct ASGDOptions : public OptimizerCloneableOptions<ASGDOptions> {
  ASGDOptions(double lr = 1e-2);  // NOLINT
  WICK_ARG(double, lr);
  WICK_ARG(double, lambd) = 1e-4;
  WICK_ARG(double, alpha) = 0.75;
  WICK_ARG(double, t0) = 1e6;
  WICK_ARG(double, weight_decay) = 0;
  WICK_ARG(bool, maximize) = false;
  WICK_OPTIM_COMMON_OPTIONS
};
struct ASGDParamState : public OptimizerCloneableParamState<ASGDParamState> {
  WICK_ARG(Tensor, step);
  WICK_ARG(Tensor, eta);
  WICK_ARG(Tensor, mu);
  WICK_ARG(Tensor, ax);
  WICK_OPTIM_STATE_METHODS
};
WICK_OPTIM_CLASS(ASGD, ASGDParamState)

#undef WICK_OPTIM_COMMON_OPTIONS
#undef WICK_OPTIM_CLASS
#undef WICK_OPTIM_STATE_METHODS

}  // namespace wick::optim
