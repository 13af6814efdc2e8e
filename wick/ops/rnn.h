#pragma once
// Recurrent-network ops: RNN/LSTM/GRU cells and the multi-layer sequence ops.
#include "wick/tensor/tensor.h"

namespace wick {}  // namespace wick
