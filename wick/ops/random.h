#pragma once
// (to be filled: the random family)
#include "wick/tensor/tensor.h"

namespace wick {}  // namespace wick
