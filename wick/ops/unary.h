#pragma once
// (to be filled: the unary family)
#include "wick/tensor/tensor.h"

namespace wick {}  // namespace wick
