#pragma once
// (to be filled: the print family)
#include "wick/tensor/tensor.h"

namespace wick {}  // namespace wick
