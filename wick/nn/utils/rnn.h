#pragma once
// wick::nn::utils::rnn: PackedSequence, pack/pad helpers.
#include "wick/nn/options.h"
#include "wick/tensor/tensor.h"

namespace wick::nn::utils::rnn {}
