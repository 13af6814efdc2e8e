#pragma once
// (to be filled: the pointwise family)
#include "wick/tensor/tensor.h"

namespace wick {}  // namespace wick
