#pragma once
// wick::nn, LibTorch's torch::nn: modules, containers, init, utils.
#include "wick/nn/init.h"
#include "wick/nn/module.h"
#include "wick/nn/modules/container.h"
#include "wick/nn/ordered_dict.h"
#include "wick/nn/pimpl.h"
#include "wick/nn/utils/clip_grad.h"
