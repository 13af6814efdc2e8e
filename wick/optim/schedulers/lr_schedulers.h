#pragma once
// The rest of torch.optim.lr_scheduler in C++, with PyTorch 2.x's learning-rate
// sequences (the chainable forms torch computes, so values agree to rounding):
// LambdaLR, MultiplicativeLR, MultiStepLR, ConstantLR, LinearLR, ExponentialLR,
// PolynomialLR, CosineAnnealingLR, CosineAnnealingWarmRestarts, CyclicLR,
// OneCycleLR, SequentialLR, ChainedScheduler. Arguments keep PyTorch's names,
// order and defaults; per-group values (base_lr, max_lr, momenta) take one
// value or one per param group, as PyTorch's float-or-list arguments.
#include <functional>
#include <map>
#include <memory>

#include "wick/optim/schedulers/lr_scheduler.h"

namespace wick::optim {

using LRLambda = std::function<double(int64_t epoch)>;

// lr = initial_lr * lr_lambda(epoch); one lambda for every group or one per group.
class LambdaLR : public LRScheduler {
 public:
  LambdaLR(Optimizer& optimizer, LRLambda lr_lambda, int64_t last_epoch = -1);
  LambdaLR(Optimizer& optimizer, std::vector<LRLambda> lr_lambdas, int64_t last_epoch = -1);
  std::string name() const override { return "LambdaLR"; }

 protected:
  std::vector<double> get_lrs() override;

 private:
  std::vector<LRLambda> lr_lambdas_;
};

// lr *= lr_lambda(epoch) on every step after the first.
class MultiplicativeLR : public LRScheduler {
 public:
  MultiplicativeLR(Optimizer& optimizer, LRLambda lr_lambda, int64_t last_epoch = -1);
  MultiplicativeLR(Optimizer& optimizer, std::vector<LRLambda> lr_lambdas, int64_t last_epoch = -1);
  std::string name() const override { return "MultiplicativeLR"; }

 protected:
  std::vector<double> get_lrs() override;

 private:
  std::vector<LRLambda> lr_lambdas_;
};

// lr *= gamma at each milestone (a milestone listed twice applies gamma twice).
class MultiStepLR : public LRScheduler {
 public:
  MultiStepLR(Optimizer& optimizer, const std::vector<int64_t>& milestones, double gamma = 0.1,
              int64_t last_epoch = -1);
  std::string name() const override { return "MultiStepLR"; }

 protected:
  std::vector<double> get_lrs() override;
  std::optional<std::vector<double>> get_closed_form_lrs() override;

 private:
  std::map<int64_t, int64_t> milestones_;  // milestone -> count
  double gamma_;
};

// lr = initial_lr * factor until total_iters, then initial_lr.
class ConstantLR : public LRScheduler {
 public:
  ConstantLR(Optimizer& optimizer, double factor = 1.0 / 3, int64_t total_iters = 5,
             int64_t last_epoch = -1);
  std::string name() const override { return "ConstantLR"; }

 protected:
  std::vector<double> get_lrs() override;
  std::optional<std::vector<double>> get_closed_form_lrs() override;

 private:
  double factor_;
  int64_t total_iters_;
};

// The factor goes linearly from start_factor to end_factor over total_iters.
class LinearLR : public LRScheduler {
 public:
  LinearLR(Optimizer& optimizer, double start_factor = 1.0 / 3, double end_factor = 1.0,
           int64_t total_iters = 5, int64_t last_epoch = -1);
  std::string name() const override { return "LinearLR"; }

 protected:
  std::vector<double> get_lrs() override;
  std::optional<std::vector<double>> get_closed_form_lrs() override;

 private:
  double start_factor_, end_factor_;
  int64_t total_iters_;
};

// lr *= gamma every epoch.
class ExponentialLR : public LRScheduler {
 public:
  ExponentialLR(Optimizer& optimizer, double gamma, int64_t last_epoch = -1);
  std::string name() const override { return "ExponentialLR"; }

 protected:
  std::vector<double> get_lrs() override;
  std::optional<std::vector<double>> get_closed_form_lrs() override;

 private:
  double gamma_;
};

// lr = initial_lr * (1 - min(epoch, total_iters) / total_iters) ** power.
class PolynomialLR : public LRScheduler {
 public:
  PolynomialLR(Optimizer& optimizer, int64_t total_iters = 5, double power = 1.0,
               int64_t last_epoch = -1);
  std::string name() const override { return "PolynomialLR"; }

 protected:
  std::vector<double> get_lrs() override;
  std::optional<std::vector<double>> get_closed_form_lrs() override;

 private:
  int64_t total_iters_;
  double power_;
};

// Cosine annealing to eta_min over T_max epochs, in torch's recursive form
// (which keeps going up again after T_max).
class CosineAnnealingLR : public LRScheduler {
 public:
  CosineAnnealingLR(Optimizer& optimizer, int64_t T_max, double eta_min = 0.0,
                    int64_t last_epoch = -1);
  std::string name() const override { return "CosineAnnealingLR"; }

 protected:
  std::vector<double> get_lrs() override;
  std::optional<std::vector<double>> get_closed_form_lrs() override;

 private:
  int64_t T_max_;
  double eta_min_;
};

// SGDR: cosine annealing restarted every T_i epochs (T_i *= T_mult). step(epoch)
// takes fractional epochs, as PyTorch's.
class CosineAnnealingWarmRestarts : public LRScheduler {
 public:
  CosineAnnealingWarmRestarts(Optimizer& optimizer, int64_t T_0, int64_t T_mult = 1,
                              double eta_min = 0.0, int64_t last_epoch = -1);
  std::string name() const override { return "CosineAnnealingWarmRestarts"; }
  double T_cur() const noexcept { return T_cur_; }
  int64_t T_i() const noexcept { return T_i_; }

 protected:
  std::vector<double> get_lrs() override;
  void do_step(std::optional<double> epoch) override;

 private:
  int64_t T_0_, T_i_, T_mult_;
  double eta_min_;
  double T_cur_;
};

// Cyclical learning rates (and, with cycle_momentum, momentum or Adam's beta1
// cycling the other way). mode: "triangular", "triangular2", "exp_range", or a
// custom scale_fn with scale_mode "cycle" or "iterations".
class CyclicLR : public LRScheduler {
 public:
  using ScaleFn = std::function<double(double)>;
  CyclicLR(Optimizer& optimizer, std::vector<double> base_lr, std::vector<double> max_lr,
           double step_size_up = 2000, std::optional<double> step_size_down = std::nullopt,
           const std::string& mode = "triangular", double gamma = 1.0, ScaleFn scale_fn = nullptr,
           const std::string& scale_mode = "cycle", bool cycle_momentum = true,
           std::vector<double> base_momentum = {0.8}, std::vector<double> max_momentum = {0.9},
           int64_t last_epoch = -1);
  std::string name() const override { return "CyclicLR"; }

 protected:
  std::vector<double> get_lrs() override;

 private:
  double scale(double x) const;

  std::vector<double> max_lrs_;
  double total_size_, step_ratio_;
  std::string mode_;
  double gamma_;
  ScaleFn scale_fn_;
  std::string scale_mode_;
  bool cycle_momentum_;
  bool use_beta1_ = false;
  std::vector<double> base_momentums_, max_momentums_;
};

// The 1cycle policy: lr from max_lr/div_factor up to max_lr, then down to
// initial_lr/final_div_factor (three_phase: back to initial_lr first), with
// momentum (or beta1) cycling inversely. The group extras 'initial_lr',
// 'max_lr', 'min_lr', 'max_momentum', 'base_momentum' are set as PyTorch does.
class OneCycleLR : public LRScheduler {
 public:
  OneCycleLR(Optimizer& optimizer, std::vector<double> max_lr,
             std::optional<int64_t> total_steps = std::nullopt,
             std::optional<int64_t> epochs = std::nullopt,
             std::optional<int64_t> steps_per_epoch = std::nullopt, double pct_start = 0.3,
             const std::string& anneal_strategy = "cos", bool cycle_momentum = true,
             std::vector<double> base_momentum = {0.85}, std::vector<double> max_momentum = {0.95},
             double div_factor = 25.0, double final_div_factor = 1e4, bool three_phase = false,
             int64_t last_epoch = -1);
  std::string name() const override { return "OneCycleLR"; }
  int64_t total_steps() const noexcept { return total_steps_; }

 protected:
  std::vector<double> get_lrs() override;

 private:
  struct Phase {
    double end_step;
    const char *start_lr, *end_lr, *start_momentum, *end_momentum;
  };
  static int64_t checked_total_steps(std::optional<int64_t> total_steps,
                                     std::optional<int64_t> epochs,
                                     std::optional<int64_t> steps_per_epoch);
  double anneal(double start, double end, double pct) const;

  int64_t total_steps_;
  bool cos_;
  std::vector<Phase> phases_;
  bool cycle_momentum_;
  bool use_beta1_ = false;
};

// Runs schedulers one after another, switching at the milestones (the next
// scheduler starts with step(0)). The schedulers must share this optimizer.
class SequentialLR : public LRScheduler {
 public:
  SequentialLR(Optimizer& optimizer, std::vector<std::shared_ptr<LRScheduler>> schedulers,
               std::vector<int64_t> milestones, int64_t last_epoch = -1);
  std::string name() const override { return "SequentialLR"; }
  const std::vector<std::shared_ptr<LRScheduler>>& schedulers() const { return schedulers_; }

 protected:
  std::vector<double> get_lrs() override { return get_current_lrs(); }
  void do_step(std::optional<double> epoch) override;

 private:
  std::vector<std::shared_ptr<LRScheduler>> schedulers_;
  std::vector<int64_t> milestones_;
};

// Steps every scheduler of the list on each step() (their chainable forms compose).
class ChainedScheduler : public LRScheduler {
 public:
  explicit ChainedScheduler(std::vector<std::shared_ptr<LRScheduler>> schedulers);
  ChainedScheduler(std::vector<std::shared_ptr<LRScheduler>> schedulers, Optimizer& optimizer);
  std::string name() const override { return "ChainedScheduler"; }
  const std::vector<std::shared_ptr<LRScheduler>>& schedulers() const { return schedulers_; }

 protected:
  std::vector<double> get_lrs() override { return get_current_lrs(); }
  void do_step(std::optional<double> epoch) override;

 private:
  std::vector<std::shared_ptr<LRScheduler>> schedulers_;
};

}  // namespace wick::optim
