#pragma once
// (to be filled: the binary family)
#include "wick/tensor/tensor.h"

namespace wick {}  // namespace wick
