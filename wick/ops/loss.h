#pragma once
// Neural-network ops: losses.
#include "wick/tensor/tensor.h"

namespace wick {}  // namespace wick
