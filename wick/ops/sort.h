#pragma once
// (to be filled: the sort family)
#include "wick/tensor/tensor.h"

namespace wick {}  // namespace wick
