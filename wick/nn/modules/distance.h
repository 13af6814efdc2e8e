#pragma once
// wick::nn distance modules, LibTorch's torch::nn.
#include "wick/nn/options.h"
#include "wick/tensor/tensor.h"

namespace wick::nn {}
