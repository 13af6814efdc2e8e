#pragma once
// (to be filled: the indexing family)
#include "wick/tensor/tensor.h"

namespace wick {}  // namespace wick
