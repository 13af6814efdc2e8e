#pragma once
// Neural-network ops: normalisation, dropout, embedding.
#include "wick/tensor/tensor.h"

namespace wick {}  // namespace wick
