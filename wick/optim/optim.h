#pragma once
// wick::optim: optimizers and learning-rate schedulers (LibTorch's torch/optim.h).
#include "wick/optim/adam.h"
#include "wick/optim/functional.h"
#include "wick/optim/lbfgs.h"
#include "wick/optim/optim_more.h"
#include "wick/optim/optimizer.h"
#include "wick/optim/rmsprop.h"
#include "wick/optim/schedulers/schedulers.h"
#include "wick/optim/sgd.h"
