#pragma once
// wick::optim::LBFGS (LibTorch's torch/optim/lbfgs.h; PyTorch's torch.optim.LBFGS):
// limited-memory BFGS over all parameters flattened into one vector, with an
// optional strong-Wolfe line search. One param group only; step() needs a
// closure that re-evaluates the loss (and its gradients).
//
// Note [LBFGS state]: as PyTorch, the whole state lives under the first
// parameter: counters (func_evals, n_iter), floats (t, prev_loss), tensors
// (d, H_diag, prev_flat_grad) and tensor lists (old_dirs, old_stps, ro, al).
// named_values() lists them under PyTorch's keys, so state_dict() (its
// state_extra) and the checkpoint files carry all of it and a loaded state
// continues the same iterates. Differences in types: t and prev_loss are
// always floats and H_diag always a 0-dim tensor (PyTorch may hold t as a
// 0-dim tensor after the first iteration and H_diag as the int 1 before the
// first curvature pair).
#include <optional>
#include <string>

#include "wick/optim/optimizer.h"

namespace wick::optim {

struct LBFGSOptions : public OptimizerCloneableOptions<LBFGSOptions> {
  LBFGSOptions(double lr = 1);  // NOLINT
  WICK_ARG(double, lr);
  WICK_ARG(int64_t, max_iter) = 20;
  // Unset: max_iter * 5 / 4 (resolved when the optimizer is built, as PyTorch's defaults).
  WICK_ARG(std::optional<int64_t>, max_eval) = std::nullopt;
  WICK_ARG(double, tolerance_grad) = 1e-7;
  WICK_ARG(double, tolerance_change) = 1e-9;
  WICK_ARG(int64_t, history_size) = 100;
  // Unset or "strong_wolfe".
  WICK_ARG(std::optional<std::string>, line_search_fn) = std::nullopt;

 public:
  double get_lr() const override { return lr(); }
  void set_lr(double lr) override { this->lr(lr); }
  OptionDict to_dict() const override;
  void from_dict(const OptionDict& d) override;
};

struct LBFGSParamState : public OptimizerCloneableParamState<LBFGSParamState> {
  WICK_ARG(int64_t, func_evals) = 0;
  WICK_ARG(int64_t, n_iter) = 0;
  WICK_ARG(std::optional<double>, t);
  WICK_ARG(std::optional<double>, prev_loss);
  WICK_ARG(Tensor, d);
  WICK_ARG(Tensor, H_diag);
  WICK_ARG(Tensor, prev_flat_grad);
  WICK_ARG(std::vector<Tensor>, old_dirs);
  WICK_ARG(std::vector<Tensor>, old_stps);
  WICK_ARG(std::vector<Tensor>, ro);
  // history_size entries once the first curvature step ran (undefined: PyTorch's None).
  WICK_ARG(std::optional<std::vector<Tensor>>, al);

 public:
  std::vector<std::pair<std::string, Tensor>> named_tensors() const override;
  bool set_tensor(const std::string& name, const Tensor& value) override;
  StateEntries named_values() const override;
  bool set_value(const std::string& name, const StateValue& value) override;
};

class LBFGS : public Optimizer {
 public:
  LBFGS(std::vector<OptimizerParamGroup> param_groups, LBFGSOptions defaults = {});
  LBFGS(std::vector<Tensor> params, LBFGSOptions defaults = {})
      : LBFGS({OptimizerParamGroup(std::move(params))}, std::move(defaults)) {}
  // Up to max_iter iterations; returns the closure's first loss. Raises
  // PyTorch's TypeError without a closure.
  Tensor step(LossClosure closure = nullptr) override;
  std::string name() const override { return "LBFGS"; }

 protected:
  std::unique_ptr<OptimizerParamState> make_state() const override {
    return std::make_unique<LBFGSParamState>();
  }

 private:
  int64_t numel() const;
  Tensor gather_flat_grad() const;
  void add_grad(double step_size, const Tensor& update);
  std::vector<Tensor> clone_params() const;
  void set_params(const std::vector<Tensor>& values);
  // Loss and flat gradient at x + t d (the parameters are put back to x).
  std::pair<double, Tensor> directional_evaluate(const LossClosure& closure,
                                                 const std::vector<Tensor>& x, double t,
                                                 const Tensor& d);
};

}  // namespace wick::optim
