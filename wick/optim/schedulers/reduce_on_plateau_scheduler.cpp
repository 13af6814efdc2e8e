#include "wick/optim/schedulers/reduce_on_plateau_scheduler.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace wick::optim {

ReduceLROnPlateauScheduler::ReduceLROnPlateauScheduler(Optimizer& optimizer, SchedulerMode mode,
                                                       double factor, int64_t patience,
                                                       double threshold, ThresholdMode threshold_mode,
                                                       int64_t cooldown,
                                                       const std::vector<double>& min_lr, double eps,
                                                       bool verbose)
    : optimizer_(optimizer),
      mode_(mode),
      factor_(factor),
      patience_(patience),
      threshold_(threshold),
      threshold_mode_(threshold_mode),
      cooldown_(cooldown),
      eps_(eps),
      verbose_(verbose) {
  WICK_CHECK_T(ValueError, factor < 1.0, "Factor should be < 1.0.");
  WICK_CHECK_T(ValueError, mode == min || mode == max, "mode ", static_cast<int>(mode), " is unknown!");
  WICK_CHECK_T(ValueError, threshold_mode == rel || threshold_mode == abs, "threshold mode ",
               static_cast<int>(threshold_mode), " is unknown!");
  const size_t n = optimizer.param_groups().size();
  if (min_lr.size() <= 1) {
    has_default_min_lr_ = true;
    default_min_lr_ = min_lr.empty() ? 0.0 : min_lr[0];
    min_lrs_.assign(n, default_min_lr_);
  } else {
    WICK_CHECK_T(ValueError, min_lr.size() == n, "expected ", n, " min_lrs, got ", min_lr.size());
    has_default_min_lr_ = false;
    min_lrs_ = min_lr;
  }
  best_ = mode == min ? std::numeric_limits<double>::infinity()
                      : -std::numeric_limits<double>::infinity();
  for (const auto& g : optimizer.param_groups()) last_lr_.push_back(g.options().get_lr());
}

bool ReduceLROnPlateauScheduler::is_better(double a, double best) const {
  if (mode_ == min && threshold_mode_ == rel) return a < best * (1.0 - threshold_);
  if (mode_ == min && threshold_mode_ == abs) return a < best - threshold_;
  if (mode_ == max && threshold_mode_ == rel) return a > best * (threshold_ + 1.0);
  return a > best + threshold_;
}

void ReduceLROnPlateauScheduler::step(double metric) {
  const int64_t epoch = ++last_epoch_;
  if (is_better(metric, best_)) {
    best_ = metric;
    num_bad_epochs_ = 0;
  } else {
    ++num_bad_epochs_;
  }
  if (in_cooldown()) {
    --cooldown_counter_;
    num_bad_epochs_ = 0;
  }
  if (num_bad_epochs_ > patience_) {
    reduce_lr(epoch);
    cooldown_counter_ = cooldown_;
    num_bad_epochs_ = 0;
  }
  last_lr_.clear();
  for (const auto& g : optimizer_.param_groups()) last_lr_.push_back(g.options().get_lr());
}

void ReduceLROnPlateauScheduler::reduce_lr(int64_t epoch) {
  auto& groups = optimizer_.param_groups();
  if (groups.size() != min_lrs_.size()) {
    WICK_CHECK(has_default_min_lr_, "The number of param groups in the `optimizer` (", groups.size(),
               ") differs from when `ReduceLROnPlateau` was initialized (", min_lrs_.size(),
               "), usually due to a new param group being added to the optimizer. Please modify "
               "the `min_lrs` field to match the length of the `optimizer` param groups.");
    min_lrs_.assign(groups.size(), default_min_lr_);
  }
  for (size_t i = 0; i < groups.size(); ++i) {
    const double old_lr = groups[i].options().get_lr();
    const double new_lr = std::max(old_lr * factor_, min_lrs_[i]);
    if (old_lr - new_lr > eps_) {
      groups[i].options().set_lr(new_lr);
      if (verbose_)
        std::printf("Epoch %05lld: reducing learning rate of group %zu to %.4e.\n",
                    static_cast<long long>(epoch), i, new_lr);
    }
  }
}

}  // namespace wick::optim
