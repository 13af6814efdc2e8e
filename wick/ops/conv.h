#pragma once
// Neural-network ops: linear layers, convolutions, fold/unfold.
#include "wick/tensor/tensor.h"

namespace wick {}  // namespace wick
