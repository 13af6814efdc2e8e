#pragma once
// Attention ops: scaled_dot_product_attention (PyTorch 2.x semantics).
//
//   out = dropout(softmax(q @ k^T * scale + mask)) @ v
//
// over arbitrary (broadcast) batch dims: query (..., L, E), key (..., S, E),
// value (..., S, Ev) -> (..., L, Ev). A bool attn_mask means "take part"
// (False positions get -inf), a float one is added; is_causal masks with a
// lower-triangular (L, S) pattern. scale defaults to 1/sqrt(E). Dropout draws
// its mask from the default generator as dropout() on the (..., L, S) weights
// would (so a seeded run matches PyTorch's math path).
#include <optional>
#include <tuple>

#include "wick/tensor/tensor.h"

namespace wick {

Tensor scaled_dot_product_attention(const Tensor& query, const Tensor& key, const Tensor& value,
                                    const std::optional<Tensor>& attn_mask = std::nullopt,
                                    double dropout_p = 0.0, bool is_causal = false,
                                    std::optional<double> scale = std::nullopt);

}  // namespace wick
