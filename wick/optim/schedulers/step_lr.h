#pragma once
// wick::optim::StepLR (LibTorch's torch/optim/schedulers/step_lr.h): every
// step_size epochs each group's lr is multiplied by gamma. The sequence is
// PyTorch's (see Note [scheduler protocol] in lr_scheduler.h).
#include "wick/optim/schedulers/lr_scheduler.h"

namespace wick::optim {

class StepLR : public LRScheduler {
 public:
  StepLR(Optimizer& optimizer, int64_t step_size, double gamma = 0.1, int64_t last_epoch = -1);
  std::string name() const override { return "StepLR"; }

 protected:
  std::vector<double> get_lrs() override;
  std::optional<std::vector<double>> get_closed_form_lrs() override;

 private:
  int64_t step_size_;
  double gamma_;
};

}  // namespace wick::optim
