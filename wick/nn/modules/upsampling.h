#pragma once
// wick::nn upsampling modules, LibTorch's torch::nn.
#include "wick/nn/options.h"
#include "wick/tensor/tensor.h"

namespace wick::nn {}
