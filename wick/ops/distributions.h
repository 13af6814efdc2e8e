#pragma once
// Samplers of the gamma and Dirichlet distributions (torch._standard_gamma and
// torch._sample_dirichlet). Both draw from the given generator, or the default
// one, and reproduce torch 1.13's CPU streams for the same seed: one gamma
// sample per element in row-major order, each by Marsaglia and Tsang's
// rejection method on double uniforms and cached Box-Muller normals (see
// distributions.cpp).
#include <optional>

#include "wick/core/generator.h"
#include "wick/tensor/tensor.h"

namespace wick {

// One Gamma(alpha, 1) sample per element of `alpha` (float or double), same
// shape and dtype; samples are at least the dtype's smallest normal number.
Tensor _standard_gamma(const Tensor& alpha, std::optional<Generator> generator = std::nullopt);
// One Dirichlet(alpha) sample per row of the last dimension of `alpha` (float
// or double): gamma samples (drawn in double) divided by their row sum.
Tensor _sample_dirichlet(const Tensor& alpha, std::optional<Generator> generator = std::nullopt);

}  // namespace wick
