#pragma once
// wick::nn::functional (linear), LibTorch's torch::nn::functional.
#include "wick/nn/options.h"
#include "wick/tensor/tensor.h"

namespace wick::nn::functional {}
