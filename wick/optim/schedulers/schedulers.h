#pragma once
// wick::optim learning-rate schedulers (torch.optim.lr_scheduler; LibTorch's
// torch/optim/schedulers/).
#include "wick/optim/schedulers/lr_scheduler.h"
#include "wick/optim/schedulers/lr_schedulers.h"
#include "wick/optim/schedulers/reduce_on_plateau_scheduler.h"
#include "wick/optim/schedulers/step_lr.h"
