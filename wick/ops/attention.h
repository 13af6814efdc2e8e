#pragma once
// Attention ops: scaled_dot_product_attention and the multi-head attention forward.
#include "wick/tensor/tensor.h"

namespace wick {}  // namespace wick
