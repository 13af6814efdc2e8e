#pragma once
// Neural-network ops: activations and softmax.
#include "wick/tensor/tensor.h"

namespace wick {}  // namespace wick
