#pragma once
// (to be filled: the shape family)
#include "wick/tensor/tensor.h"

namespace wick {}  // namespace wick
