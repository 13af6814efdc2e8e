#pragma once
// (to be filled: the linalg family)
#include "wick/tensor/tensor.h"

namespace wick {}  // namespace wick
