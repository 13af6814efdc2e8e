#pragma once
// (to be filled: the index family)
#include "wick/tensor/tensor.h"

namespace wick {}  // namespace wick
