#pragma once
// wick::nn::functional (attention), LibTorch's torch::nn::functional:
// scaled_dot_product_attention and multi_head_attention_forward (PyTorch 2.x
// semantics: bool masks, is_causal, unbatched input, need_weights=false going
// through the fused scaled_dot_product_attention).
#include <optional>
#include <string>
#include <tuple>

#include "wick/core/error.h"
#include "wick/nn/options.h"
#include "wick/ops/attention.h"
#include "wick/tensor/tensor.h"

namespace wick::nn {

// Raised where PyTorch's Python code asserts (Python front end: AssertionError).
class AssertionError : public Error {
 public:
  explicit AssertionError(const std::string& msg) : Error(msg) {}
};

namespace functional {

struct MultiheadAttentionForwardFuncOptions {
  MultiheadAttentionForwardFuncOptions(int64_t embed_dim_to_check, int64_t num_heads,
                                       Tensor in_proj_weight, Tensor in_proj_bias, Tensor bias_k,
                                       Tensor bias_v, bool add_zero_attn, double dropout_p,
                                       Tensor out_proj_weight, Tensor out_proj_bias)
      : embed_dim_to_check_(embed_dim_to_check),
        num_heads_(num_heads),
        in_proj_weight_(std::move(in_proj_weight)),
        in_proj_bias_(std::move(in_proj_bias)),
        bias_k_(std::move(bias_k)),
        bias_v_(std::move(bias_v)),
        add_zero_attn_(add_zero_attn),
        dropout_p_(dropout_p),
        out_proj_weight_(std::move(out_proj_weight)),
        out_proj_bias_(std::move(out_proj_bias)) {}
  WICK_ARG(int64_t, embed_dim_to_check);
  WICK_ARG(int64_t, num_heads);
  WICK_ARG(Tensor, in_proj_weight);
  WICK_ARG(Tensor, in_proj_bias);
  WICK_ARG(Tensor, bias_k);
  WICK_ARG(Tensor, bias_v);
  WICK_ARG(bool, add_zero_attn);
  WICK_ARG(double, dropout_p);
  WICK_ARG(Tensor, out_proj_weight);
  WICK_ARG(Tensor, out_proj_bias);
  WICK_ARG(bool, training) = true;
  WICK_ARG(Tensor, key_padding_mask) = {};
  WICK_ARG(bool, need_weights) = true;
  WICK_ARG(Tensor, attn_mask) = {};
  WICK_ARG(bool, use_separate_proj_weight) = false;
  WICK_ARG(Tensor, q_proj_weight) = {};
  WICK_ARG(Tensor, k_proj_weight) = {};
  WICK_ARG(Tensor, v_proj_weight) = {};
  WICK_ARG(Tensor, static_k) = {};
  WICK_ARG(Tensor, static_v) = {};
  WICK_ARG(bool, average_attn_weights) = true;
  WICK_ARG(bool, is_causal) = false;
};

// (attn_output, attn_output_weights); the weights are undefined when
// need_weights is false. query (L, N, E) or unbatched (L, E).
std::tuple<Tensor, Tensor> multi_head_attention_forward(
    const Tensor& query, const Tensor& key, const Tensor& value,
    const MultiheadAttentionForwardFuncOptions& options);

struct ScaledDotProductAttentionFuncOptions {
  WICK_ARG(Tensor, attn_mask) = {};
  WICK_ARG(double, dropout_p) = 0.0;
  WICK_ARG(bool, is_causal) = false;
  WICK_ARG(std::optional<double>, scale) = std::nullopt;
};

inline Tensor scaled_dot_product_attention(const Tensor& query, const Tensor& key,
                                           const Tensor& value,
                                           const ScaledDotProductAttentionFuncOptions& options = {}) {
  std::optional<Tensor> mask;
  if (options.attn_mask().defined()) mask = options.attn_mask();
  return wick::scaled_dot_product_attention(query, key, value, mask, options.dropout_p(),
                                            options.is_causal(), options.scale());
}

// PyTorch's F._canonical_mask: a bool mask becomes 0 / -inf of `dtype`; a float
// mask passes; other dtypes fail ("only bool and floating types of <name> are supported").
Tensor _canonical_mask(const Tensor& mask, const std::string& mask_name, ScalarType dtype);

}  // namespace functional
}  // namespace wick::nn
