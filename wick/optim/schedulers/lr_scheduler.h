#pragma once
// wick::optim::LRScheduler: the base of the learning-rate schedulers
// (LibTorch's torch/optim/schedulers/lr_scheduler.h, with PyTorch's Python
// protocol).
//
// Note [scheduler protocol]: as torch.optim.lr_scheduler.LRScheduler, and
// unlike LibTorch 1.13 (which counts steps from 0 without an initial step, so
// its StepLR decays one step later than Python's):
//  - last_epoch starts at -1 and the constructor of every concrete scheduler
//    makes one initial step (last_epoch 0), so get_last_lr() right after
//    construction is the first epoch's lr;
//  - each group's 'initial_lr' is set (if missing) in the group's extra keys
//    (OptimizerOptions::extra) and is the scheduler's base lr; constructing
//    with last_epoch != -1 requires it (PyTorch's resume rule);
//  - step() is the chainable form: get_lrs() computes each group's next lr
//    from its current lr, so schedulers compose (ChainedScheduler);
//  - step(epoch) is PyTorch's deprecated epoch form: it sets last_epoch and
//    uses the closed form where the scheduler has one.
// PyTorch's order warnings (scheduler stepped before the optimizer) are not
// given: C++ has no warning channel.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "wick/optim/optimizer.h"

namespace wick::optim {

class SequentialLR;
class ChainedScheduler;

class LRScheduler {
 public:
  // The optimizer must outlive the scheduler.
  explicit LRScheduler(Optimizer& optimizer, int64_t last_epoch = -1);
  virtual ~LRScheduler() = default;
  LRScheduler(const LRScheduler&) = delete;
  LRScheduler& operator=(const LRScheduler&) = delete;

  // One scheduler step (call after optimizer.step()).
  void step() { do_step(std::nullopt); }
  // PyTorch's deprecated step(epoch): jumps to epoch (closed form where there is one).
  void step(double epoch) { do_step(epoch); }

  // The learning rates the last step set, one per param group.
  const std::vector<double>& get_last_lr() const noexcept { return last_lr_; }
  int64_t last_epoch() const noexcept { return last_epoch_; }
  const std::vector<double>& base_lrs() const noexcept { return base_lrs_; }
  Optimizer& optimizer() const noexcept { return optimizer_; }
  // The class name PyTorch prints ("StepLR", ...).
  virtual std::string name() const = 0;

 protected:
  friend class SequentialLR;
  friend class ChainedScheduler;

  // The next learning rates (chainable form), one per param group; last_epoch_
  // is already advanced.
  virtual std::vector<double> get_lrs() = 0;
  // The closed form at last_epoch_, where the scheduler has one.
  virtual std::optional<std::vector<double>> get_closed_form_lrs() { return std::nullopt; }
  virtual void do_step(std::optional<double> epoch);
  // Concrete schedulers call this at the end of their constructor.
  void initial_step();

  std::vector<double> get_current_lrs() const;
  void set_optimizer_lrs(const std::vector<double>& learning_rates);
  size_t num_groups() const { return optimizer_.param_groups().size(); }

  Optimizer& optimizer_;
  int64_t last_epoch_;
  unsigned step_count_ = 0;  // steps made, the initial one included
  std::vector<double> base_lrs_;
  std::vector<double> last_lr_;
};

namespace detail {
// PyTorch's _format_param: one value per param group (a single value is repeated;
// a list must have one value per group).
std::vector<double> format_param(const std::string& name, const Optimizer& optimizer,
                                 const std::vector<double>& values);
// Cycling of the momentum (SGD/RMSprop 'momentum') or beta1 (Adam-style 'betas')
// of each group, through the group options' to_dict()/from_dict().
bool uses_beta1(const Optimizer& optimizer);  // raises PyTorch's error when it has neither
void set_momentum(OptimizerOptions& options, bool use_beta1, double momentum);
double get_momentum(const OptimizerOptions& options, bool use_beta1);
// The number under key in the group's extra keys; raises when missing.
double extra_number(const OptimizerOptions& options, const std::string& key);
}  // namespace detail

}  // namespace wick::optim
