#pragma once
// wick::optim::ReduceLROnPlateauScheduler (LibTorch's
// torch/optim/schedulers/reduce_on_plateau_scheduler.h; PyTorch's
// ReduceLROnPlateau): multiplies each group's lr by factor once the metric
// given to step(metric) has not improved for more than patience epochs, then
// waits cooldown epochs. As in LibTorch it is not an LRScheduler (its step
// takes the metric).
#include <cstdint>
#include <string>
#include <vector>

#include "wick/optim/optimizer.h"

namespace wick::optim {

class ReduceLROnPlateauScheduler {
 public:
  enum SchedulerMode { min, max };
  enum ThresholdMode { rel, abs };
  // min_lr: empty (0 for every group), one value (for every group) or one per group.
  // verbose prints PyTorch 1.x's "Epoch 00005: reducing learning rate of group 0
  // to 1.0000e-02." line on each reduction (PyTorch 2.x deprecates verbose).
  ReduceLROnPlateauScheduler(Optimizer& optimizer, SchedulerMode mode = min, double factor = 0.1,
                             int64_t patience = 10, double threshold = 1e-4,
                             ThresholdMode threshold_mode = rel, int64_t cooldown = 0,
                             const std::vector<double>& min_lr = {}, double eps = 1e-8,
                             bool verbose = false);

  void step(double metric);

  const std::vector<double>& get_last_lr() const noexcept { return last_lr_; }
  int64_t last_epoch() const noexcept { return last_epoch_; }
  double best() const noexcept { return best_; }
  int64_t num_bad_epochs() const noexcept { return num_bad_epochs_; }
  int64_t cooldown_counter() const noexcept { return cooldown_counter_; }
  bool in_cooldown() const noexcept { return cooldown_counter_ > 0; }
  const std::vector<double>& min_lrs() const noexcept { return min_lrs_; }
  Optimizer& optimizer() const noexcept { return optimizer_; }

 private:
  bool is_better(double a, double best) const;
  void reduce_lr(int64_t epoch);

  Optimizer& optimizer_;
  SchedulerMode mode_;
  double factor_;
  int64_t patience_;
  double threshold_;
  ThresholdMode threshold_mode_;
  int64_t cooldown_;
  int64_t cooldown_counter_ = 0;
  bool has_default_min_lr_;
  double default_min_lr_ = 0;
  std::vector<double> min_lrs_;
  double eps_;
  bool verbose_;
  double best_;
  int64_t num_bad_epochs_ = 0;
  int64_t last_epoch_ = 0;
  std::vector<double> last_lr_;
};

}  // namespace wick::optim
