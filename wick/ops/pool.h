#pragma once
// Neural-network ops: pooling, padding, resampling.
#include "wick/tensor/tensor.h"

namespace wick {}  // namespace wick
