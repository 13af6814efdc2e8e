#pragma once
// (to be filled: the reduce family)
#include "wick/tensor/tensor.h"

namespace wick {}  // namespace wick
