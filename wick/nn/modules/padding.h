#pragma once
// wick::nn padding modules, LibTorch's torch::nn.
#include "wick/nn/options.h"
#include "wick/tensor/tensor.h"

namespace wick::nn {}
